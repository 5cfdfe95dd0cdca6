using System.Globalization;

namespace CMDisconnectedSync.Wsus;

/// <summary>
/// Package and log names for one wsusutil run. wsusutil needs both names to be unique in their folder
/// (Microsoft's export/import procedure), and the package uses <c>.xml.gz</c>: the old <c>.cab</c> form broke past
/// 2 GB of metadata (design.md §4).
/// </summary>
public sealed record WsusMetadataFileNames(string PackagePath, string LogPath)
{
    public const string PackageExtension = ".xml.gz";
    public const string LogExtension = ".log";

    /// <summary>
    /// <c>&lt;folder&gt;\&lt;prefix&gt;-yyyyMMddTHHmmssZ-&lt;8 hex&gt;.xml.gz</c> and the matching <c>.log</c>, neither
    /// of which exists yet.
    /// </summary>
    public static WsusMetadataFileNames CreateUnique(string folder, string prefix, TimeProvider clock)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        while (true)
        {
            var stem = string.Concat(prefix, "-", stamp, "-", Guid.NewGuid().ToString("N").Substring(0, 8));
            var names = new WsusMetadataFileNames(Path.Combine(folder, stem + PackageExtension), Path.Combine(folder, stem + LogExtension));
            if (!File.Exists(names.PackagePath) && !File.Exists(names.LogPath))
            {
                return names;
            }
        }
    }
}
