using CMDisconnectedSync.Delta;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// What of WsusContent goes into a bundle: every file, license-terms <c>.txt</c> files included (missing EULA files
/// show up later as ConfigMgr state 6708), except logs and temporary files (<c>*.log</c>, <c>*.tmp</c>, anything
/// under a top-level <c>tmp</c>/<c>temp</c>/<c>logs</c> folder). Our own <c>*.cmdsync-partial</c> files are already
/// skipped by <see cref="ContentInventoryScanner"/>.
/// </summary>
public static class ExportContentFilter
{
    private static readonly string[] ExcludedExtensions = [".log", ".tmp", ".temp"];
    private static readonly string[] ExcludedTopFolders = ["tmp", "temp", "logs"];

    public static bool IsExcluded(string relativePath)
    {
        _ = relativePath ?? throw new ArgumentNullException(nameof(relativePath));
        if (ExcludedExtensions.Any(e => relativePath.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var slash = relativePath.IndexOf('/');
        return slash > 0 && ExcludedTopFolders.Any(f => string.Equals(relativePath.Substring(0, slash), f, StringComparison.OrdinalIgnoreCase));
    }

    public static ContentInventory Apply(ContentInventory inventory) =>
        ContentInventory.From((inventory ?? throw new ArgumentNullException(nameof(inventory))).Entries.Where(e => !IsExcluded(e.Path)));
}
