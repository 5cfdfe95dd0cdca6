using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Workflows;

/// <summary>Finds a bundle's manifest.json: at its root, or in volume-001 of a split bundle.</summary>
public static class BundleManifestLocator
{
    public static string Find(string bundleFolder) =>
        TryFind(bundleFolder) ?? throw new FileNotFoundException(
            $"No {BundleLayout.ManifestFileName} in {bundleFolder} (nor in its {BundleLayout.VolumeFolder(1)} folder): is this a bundle folder?",
            Path.Combine(bundleFolder, BundleLayout.ManifestFileName));

    /// <summary>The manifest's path, or null when the folder holds none.</summary>
    public static string? TryFind(string bundleFolder)
    {
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        var single = Path.Combine(bundleFolder, BundleLayout.ManifestPath(0));
        if (File.Exists(single))
        {
            return single;
        }

        var split = Path.Combine(bundleFolder, BundleLayout.ManifestPath(1).Replace('/', Path.DirectorySeparatorChar));
        return File.Exists(split) ? split : null;
    }
}
