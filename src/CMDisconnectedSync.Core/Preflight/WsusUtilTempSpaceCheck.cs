using CMDisconnectedSync.Host;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// The temp folder wsusutil stages in has room for what it will put there (<see cref="WsusUtilTempSpace"/>) plus
/// <paramref name="marginBytes"/>. A full %TEMP% volume fails wsusutil half-way, usually on the system drive.
/// </summary>
/// <param name="volumes">Reads the volume's free space.</param>
/// <param name="wsus">Says which temp folder its wsusutil uses (<see cref="WsusInstallation.WsusUtilTempFolder"/>).</param>
/// <param name="operation">Export or import.</param>
/// <param name="packagePath">The package path wsusutil will be given (its extension and whether it is UNC matter).</param>
/// <param name="packageBytes">The package to import, or an earlier export's package size (null: a floor).</param>
/// <param name="marginBytes">Headroom to keep free afterwards.</param>
public sealed class WsusUtilTempSpaceCheck(
    IVolumeInspector volumes, IWsusServer wsus, WsusUtilOperation operation, string packagePath, long? packageBytes, long marginBytes) : IPreflightCheck
{
    public string Name => "Free space for wsusutil's temp files";

    public Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var folder = wsus.LocateInstallation().Installation?.WsusUtilTempFolder ?? WsusUtilTempSpace.FolderFor(null);
        var need = WsusUtilTempSpace.Estimate(operation, packagePath, packageBytes);
        var volume = volumes.Inspect(folder);
        var required = need.Bytes + marginBytes;
        var detail = $"{need.Reason}: the temp folder {folder} (volume {volume.RootPath}, of the account that runs wsusutil) has "
            + $"{FreeSpaceCheck.FormatBytes(volume.FreeBytes)} free; {FreeSpaceCheck.FormatBytes(need.Bytes)} + {FreeSpaceCheck.FormatBytes(marginBytes)} margin = {FreeSpaceCheck.FormatBytes(required)} needed.";
        if (volume.FreeBytes >= required)
        {
            return Task.FromResult(PreflightCheckResult.Pass(Name, detail));
        }

        var variables = string.Join(" or ", WsusUtilTempSpace.TempVariables.Take(2));
        return Task.FromResult(PreflightCheckResult.Fail(Name, detail,
            $"Free at least {FreeSpaceCheck.FormatBytes(required - volume.FreeBytes)} on {volume.RootPath}, or point {variables} of the account that runs cmdsync "
            + "(wsusutil inherits it) to a folder on a volume with room, open a new session, then rerun."));
    }
}
