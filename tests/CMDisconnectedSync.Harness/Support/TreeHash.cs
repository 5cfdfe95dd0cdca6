using System.Security.Cryptography;
using System.Text;

namespace CMDisconnectedSync.Harness.Support;

/// <summary>
/// One SHA-256 over a whole folder tree: every entry's relative path, kind (file, folder, link + target), size and
/// content, in ordinal order. Equal before and after means nothing under the folder was created, changed or removed.
/// </summary>
internal static class TreeHash
{
    public static string Of(string root)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!Directory.Exists(root))
        {
            hash.AppendData("<absent>"u8);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        var entries = new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .Select(e => (Relative: System.IO.Path.GetRelativePath(root, e.FullName).Replace('\\', '/'), Info: e))
            .OrderBy(e => e.Relative, StringComparer.Ordinal);
        foreach (var (relative, info) in entries)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\0"));
            if (info.LinkTarget is not null)
            {
                hash.AppendData(Encoding.UTF8.GetBytes("link:" + info.LinkTarget + "\0"));
            }
            else if (info is FileInfo file)
            {
                hash.AppendData(Encoding.UTF8.GetBytes("file:" + file.Length + "\0"));
                hash.AppendData(File.ReadAllBytes(file.FullName));
            }
            else
            {
                hash.AppendData("dir\0"u8);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Relative paths of files under <paramref name="root"/> whose names end in <paramref name="suffix"/>.</summary>
    public static IReadOnlyList<string> FilesEndingIn(string root, string suffix) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(suffix, StringComparison.Ordinal)).Select(f => System.IO.Path.GetRelativePath(root, f)).ToList()
            : [];
}
