using System.Text.Json.Serialization;
using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Delta;

/// <summary>One file of a content tree: relative path ('/'), size, last write (UTC) and SHA-256 when known.</summary>
public sealed record InventoryEntry
{
    public required string Path { get; init; }

    public required long Size { get; init; }

    [JsonConverter(typeof(UtcTimestampConverter))]
    public required DateTimeOffset LastWriteUtc { get; init; }

    /// <summary>Null until someone needed to hash the file.</summary>
    public string? Sha256 { get; init; }
}

/// <summary>A content tree's files, sorted ordinal by path.</summary>
public sealed record ContentInventory
{
    public const string CurrentFormatVersion = "1.0";

    public string FormatVersion { get; init; } = CurrentFormatVersion;

    public required IReadOnlyList<InventoryEntry> Entries { get; init; }

    /// <summary>
    /// Only in the export chain's inventory: the sequence of the export whose tree this is, so the chain can tell
    /// an inventory that lags its manifest (a power cut between the two writes). Null in receipts and in chain
    /// files written by earlier builds.
    /// </summary>
    public long? ExportSequence { get; init; }

    /// <summary>Only in the export chain's inventory: the SHA-256 of that export's manifest.</summary>
    public string? ExportManifestSha256 { get; init; }

    public static ContentInventory Empty { get; } = new() { Entries = [] };

    public static ContentInventory From(IEnumerable<InventoryEntry> entries)
    {
        // The planner and the chain pass entries that are already in order: one linear check instead of a sort of
        // every path again (a no-change delta sorted the same 100,000 paths twice).
        var list = entries.ToList();
        for (var i = 1; i < list.Count; i++)
        {
            if (string.CompareOrdinal(list[i - 1].Path, list[i].Path) > 0)
            {
                return new() { Entries = list.OrderBy(e => e.Path, StringComparer.Ordinal).ToList() };
            }
        }

        return new() { Entries = list };
    }

    /// <summary>This inventory with the hashes written into a bundle (what the export chain keeps for next time).</summary>
    public ContentInventory WithHashes(IEnumerable<BundleFileEntry> files)
    {
        _ = files ?? throw new ArgumentNullException(nameof(files));
        var list = files as IReadOnlyList<BundleFileEntry> ?? files.ToList();
        if (!StrictlyOrdered(list, f => f.Path) || !StrictlyOrdered(Entries, e => e.Path))
        {
            var hashes = list.ToDictionary(f => f.Path, f => f, StringComparer.Ordinal);
            return From(Entries.Select(e => hashes.TryGetValue(e.Path, out var f) && f.Size == e.Size ? e with { Sha256 = f.Sha256 } : e));
        }

        // A bundle's files are in canonical (ordinal) order, as are these entries: a merge, not a dictionary of every file.
        var merged = new List<InventoryEntry>(Entries.Count);
        var next = 0;
        foreach (var e in Entries)
        {
            while (next < list.Count && string.CompareOrdinal(list[next].Path, e.Path) < 0)
            {
                next++;
            }

            var f = next < list.Count && string.Equals(list[next].Path, e.Path, StringComparison.Ordinal) ? list[next] : null;
            merged.Add(f is not null && f.Size == e.Size ? e with { Sha256 = f.Sha256 } : e);
        }

        return From(merged);
    }

    private static bool StrictlyOrdered<T>(IReadOnlyList<T> items, Func<T, string> path)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (string.CompareOrdinal(path(items[i - 1]), path(items[i])) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
