namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>
/// Decides which files of a publish folder are shipped. Build by-products that an admin never needs are left out:
/// debug symbols (*.pdb) and XML documentation files (<c>Name.xml</c> next to <c>Name.dll</c>/<c>Name.exe</c>).
/// Everything else ships, including <c>*.exe.config</c> (binding redirects) and satellite resource folders.
/// </summary>
internal static class ShippedFileFilter
{
    public static bool IsShipped(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".pdb", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return !(extension.Equals(".xml", StringComparison.OrdinalIgnoreCase) && IsDocumentationFor(path));
    }

    private static bool IsDocumentationFor(string xmlPath)
    {
        var withoutExtension = Path.ChangeExtension(xmlPath, null);
        return File.Exists(withoutExtension + ".dll") || File.Exists(withoutExtension + ".exe");
    }
}
