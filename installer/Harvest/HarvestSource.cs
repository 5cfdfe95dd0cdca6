namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>One file to ship: where it comes from and where it lands, relative to a directory of Product.wxs.</summary>
/// <param name="SourcePath">Absolute path of the file on the build machine.</param>
/// <param name="InstallPath">Path below the area's target directory, '/' separated (e.g. <c>de/X.resources.dll</c>).</param>
internal sealed record SourceFile(string SourcePath, string InstallPath);

/// <summary>
/// One area of the installer (App, Cli, ConsoleXml, ConsoleExtensionCab): the files it ships and the Product.wxs
/// directory they are installed under. Each area becomes one generated Fragment holding one ComponentGroup.
/// </summary>
internal sealed record HarvestSource(string Area, string TargetDirectoryId, IReadOnlyList<SourceFile> Files)
{
    /// <summary>Every shipped file below <paramref name="folder"/> (see <see cref="ShippedFileFilter"/>), recursively.</summary>
    /// <param name="installPrefix">Folder prepended to each install path, e.g. <c>XmlStorage</c>.</param>
    public static HarvestSource FromFolder(string area, string folder, string targetDirectoryId, string installPrefix = "")
    {
        if (!Directory.Exists(folder))
        {
            throw new HarvestException(
                $"The {area} folder '{folder}' does not exist. Publish or build it first (./build.sh pack does both).");
        }

        var root = Path.GetFullPath(folder);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(ShippedFileFilter.IsShipped)
            .Select(path => new SourceFile(path, Combine(installPrefix, Path.GetRelativePath(root, path).Replace('\\', '/'))))
            .OrderBy(file => file.InstallPath, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new HarvestSource(area, targetDirectoryId, files);
    }

    /// <summary>The same layout as <see cref="FromFolder"/>, or an area with no files when the folder is absent.</summary>
    public static HarvestSource FromOptionalFolder(string area, string folder, string targetDirectoryId, string installPrefix = "") =>
        Directory.Exists(folder) ? FromFolder(area, folder, targetDirectoryId, installPrefix) : Empty(area, targetDirectoryId);

    /// <summary>One file placed directly in the target directory, or no file when it does not exist.</summary>
    public static HarvestSource FromOptionalFile(string area, string file, string targetDirectoryId) =>
        File.Exists(file)
            ? new HarvestSource(area, targetDirectoryId, [new SourceFile(Path.GetFullPath(file), Path.GetFileName(file))])
            : Empty(area, targetDirectoryId);

    public static HarvestSource Empty(string area, string targetDirectoryId) => new(area, targetDirectoryId, []);

    private static string Combine(string prefix, string relative) =>
        prefix.Length == 0 ? relative : prefix.TrimEnd('/') + "/" + relative;
}
