using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.State;

/// <summary>
/// What the export side remembers of its last bundle (its sequence, the SHA-256 of its manifest, and the content
/// tree as exported with hashes and last-write times), so the next bundle is sequence + 1 against it. The
/// manifest's exact bytes stay in the chain folder (<see cref="ExportChainStore.LastManifestFileName"/>).
/// </summary>
public sealed record ExportChain(long LastSequence, string LastManifestSha256, ContentInventory Inventory)
{
    public long NextSequence => LastSequence + 1;

    /// <summary>The base for the next bundle: the last export, whose timestamps come from this same tree.</summary>
    public DeltaBase ToDeltaBase() => new(new BundleBase(LastSequence, LastManifestSha256), Inventory, TimestampsComparable: true);
}

/// <summary>
/// The export side's chain folder: <c>last-manifest.json</c> (exact bytes) and <c>last-inventory.json</c>,
/// both replaced atomically after a bundle is complete.
/// </summary>
public sealed class ExportChainStore
{
    public const string LastManifestFileName = "last-manifest.json";
    public const string LastInventoryFileName = "last-inventory.json";

    public ExportChainStore(string folder) => Folder = folder ?? throw new ArgumentNullException(nameof(folder));

    public string Folder { get; }

    /// <summary>The chain so far, or null before the first export.</summary>
    public async Task<ExportChain?> LoadAsync(CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(Folder, LastManifestFileName);
        if (!File.Exists(manifestPath))
        {
            return null;
        }

        // Only the sequence and the hash of the exact bytes are needed; the entries are not built.
        var bytes = await Task.Run(() => File.ReadAllBytes(manifestPath), cancellationToken).ConfigureAwait(false);
        var sequence = ManifestSerializer.ReadSequence(bytes, manifestPath);
        var sha256 = Sha256Hex.OfBytes(bytes);
        var inventoryPath = Path.Combine(Folder, LastInventoryFileName);
        ContentInventory? inventory = null;
        if (File.Exists(inventoryPath))
        {
            // Parsed synchronously on a pool thread: the async stream API cost more than the parse itself here.
            inventory = await Task.Run(() => ReadInventory(inventoryPath), cancellationToken).ConfigureAwait(false);
        }

        return new ExportChain(sequence, sha256, inventory ?? ContentInventory.Empty);
    }

    private static ContentInventory? ReadInventory(string inventoryPath)
    {
        using var stream = FileStreams.OpenSequentialReadSync(inventoryPath);
        try
        {
            return JsonSerializer.Deserialize(stream, BundleJsonContext.Default.ContentInventory);
        }
        catch (JsonException ex)
        {
            throw new StateFileException($"The export inventory '{inventoryPath}' is damaged ({ex.Message}). Delete it to make the next export hash every file once.", ex);
        }
    }

    /// <summary>Records a finished bundle as the chain's head. Call only after the bundle is complete.</summary>
    public async Task RecordExportAsync(BundleWriteResult bundle, ContentInventory exportedInventory, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = exportedInventory ?? throw new ArgumentNullException(nameof(exportedInventory));
        await AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, LastInventoryFileName),
            JsonSerializer.SerializeToUtf8Bytes(exportedInventory.WithHashes(bundle.Manifest.Files), BundleJsonContext.Default.ContentInventory), cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, LastManifestFileName), bundle.ManifestBytes, cancellationToken).ConfigureAwait(false);
    }
}
