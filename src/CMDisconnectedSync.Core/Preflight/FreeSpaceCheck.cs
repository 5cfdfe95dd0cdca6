using System.Globalization;
using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// The volume holding <paramref name="path"/> has room for <paramref name="bytesNeeded"/> plus
/// <paramref name="marginBytes"/> (WSUS and Windows need headroom; a full system volume stops WSUS).
/// </summary>
/// <param name="volumes">Reads the volume's free space.</param>
/// <param name="purpose">What the bytes are for, e.g. "bundle target" or "WsusContent", shown in the check's name.</param>
/// <param name="path">The folder that will receive the bytes (need not exist yet).</param>
/// <param name="bytesNeeded">Bytes the step will write.</param>
/// <param name="marginBytes">Headroom to keep free afterwards.</param>
public sealed class FreeSpaceCheck(IVolumeInspector volumes, string purpose, string path, long bytesNeeded, long marginBytes) : IPreflightCheck
{
    public string Name => $"Free space for {purpose}";

    public Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var volume = volumes.Inspect(path);
        var required = bytesNeeded + marginBytes;
        var detail = $"{path} (volume {volume.RootPath}) has {FormatBytes(volume.FreeBytes)} free; {FormatBytes(bytesNeeded)} to write + {FormatBytes(marginBytes)} margin = {FormatBytes(required)} needed.";
        return Task.FromResult(volume.FreeBytes >= required
            ? PreflightCheckResult.Pass(Name, detail)
            : PreflightCheckResult.Fail(Name, detail,
                $"Free at least {FormatBytes(required - volume.FreeBytes)} on {volume.RootPath} or choose another location, then rerun."));
    }

    /// <summary>Bytes in binary units as admins read them: <c>1.5 GiB</c>.</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " bytes"
            : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
