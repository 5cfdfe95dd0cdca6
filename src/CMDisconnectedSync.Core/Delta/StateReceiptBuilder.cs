using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Delta;

/// <summary>
/// Builds the disconnected side's receipt: scans its content tree, reuses the SHA-256 recorded at install for
/// files whose size and last-write are unchanged since, hashes the rest, and adds the last accepted bundle.
/// </summary>
public sealed class StateReceiptBuilder
{
    private readonly ContentInventoryScanner _scanner;
    private readonly TimeProvider _clock;

    public StateReceiptBuilder(ContentInventoryScanner scanner, TimeProvider clock)
    {
        _scanner = scanner ?? throw new ArgumentNullException(nameof(scanner));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public async Task<StateReceipt> BuildAsync(string contentRoot, DisconnectedStateStore state, string server, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = state ?? throw new ArgumentNullException(nameof(state));
        var scanned = _scanner.Scan(contentRoot, cancellationToken);
        var known = (await state.LoadInventoryAsync(cancellationToken).ConfigureAwait(false)).Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var entries = new InventoryEntry[scanned.Entries.Count];
        var tracker = new ProgressTracker(progress, scanned.Entries.Sum(e => e.Size), entries.Length);
        await BoundedParallel.ForEachAsync(
            Enumerable.Range(0, entries.Length).ToList(),
            async (i, ct) =>
            {
                var entry = scanned.Entries[i];
                var sha256 = known.TryGetValue(entry.Path, out var recorded) && recorded.Size == entry.Size && recorded.LastWriteUtc == entry.LastWriteUtc && recorded.Sha256 is not null
                    ? recorded.Sha256
                    : await Sha256Hex.OfFileAsync(Path.Combine(contentRoot, entry.Path.Replace('/', Path.DirectorySeparatorChar)), ct).ConfigureAwait(false);
                entries[i] = entry with { Sha256 = sha256 };
                tracker.Report(entry.Size);
                tracker.FileDone();
            },
            cancellationToken).ConfigureAwait(false);

        var accepted = (await state.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false)).LastAccepted;
        return new StateReceipt
        {
            CreatedAtUtc = _clock.GetUtcNow(),
            Server = server,
            LastAccepted = accepted is null ? null : new BundleBase(accepted.Sequence, accepted.ManifestSha256),
            Inventory = ContentInventory.From(entries),
        };
    }
}
