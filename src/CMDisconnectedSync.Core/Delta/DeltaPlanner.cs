using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Delta;

/// <summary>
/// Decides which files of a content tree the other side lacks. Size differs: changed. Size and last-write equal
/// (comparable base): unchanged, no read. Size equal but time differs or is not comparable: the file is hashed
/// and compared with the base's SHA-256 (hashed only when needed). Without a base every file is new.
/// </summary>
public sealed class DeltaPlanner
{
    public async Task<DeltaPlan> PlanAsync(string contentRoot, ContentInventory current, DeltaBase? baseline, CancellationToken cancellationToken)
    {
        _ = contentRoot ?? throw new ArgumentNullException(nameof(contentRoot));
        _ = current ?? throw new ArgumentNullException(nameof(current));
        var baseEntries = (baseline?.Inventory.Entries ?? []).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var comparableTimes = baseline?.TimestampsComparable ?? false;
        var planned = new List<PlannedFile>();
        var inventory = new List<InventoryEntry>(current.Entries.Count);
        var unchanged = 0;
        var matched = 0;
        var distinct = true;
        string? previous = null;
        foreach (var entry in current.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            distinct &= previous is null || string.CompareOrdinal(previous, entry.Path) < 0;
            previous = entry.Path;
            if (!baseEntries.TryGetValue(entry.Path, out var known))
            {
                planned.Add(new PlannedFile(entry.Path, entry.Size, ContentChange.New, entry.Sha256));
                inventory.Add(entry);
                continue;
            }

            matched++;
            if (known.Size != entry.Size)
            {
                planned.Add(new PlannedFile(entry.Path, entry.Size, ContentChange.Changed, null));
                inventory.Add(entry);
                continue;
            }

            if (comparableTimes && known.LastWriteUtc == entry.LastWriteUtc)
            {
                unchanged++;
                inventory.Add(entry with { Sha256 = known.Sha256 });
                continue;
            }

            var sha256 = await Sha256Hex.OfFileAsync(Path.Combine(contentRoot, entry.Path.Replace('/', Path.DirectorySeparatorChar)), cancellationToken).ConfigureAwait(false);
            inventory.Add(entry with { Sha256 = sha256 });
            if (string.Equals(sha256, known.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                unchanged++;
            }
            else
            {
                planned.Add(new PlannedFile(entry.Path, entry.Size, ContentChange.Changed, sha256));
            }
        }

        // Every base path still present (the no-change case; distinct current paths matched all of them): nothing
        // removed, and no set of all current paths to build.
        IReadOnlyList<string> removed = [];
        if (!distinct || matched != baseEntries.Count)
        {
            var currentPaths = new HashSet<string>(current.Entries.Select(e => e.Path), StringComparer.Ordinal);
            removed = baseEntries.Keys.Where(p => !currentPaths.Contains(p)).OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        return new DeltaPlan
        {
            Files = planned,
            RemovedPaths = removed,
            UnchangedCount = unchanged,
            Current = ContentInventory.From(inventory),
        };
    }
}
