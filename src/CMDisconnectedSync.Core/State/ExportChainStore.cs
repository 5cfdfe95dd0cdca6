using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.State;

/// <summary>
/// What the export side remembers of its last bundle (its sequence, the SHA-256 of its manifest, and the content
/// tree as exported with hashes and last-write times), so the next bundle is sequence + 1 against it. The
/// manifest's exact bytes stay in the chain folder (<see cref="ExportChainStore.LastManifestFileName"/>).
/// </summary>
/// <param name="LastSequence">The head's sequence.</param>
/// <param name="LastManifestSha256">SHA-256 of the head's exact manifest bytes.</param>
/// <param name="Inventory">The content tree the head left the other side with, as far as this side knows.</param>
/// <param name="Repair">
/// Null normally; otherwise what <see cref="ExportChainStore.LoadAsync"/> did to an inventory that lagged the
/// manifest (for the log and the plan).
/// </param>
public sealed record ExportChain(long LastSequence, string LastManifestSha256, ContentInventory Inventory, string? Repair = null)
{
    public long NextSequence => LastSequence + 1;

    /// <summary>The base for the next bundle: the last export, whose timestamps come from this same tree.</summary>
    public DeltaBase ToDeltaBase() => new(new BundleBase(LastSequence, LastManifestSha256), Inventory, TimestampsComparable: true);
}

/// <summary>
/// The export side's chain folder: <c>last-manifest.json</c> (exact bytes) and <c>last-inventory.json</c>, each
/// replaced atomically after a bundle is complete. The pair is not one atomic write, so the manifest goes first and
/// the inventory names the export it belongs to: a power cut in between leaves an inventory one export behind,
/// which <see cref="LoadAsync"/> brings level by applying the manifest (its files and removed paths) to it. The
/// reverse order would leave the old head with the new inventory, and the next export would silently omit the
/// files of the bundle that was never recorded.
/// </summary>
public sealed class ExportChainStore
{
    public const string LastManifestFileName = "last-manifest.json";
    public const string LastInventoryFileName = "last-inventory.json";

    private readonly StateFolderGuard _guard;

