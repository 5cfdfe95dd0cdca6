using System.Globalization;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Writes a bundle folder: metadata and planned content copied (hashed in the same read pass, files in parallel
/// bounded by cores, each one temp+rename), optionally split into volumes, then the canonical manifest and its
/// detached signature. The manifest is written last and flushed to disk, so a folder without one is visibly
/// unfinished; content files are not flushed one by one (a torn file after a power cut fails verify, which
/// rehashes every byte), which keeps tens of thousands of small files at copy speed.
/// </summary>
public sealed class BundleWriter
{
    private readonly IManifestSigner _signer;
    private readonly TimeProvider _clock;
    private readonly BundlePathValidator _validator;

    public BundleWriter(IManifestSigner signer, TimeProvider clock, BundlePathValidator validator)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _validator = validator ?? throw new ArgumentNullException(nameof(validator));
    }

    public async Task<BundleWriteResult> WriteAsync(BundleWriteRequest request, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        PrepareOutputFolder(request.OutputFolder);

        var files = request.Plan.Files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        _validator.EnsureAllSafe(files.Select(f => f.Path));
        foreach (var file in files)
        {
            var violation = _validator.CheckNoReparsePoints(request.ContentRoot, file.Path);
            if (violation is not null)
            {
                throw violation.ToException();
            }
        }

        var sources = new List<(string Area, string EntryPath, string SourcePath, ContentChange? Change)>
        {
            (BundleLayout.MetadataFolder, MetadataName(request.MetadataPackagePath), request.MetadataPackagePath, null),
            (BundleLayout.MetadataFolder, MetadataName(request.MetadataLogPath), request.MetadataLogPath, null),
        };
        if (string.Equals(sources[0].EntryPath, sources[1].EntryPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The metadata package and log have the same file name '{sources[0].EntryPath}'; wsusutil needs distinct names.", nameof(request));
        }

        _validator.EnsureAllSafe(sources.Select(s => s.EntryPath));
        sources.AddRange(files.Select(f => (BundleLayout.ContentFolder, f.Path, Path.Combine(request.ContentRoot, f.Path.Replace('/', Path.DirectorySeparatorChar)), (ContentChange?)f.Change)));

        // Sizes as they are now; a file that changes while we copy is caught by the split copier or recorded as copied.
        var sizes = sources.Select(s => new FileInfo(s.SourcePath).Length).ToList();
        var (placements, volumeCount) = VolumePlanner.Plan(sizes, request.MaxVolumeSize);
        var tracker = new ProgressTracker(progress, sizes.Sum(), sources.Count);
        var entries = new BundleFileEntry[sources.Count];
        await BoundedParallel.ForEachAsync(
            Enumerable.Range(0, sources.Count).ToList(),
            async (i, ct) =>
            {
                entries[i] = await CopyOneAsync(request.OutputFolder, sources[i].Area, sources[i].EntryPath, sources[i].SourcePath, sources[i].Change, placements[i], tracker, ct).ConfigureAwait(false);
                tracker.FileDone();
            },
            cancellationToken).ConfigureAwait(false);

        var manifest = ManifestSerializer.Canonicalize(new BundleManifest
        {
            FormatVersion = ManifestSerializer.CurrentFormatVersion,
            BundleId = request.BundleId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
            Sequence = request.Sequence,
            CreatedAtUtc = _clock.GetUtcNow(),
            Source = request.Source,
            Base = request.Base,
            MaxVolumeSize = request.MaxVolumeSize,
            VolumeCount = volumeCount,
            Metadata = new MetadataFiles(entries[0], entries[1]),
            Files = entries.Skip(2).ToList(),
            RemovedPaths = request.Plan.RemovedPaths,
        });
        var bytes = ManifestSerializer.Serialize(manifest);
        var signature = _signer.Sign(bytes);
        await AtomicFile.WriteAllBytesAsync(BundleLayout.ToFullPath(request.OutputFolder, BundleLayout.SignaturePath(volumeCount)), signature, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(BundleLayout.ToFullPath(request.OutputFolder, BundleLayout.ManifestPath(volumeCount)), bytes, cancellationToken).ConfigureAwait(false);
        return new BundleWriteResult(request.OutputFolder, manifest, bytes, Sha256Hex.OfBytes(bytes));
    }

    private static async Task<BundleFileEntry> CopyOneAsync(
        string outputFolder, string area, string entryPath, string sourcePath, ContentChange? change, FilePlacement placement, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var entry = new BundleFileEntry { Path = entryPath, Size = 0, Sha256 = string.Empty, Change = change, Volume = placement.Volume };
        if (placement.Parts is null)
        {
            var copied = await HashingFileCopier.CopyAsync(sourcePath, BundleLayout.ToFullPath(outputFolder, BundleLayout.StoredPath(area, entry)), null, tracker, flushToDisk: false, cancellationToken).ConfigureAwait(false);
            return entry with { Size = copied.Length, Sha256 = copied.Sha256 };
        }

        var parts = placement.Parts.Select((p, i) => new FilePart(i + 1, p.Volume, p.Size, string.Empty)).ToList();
        var targets = parts.Select(p => (BundleLayout.ToFullPath(outputFolder, BundleLayout.PartPath(entry, p)), p.Size)).ToList();
        var (whole, partHashes) = await SplitFileCopier.SplitAsync(sourcePath, targets, tracker, flushToDisk: false, cancellationToken).ConfigureAwait(false);
        return entry with
        {
            Size = whole.Length,
            Sha256 = whole.Sha256,
            Volume = 0,
            Parts = parts.Select((p, i) => p with { Sha256 = partHashes[i] }).ToList(),
        };
    }

    private static string MetadataName(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The wsusutil export file '{path}' does not exist. Run 'wsusutil export' first or correct the path.", path);
        }

        return name;
    }

    private static void PrepareOutputFolder(string folder)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"The bundle folder '{folder}' already exists and is not empty. Choose a new folder (bundles are never overwritten).");
        }

        Directory.CreateDirectory(folder);
    }
}
