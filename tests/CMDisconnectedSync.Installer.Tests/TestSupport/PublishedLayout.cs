namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>What a build output folder ships, listed independently of msi-harvest's own filter.</summary>
internal static class PublishedLayout
{
    private static readonly string[] BinaryExtensions = [".exe", ".dll", ".config"];

    /// <summary>Every binary (exe, dll, exe.config) below <paramref name="folder"/>, '/' separated, relative.</summary>
    public static IReadOnlyList<string> Binaries(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => BinaryExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .ToList();

    /// <summary>Every file below <paramref name="folder"/>, '/' separated, relative; none when it does not exist.</summary>
    public static IReadOnlyList<string> AllFiles(string folder) =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/')).ToList()
            : [];
}
