using CMDisconnectedSync.Host;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>The WsusContent folder's volume: NTFS (writable on the import side) with the recommended free space. Reads only.</summary>
public sealed class WsusContentVolumeCheck(IWsusServer wsus, IVolumeInspector volumes, DoctorSide side) : IDoctorCheck
{
    public string Name => "WsusContent volume";

    public FieldFact PrimaryFact => FieldFacts.WsusContentFileSystem;

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        var lookup = wsus.LocateInstallation();
        if (lookup.Installation is not { } installation)
        {
            return Done(
                FieldFacts.WsusContentFileSystem.NotApplicable(lookup.Problem),
                FieldFacts.WsusContentFreeSpace.NotApplicable("WSUS is not installed here (see wsus.registry.setupKey)."));
        }

        VolumeState volume;
        try
        {
            volume = volumes.Inspect(installation.ContentDirectory);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Done(
                FieldFacts.WsusContentFileSystem.AccessDenied($"{installation.ContentDirectory}: {ex.Message} Run elevated as a local Administrator."),
                FieldFacts.WsusContentFreeSpace.AccessDenied($"{installation.ContentDirectory}: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return Done(
                FieldFacts.WsusContentFileSystem.Missing(installation.ContentDirectory, ex.Message),
                FieldFacts.WsusContentFreeSpace.Missing(installation.ContentDirectory, ex.Message));
        }

        return Done(FileSystemFinding(installation.ContentDirectory, volume), FreeSpaceFinding(installation.ContentDirectory, volume));
    }

    private DoctorFinding FileSystemFinding(string contentDirectory, VolumeState volume)
    {
        var found = $"{volume.FileSystem} ({volume.RootPath}, {(volume.IsWritable ? "writable" : "not writable by this account")})";
        if (!string.Equals(volume.FileSystem, ContentVolumeCheck.RequiredFileSystem, StringComparison.OrdinalIgnoreCase))
        {
            return FieldFacts.WsusContentFileSystem.Differs(found,
                $"{contentDirectory} is not on NTFS. Move the content to an NTFS volume with 'wsusutil movecontent <new folder> <log>'.");
        }

        if (side == DoctorSide.Import && !volume.IsWritable)
        {
            return FieldFacts.WsusContentFileSystem.Finding(CheckStatus.AccessDenied, found,
                $"The import copies content into {contentDirectory}: run elevated as a local Administrator and check the folder's permissions.");
        }

        return FieldFacts.WsusContentFileSystem.Confirmed(found);
    }

    private static DoctorFinding FreeSpaceFinding(string contentDirectory, VolumeState volume)
    {
        var found = $"{FreeSpaceCheck.FormatBytes(volume.FreeBytes)} free on {volume.RootPath}";
        return volume.FreeBytes >= FieldFacts.MinimumContentFreeBytes
            ? FieldFacts.WsusContentFreeSpace.Confirmed(found)
            : FieldFacts.WsusContentFreeSpace.Differs(found,
                $"Free space on {volume.RootPath} (holding {contentDirectory}) or move the content with 'wsusutil movecontent'; "
                + "each import also needs room for the bundle's new content.");
    }

    private static Task<IReadOnlyList<DoctorFinding>> Done(params DoctorFinding[] findings) => Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
}
