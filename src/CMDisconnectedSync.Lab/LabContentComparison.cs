using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Lab;

/// <summary>How two WsusContent trees compare, file by file, by SHA-256.</summary>
/// <param name="Files">Files in the source tree.</param>
/// <param name="Bytes">Bytes in the source tree.</param>
/// <param name="Differences">Relative paths missing, extra or different on the target, each with what is wrong; empty when identical.</param>
public sealed record LabContentComparison(int Files, long Bytes, IReadOnlyList<string> Differences)
{
    public bool Identical => Differences.Count == 0;

    /// <summary>Compares every file of <paramref name="sourceRoot"/> with <paramref name="targetRoot"/> (and lists target-only files).</summary>
    public static async Task<LabContentComparison> CompareAsync(string sourceRoot, string targetRoot, CancellationToken cancellationToken)
    {
        var source = List(sourceRoot);
        var target = List(targetRoot);
        var differences = new List<string>();
        differences.AddRange(target.Keys.Where(k => !source.ContainsKey(k)).Select(k => k + ": only on " + targetRoot));
        long bytes = 0;
        foreach (var entry in source)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bytes += entry.Value.Length;
            if (!target.TryGetValue(entry.Key, out var other))
            {
                differences.Add(entry.Key + ": missing on " + targetRoot);
            }
            else if (other.Length != entry.Value.Length)
            {
                differences.Add(entry.Key + ": size differs");
            }
            else if (await Sha256Hex.OfFileAsync(entry.Value.FullName, cancellationToken).ConfigureAwait(false)
                     != await Sha256Hex.OfFileAsync(other.FullName, cancellationToken).ConfigureAwait(false))
            {
                differences.Add(entry.Key + ": content differs");
            }
        }

        differences.Sort(StringComparer.Ordinal);
        return new LabContentComparison(source.Count, bytes, differences);
    }

    private static Dictionary<string, FileInfo> List(string root)
    {
        var full = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return new DirectoryInfo(full).EnumerateFiles("*", SearchOption.AllDirectories)
            .ToDictionary(f => f.FullName.Substring(full.Length).Replace(Path.DirectorySeparatorChar, '/'), f => f, StringComparer.Ordinal);
    }
}