    /// <param name="folder">The export side's state folder.</param>
    /// <param name="protection">Who may change it: reads refuse a folder or file a non-administrator can change (<see cref="StateFolderGuard"/>).</param>
    public ExportChainStore(string folder, IStateFolderProtection protection)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        _guard = new StateFolderGuard(protection ?? throw new ArgumentNullException(nameof(protection)));
    }

    public string Folder { get; }

    /// <summary>
    /// The chain so far, or null before the first export. An inventory behind the manifest (or missing) is brought
    /// level from the manifest and reported in <see cref="ExportChain.Repair"/>; one ahead of the manifest, or of
    /// another export with the same sequence, is refused with <see cref="StateFileException"/>.
    /// </summary>
    public async Task<ExportChain?> LoadAsync(CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(Folder, LastManifestFileName);
        _guard.Check(Folder);
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        // Only the sequence and the hash of the exact bytes are needed; the entries are not built unless a repair needs them.
        var bytes = await Task.Run(() => StateFileReader.ReadAllBytes(manifestPath, Bundles.ManifestSerializer.MaxManifestBytes), cancellationToken).ConfigureAwait(false);
        var sequence = ManifestSerializer.ReadSequence(bytes, manifestPath);
        var sha256 = Sha256Hex.OfBytes(bytes);
        var inventoryPath = Path.Combine(Folder, LastInventoryFileName);
        ContentInventory? inventory = null;
        if (File.Exists(inventoryPath))
        {
            // Parsed synchronously on a pool thread: the async stream API cost more than the parse itself here.
            inventory = await Task.Run(() => ReadInventory(inventoryPath), cancellationToken).ConfigureAwait(false);
        }

        if (inventory is not null && (inventory.ExportSequence is null
            || (inventory.ExportSequence == sequence && string.Equals(inventory.ExportManifestSha256, sha256, StringComparison.OrdinalIgnoreCase))))
        {
            // The pair matches (or the inventory predates the pairing fields and cannot be checked).
            return new ExportChain(sequence, sha256, inventory);
        }

        if (inventory?.ExportSequence >= sequence)
        {
            throw new StateFileException(
                $"The export chain in '{Folder}' does not add up: {LastInventoryFileName} describes the export with sequence {inventory.ExportSequence} "
                + $"(manifest SHA-256 {inventory.ExportManifestSha256}), but {LastManifestFileName} is sequence {sequence} (SHA-256 {sha256}). "
                + $"Was one of them restored from a backup? Put back the matching pair, or delete {LastInventoryFileName} so the next export sends again every file that was not in the last bundle.");
        }

        var manifest = ManifestSerializer.Deserialize(bytes, manifestPath);
        var behind = inventory is null ? $"{LastInventoryFileName} is missing" : $"{LastInventoryFileName} is still that of sequence {inventory.ExportSequence}";
        var repair = $"The export chain's head is sequence {sequence}, but {behind} (the last export was interrupted between its two writes); "
            + $"the files and removals of sequence {sequence} were applied to it, and files not known to be on the other side are sent again.";
        return new ExportChain(sequence, sha256, BringLevel(inventory ?? ContentInventory.Empty, manifest), repair);
    }

    /// <summary>
    /// The tree the other side has after <paramref name="manifest"/>, as far as this side can tell: the older
    /// inventory minus the bundle's removed paths, plus its files with their hashes. Their last-write times are
    /// unknown, so the next delta hashes them (equal hash: unchanged); paths the older inventory lacks are sent again.
    /// </summary>
    private static ContentInventory BringLevel(ContentInventory older, BundleManifest manifest)
    {
        var entries = older.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var removed in manifest.RemovedPaths)
        {
            entries.Remove(removed);
        }

        foreach (var file in manifest.Files)
        {
            entries[file.Path] = new InventoryEntry { Path = file.Path, Size = file.Size, Sha256 = file.Sha256, LastWriteUtc = DateTimeOffset.MinValue };
        }

        return ContentInventory.From(entries.Values);
    }

    private static ContentInventory? ReadInventory(string inventoryPath)
    {
        using var stream = StateFileReader.OpenRead(inventoryPath, StateFileReader.MaxInventoryBytes);
        try
        {
            return JsonSerializer.Deserialize(stream, BundleJsonContext.Default.ContentInventory);
        }
        catch (JsonException ex)
        {
            throw new StateFileException($"The export inventory '{inventoryPath}' is damaged ({ex.Message}). Delete it to make the next export send again every file that was not in the last bundle.", ex);
        }
    }

    /// <summary>
    /// Records a finished bundle as the chain's head: its manifest first, then <paramref name="exportedInventory"/>
    /// (the tree the bundle was built from, with the bundle's hashes) tagged with the bundle's sequence and manifest
    /// hash. Call only after the bundle is complete.
    /// </summary>
    public async Task RecordExportAsync(BundleWriteResult bundle, ContentInventory exportedInventory, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = exportedInventory ?? throw new ArgumentNullException(nameof(exportedInventory));
        var inventory = exportedInventory.WithHashes(bundle.Manifest.Files) with { ExportSequence = bundle.Manifest.Sequence, ExportManifestSha256 = bundle.ManifestSha256 };
        _guard.Prepare(Folder);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, LastManifestFileName), bundle.ManifestBytes, cancellationToken).ConfigureAwait(false);
        // Streamed to the file: the JSON of a 100,000-file inventory is ~17 MB, and create's peak memory is what
        // limits it at a million files (issue 20).
        await AtomicFile.WriteAsync(Path.Combine(Folder, LastInventoryFileName),
            (stream, ct) => JsonSerializer.SerializeAsync(stream, inventory, BundleJsonContext.Default.ContentInventory, ct), cancellationToken).ConfigureAwait(false);
    }
}
