using System.Globalization;
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
/// The export side's chain folder. Each recorded bundle is one generation folder under <c>export-chain/</c> holding
/// <c>last-manifest.json</c> (exact bytes) and <c>last-inventory.json</c>; the pointer file <c>export-chain.json</c>
/// names the current one and is replaced atomically (temp + rename) last, so the head changes in one step: a kill at
/// any point leaves the pointer on the old generation or on the new complete one, never half of each (issue 19: a
/// kill between the two writes of the old layout left <c>last-inventory.json.cmdsync-partial</c> and no inventory).
/// Generations the pointer does not name are swept by the next export (<see cref="SweepUncommitted"/>).
/// </summary>
/// <remarks>
/// Migration: a state folder written by an older cmdsync has the pair in its root and no pointer. It is read as before
/// (the manifest went first, so an inventory one export behind is brought level from the manifest); the next recorded
/// export writes the new layout and removes the root pair.
/// </remarks>
public sealed class ExportChainStore
{
    public const string LastManifestFileName = "last-manifest.json";
    public const string LastInventoryFileName = "last-inventory.json";

    /// <summary>The pointer: which generation folder is the chain's head. Replaced atomically, last.</summary>
    public const string PointerFileName = "export-chain.json";

    /// <summary>The folder holding one folder per recorded generation.</summary>
    public const string GenerationsFolderName = "export-chain";

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
    /// The head's exact manifest as a file: in the generation the pointer names, or the root file of the old layout;
    /// null before the first export.
    /// </summary>
    public static string? HeadManifestPath(string stateFolder)
    {
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        var pointer = ReadPointer(stateFolder);
        var path = pointer is null ? Path.Combine(stateFolder, LastManifestFileName) : Path.Combine(GenerationFolder(stateFolder, pointer.Generation), LastManifestFileName);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The chain so far, or null before the first export. In the old layout, an inventory behind the manifest (or
    /// missing) is brought level from the manifest and reported in <see cref="ExportChain.Repair"/>; one ahead of the
    /// manifest, or of another export with the same sequence, is refused with <see cref="StateFileException"/>.
    /// </summary>
    public async Task<ExportChain?> LoadAsync(CancellationToken cancellationToken)
    {
        _guard.Check(Folder);
        var pointer = ReadPointer(Folder);
        if (pointer is not null)
        {
            return await LoadGenerationAsync(pointer, cancellationToken).ConfigureAwait(false);
        }

        var manifestPath = Path.Combine(Folder, LastManifestFileName);
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

    /// <summary>The generation the pointer names: both files must be there and belong to the export the pointer records.</summary>
    private async Task<ExportChain> LoadGenerationAsync(ChainPointer pointer, CancellationToken cancellationToken)
    {
        var generation = GenerationFolder(Folder, pointer.Generation);
        _guard.Check(generation);
        var manifestPath = Path.Combine(generation, LastManifestFileName);
        var inventoryPath = Path.Combine(generation, LastInventoryFileName);
        var redo = $"Restore the state folder '{Folder}' from a backup, or delete {PointerFileName} and the {GenerationsFolderName} folder and export with --base <the last bundle carried across> (or a receipt from the disconnected side).";
        if (!File.Exists(manifestPath) || !File.Exists(inventoryPath))
        {
            throw new StateFileException($"The export chain's pointer '{Path.Combine(Folder, PointerFileName)}' names the generation '{generation}', but its {(File.Exists(manifestPath) ? LastInventoryFileName : LastManifestFileName)} is missing. {redo}");
        }

        var bytes = await Task.Run(() => StateFileReader.ReadAllBytes(manifestPath, Bundles.ManifestSerializer.MaxManifestBytes), cancellationToken).ConfigureAwait(false);
        var sequence = ManifestSerializer.ReadSequence(bytes, manifestPath);
        var sha256 = Sha256Hex.OfBytes(bytes);
        var inventory = await Task.Run(() => ReadInventory(inventoryPath), cancellationToken).ConfigureAwait(false)
            ?? throw new StateFileException($"The export inventory '{inventoryPath}' holds no inventory. {redo}");
        if (sequence != pointer.Sequence || !string.Equals(sha256, pointer.ManifestSha256, StringComparison.OrdinalIgnoreCase)
            || inventory.ExportSequence != sequence || !string.Equals(inventory.ExportManifestSha256, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new StateFileException(
                $"The export chain in '{Folder}' does not add up: {PointerFileName} records sequence {pointer.Sequence} (manifest SHA-256 {pointer.ManifestSha256}), "
                + $"{manifestPath} is sequence {sequence} (SHA-256 {sha256}) and {inventoryPath} describes sequence {inventory.ExportSequence}. Was a file restored from another backup? {redo}");
        }

        return new ExportChain(sequence, sha256, inventory);
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
    /// Records a finished bundle as the chain's head: its manifest and <paramref name="exportedInventory"/> (the tree
    /// the bundle was built from, with the bundle's hashes, tagged with the bundle's sequence and manifest hash) go
    /// into a new generation folder, then the pointer is replaced to name it: the one step that changes the head.
    /// Older generations and the old layout's root pair are removed afterwards. Call only after the bundle is complete.
    /// </summary>
    public async Task RecordExportAsync(BundleWriteResult bundle, ContentInventory exportedInventory, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = exportedInventory ?? throw new ArgumentNullException(nameof(exportedInventory));
        var inventory = exportedInventory.WithHashes(bundle.Manifest.Files) with { ExportSequence = bundle.Manifest.Sequence, ExportManifestSha256 = bundle.ManifestSha256 };
        _guard.Prepare(Folder);
        var name = GenerationName(bundle.Manifest.Sequence, bundle.ManifestSha256);
        var generation = GenerationFolder(Folder, name);
        Directory.CreateDirectory(generation);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(generation, LastManifestFileName), bundle.ManifestBytes, cancellationToken).ConfigureAwait(false);
        // Streamed to the file: the JSON of a 100,000-file inventory is ~17 MB, and create's peak memory is what
        // limits it at a million files (issue 20).
        await AtomicFile.WriteAsync(Path.Combine(generation, LastInventoryFileName),
            (stream, ct) => JsonSerializer.SerializeAsync(stream, inventory, BundleJsonContext.Default.ContentInventory, ct), cancellationToken).ConfigureAwait(false);
        var pointer = new ChainPointer(PointerFormat, name, bundle.Manifest.Sequence, bundle.ManifestSha256);
        await AtomicFile.WriteAllBytesAsync(Path.Combine(Folder, PointerFileName), pointer.ToBytes(), cancellationToken).ConfigureAwait(false);
        RemoveSuperseded(Folder, name, null);
    }

    /// <summary>
    /// What a kill during <see cref="RecordExportAsync"/> left in <paramref name="stateFolder"/>: generation folders
    /// the pointer does not name (written but never committed, or superseded but not yet removed) and, once a pointer
    /// exists, the old layout's root pair. Nothing is removed when the pointer cannot be read (loading reports that).
    /// Returns what was deleted; called by <see cref="StateFolderLeftovers"/> for the export workflow, under its lock.
    /// </summary>
    public static IReadOnlyList<string> SweepUncommitted(string stateFolder, Serilog.ILogger logger)
    {
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        ChainPointer? pointer;
        try
        {
            pointer = ReadPointer(stateFolder);
        }
        catch (StateFileException)
        {
            return [];
        }

        return RemoveSuperseded(stateFolder, pointer?.Generation, logger);
    }

    private static List<string> RemoveSuperseded(string stateFolder, string? current, Serilog.ILogger? logger)
    {
        var removed = new List<string>();
        var generations = Path.Combine(stateFolder, GenerationsFolderName);
        if (Directory.Exists(generations))
        {
            foreach (var folder in Directory.EnumerateDirectories(generations))
            {
                if (!string.Equals(Path.GetFileName(folder), current, StringComparison.Ordinal) && RegularFile.KindOf(folder) == FileKind.Directory)
                {
                    Directory.Delete(folder, recursive: true);
                    removed.Add(folder);
                }
            }
        }

        if (current is not null)
        {
            foreach (var name in new[] { LastManifestFileName, LastInventoryFileName })
            {
                foreach (var path in new[] { Path.Combine(stateFolder, name), Path.Combine(stateFolder, name + HashingFileCopier.PartialSuffix) })
                {
                    if (File.Exists(path) && RegularFile.KindOf(path) == FileKind.Regular)
                    {
                        File.Delete(path);
                        removed.Add(path);
                    }
                }
            }
        }

        foreach (var path in removed)
        {
            logger?.Information("Deleted {Path}: not part of the export chain's head (left by an interrupted or superseded export)", path);
        }

        return removed;
    }

    private const int PointerFormat = 1;

    private static string GenerationName(long sequence, string manifestSha256) =>
        sequence.ToString("D6", CultureInfo.InvariantCulture) + "-" + manifestSha256.Substring(0, 16).ToLowerInvariant();

    private static string GenerationFolder(string stateFolder, string generation) => Path.Combine(stateFolder, GenerationsFolderName, generation);

    private static ChainPointer? ReadPointer(string stateFolder)
    {
        var path = Path.Combine(stateFolder, PointerFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = StateFileReader.ReadAllBytes(path, StateFileReader.MaxSmallFileBytes);
        return ChainPointer.Parse(bytes, path);
    }

    /// <summary>The pointer document: <c>{"format":1,"generation":"000005-0123abcd…","sequence":5,"manifestSha256":"…"}</c>.</summary>
    private sealed record ChainPointer(int Format, string Generation, long Sequence, string ManifestSha256)
    {
        public byte[] ToBytes()
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("format", Format);
                writer.WriteString("generation", Generation);
                writer.WriteNumber("sequence", Sequence);
                writer.WriteString("manifestSha256", ManifestSha256);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        public static ChainPointer Parse(byte[] bytes, string path)
        {
            try
            {
                using var document = JsonDocument.Parse(bytes);
                var root = document.RootElement;
                var format = root.GetProperty("format").GetInt32();
                if (format != PointerFormat)
                {
                    throw new FormatException($"format {format}, this cmdsync reads {PointerFormat}");
                }

                var generation = root.GetProperty("generation").GetString() ?? string.Empty;
                // A plain folder name of ours: never a path that leads out of the chain folder.
                if (generation.Length is 0 or > 64 || generation.Any(c => !(char.IsDigit(c) || (c >= 'a' && c <= 'f') || c == '-')))
                {
                    throw new FormatException($"'{generation}' is not a generation name");
                }

                return new ChainPointer(format, generation, root.GetProperty("sequence").GetInt64(), root.GetProperty("manifestSha256").GetString() ?? string.Empty);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new StateFileException($"The export chain's pointer '{path}' is damaged ({ex.Message}). Restore it from a backup, or delete it and the {GenerationsFolderName} folder and export with --base <the last bundle carried across>.", ex);
            }
        }
    }
}
