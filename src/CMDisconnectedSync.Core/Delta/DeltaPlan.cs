using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Delta;

/// <summary>A file the bundle must carry, with its hash when the planner already had to compute it.</summary>
public sealed record PlannedFile(string Path, long Size, ContentChange Change, string? KnownSha256);

/// <summary>What to send against a base: new and changed files, removed paths, and the current inventory.</summary>
public sealed record DeltaPlan
{
    public required IReadOnlyList<PlannedFile> Files { get; init; }

    public required IReadOnlyList<string> RemovedPaths { get; init; }

    public required int UnchangedCount { get; init; }

    /// <summary>The source tree as scanned, with hashes carried over from the base for unchanged files.</summary>
    public required ContentInventory Current { get; init; }

    /// <summary>
    /// The inventory the other side has after applying this plan to <paramref name="baseline"/>: base minus removed
    /// paths, plus every planned file (path + size). Used to prove delta(base, new) applied to base gives new.
    /// </summary>
    public IReadOnlyDictionary<string, long> ApplyTo(IEnumerable<InventoryEntry> baseline)
    {
        _ = baseline ?? throw new ArgumentNullException(nameof(baseline));
        var result = baseline.ToDictionary(e => e.Path, e => e.Size, StringComparer.Ordinal);
        foreach (var removed in RemovedPaths)
        {
            result.Remove(removed);
        }

        foreach (var file in Files)
        {
            result[file.Path] = file.Size;
        }

        return result;
    }
}

/// <summary>
/// What the other side is known to have. <see cref="TimestampsComparable"/> is true only when the inventory came
/// from this same content tree (the previous export), so equal size + last-write means unchanged without hashing;
/// a receipt's timestamps are the disconnected server's and prove nothing, so those files are hashed.
/// </summary>
public sealed record DeltaBase(BundleBase? Base, ContentInventory Inventory, bool TimestampsComparable);
