using CMDisconnectedSync.Host;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The temp folder wsusutil stages in (the TEMP of the account that runs cmdsync; <see cref="WsusUtilTempSpace"/>):
/// where it is and whether it has room for a first export's log. Reads only; each run's preflight checks the exact need.
/// </summary>
public sealed class WsusUtilTempFolderCheck(IWsusServer wsus, IVolumeInspector volumes) : IDoctorCheck
{
    public string Name => "wsusutil temp folder";

    public FieldFact PrimaryFact => FieldFacts.WsusUtilTempFolder;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var lookup = wsus.LocateInstallation();
        if (lookup.Installation is not { } installation)
        {
            return Done(FieldFacts.WsusUtilTempFolder.NotApplicable("WSUS is not installed here, so wsusutil does not run here (see wsus.registry.setupKey)."));
        }

        var folder = installation.WsusUtilTempFolder ?? WsusUtilTempSpace.FolderFor(null);
        VolumeState volume;
        try
        {
            volume = volumes.Inspect(folder);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Done(FieldFacts.WsusUtilTempFolder.AccessDenied($"{folder}: {ex.Message} Run as the account that runs cmdsync, elevated."));
        }
        catch (IOException ex)
        {
            return Done(FieldFacts.WsusUtilTempFolder.Missing(folder, ex.Message + " Set TMP and TEMP of this account to an existing folder."));
        }

        var found = $"{folder} on {volume.RootPath}: {FreeSpaceCheck.FormatBytes(volume.FreeBytes)} free, {(volume.IsWritable ? "writable" : "not writable by this account")}";
        var fix = $"Free space on {volume.RootPath}, or point TMP and TEMP of the account that runs cmdsync to a writable folder on a volume with room (wsusutil inherits them).";
        return Done(volume.IsWritable && volume.FreeBytes >= FieldFacts.MinimumWsusUtilTempFreeBytes
            ? FieldFacts.WsusUtilTempFolder.Confirmed(found)
            : FieldFacts.WsusUtilTempFolder.Differs(found, fix));
    }

    private static Task<IReadOnlyList<DoctorFinding>> Done(params DoctorFinding[] findings) => Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
}
