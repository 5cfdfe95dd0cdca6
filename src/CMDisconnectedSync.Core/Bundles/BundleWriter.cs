using System.Globalization;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Writes a bundle folder: metadata and planned content copied (hashed in the same read pass, files in parallel
/// bounded by cores, each written straight to its final name), optionally split into volumes, then the canonical
/// manifest and its detached signature. The manifest is written last and flushed to disk, so a folder without one
/// is visibly unfinished; every content and metadata file is flushed to disk before the manifest is written (else
/// a power cut could leave a durable manifest over content that never reached the disk), but none is staged under
/// a temp name (a torn file after a crash is in a folder without a manifest, and verify rehashes every byte
/// anyway), which keeps tens of thousands of small files near copy speed.
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

        var metadata = new (string EntryPath, string SourcePath)[]
        {
            (MetadataName(request.MetadataPackagePath), request.MetadataPackagePath),
            (MetadataName(request.MetadataLogPath), request.MetadataLogPath),
        };
        if (string.Equals(metadata[0].EntryPath, metadata[1].EntryPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The metadata package and log have the same file name '{metadata[0].EntryPath}'; wsusutil needs distinct names.", nameof(request));
        }

        _validator.EnsureAllSafe(metadata.Select(s => s.EntryPath));

        // Deployment content after the WsusContent files, sorted by its bundle path (deployment-content/<ContentID>/<FileName>).
        var carried = (request.DeploymentContent?.Files ?? [])
            .Select(f => (File: f, Path: ContentRequestSerializer.BundleRelativePath(f.Request)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        _validator.EnsureAllSafe(carried.Select(c => c.Path));
        EnsureDistinctDeploymentPaths(carried.Select(c => c.Path).ToList(), files);

        // Entries 0 and 1 are the metadata files, then the content files in manifest order. Source and target paths
        // are built when a file is copied, not held for every file (two full paths per file were ~40% of create's
        // memory at 100,000 files). Content sizes come from the scan that made the plan: no second stat per file
        // (a file that changes size meanwhile is recorded with the length actually copied; the split copier checks
        // its parts).
        var firstCarried = files.Count + 2;
        var count = firstCarried + carried.Count;
        string EntryPath(int i) => i < 2 ? metadata[i].EntryPath : i < firstCarried ? files[i - 2].Path : carried[i - firstCarried].Path;
        string Area(int i) => i < 2 ? BundleLayout.MetadataFolder : i < firstCarried ? BundleLayout.ContentFolder : BundleLayout.DeploymentContentArea;
        string SourcePath(int i) => i < 2 ? metadata[i].SourcePath
            : i < firstCarried ? Path.Combine(request.ContentRoot, files[i - 2].Path.Replace('/', Path.DirectorySeparatorChar))
            : carried[i - firstCarried].File.SourcePath;
        var sizes = new long[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = i < 2 ? new FileInfo(metadata[i].SourcePath).Length : i < firstCarried ? files[i - 2].Size : new FileInfo(carried[i - firstCarried].File.SourcePath).Length;
        }

        var (placements, volumeCount) = VolumePlanner.Plan(sizes, request.MaxVolumeSize);
        EnsureDistinctParts(Enumerable.Range(0, count).Select(EntryPath).ToList(), placements);
        EnsureNoReparsePoints(request.ContentRoot, files, placements);
        var tracker = new ProgressTracker(progress, sizes.Sum(), count);
        var entries = new BundleFileEntry[count];
        var folders = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var entry = new BundleFileEntry { Path = EntryPath(i), Size = 0, Sha256 = string.Empty, Change = i < 2 || i >= firstCarried ? null : files[i - 2].Change, Volume = placements[i].Volume };
            entries[i] = entry;
            if (placements[i].Parts is null)
            {
                // Folders once up front (a few hundred), not a CreateDirectory call per file.
                var stored = BundleLayout.StoredPath(Area(i), entry);
                var slash = stored.LastIndexOf('/');
                if (folders.Add(stored.Substring(0, slash)))
                {
                    Directory.CreateDirectory(BundleLayout.ToFullPath(request.OutputFolder, stored.Substring(0, slash)));
                }
            }
        }

        string TargetPath(int i) => BundleLayout.ToFullPath(request.OutputFolder, BundleLayout.StoredPath(Area(i), entries[i]));

        // One synchronous copier per core, each with its own buffer: per-file overhead, not bandwidth, is what
        // dominates a WsusContent tree of tens of thousands of small files.
        await BoundedParallel.ForEachWorkerAsync(
            count,
            FileStreams.RentBuffer,
            (buffer, i, ct) =>
            {
                entries[i] = placements[i].Parts is null
                    ? CopyWhole(entries[i], SourcePath(i), TargetPath(i), buffer, tracker, ct)
                    : CopySplit(request.OutputFolder, entries[i], SourcePath(i), placements[i], tracker, ct);
                tracker.FileDone();
            },
            FileStreams.ReturnBuffer,
            cancellationToken).ConfigureAwait(false);

        // Deployment content must be, byte for byte, what was checked against Microsoft's digest: otherwise no manifest.
        for (var i = firstCarried; i < count; i++)
        {
            var expected = carried[i - firstCarried].File;
            if (!string.Equals(entries[i].Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException(
                    $"{DeploymentContentUnavailableException.Describe(expected.Request)} at {expected.SourcePath} changed after it was checked against Microsoft's digest "
                    + $"(SHA-256 {entries[i].Sha256}, checked {expected.Sha256}); the bundle was not finished (no manifest). Delete that file and run the same command again: it is fetched and checked again.");
            }
        }

        // Every whole file reaches the disk before the manifest does (split parts were flushed by the splitter). One
        // pass after all copies, not a flush per file as it is written: measured on 20,000 files + 200 MB, per-file
        // flushing made create + sync 1.5-3.6x slower; flushing afterwards, once most data is on its way to disk,
        // costs far less (numbers in the commit that added this). On Linux one syncfs of the bundle's file system
        // does it without opening every file a third time (strace -c, 100,000 files: 100,006 fsync + 100,000
        // extra open/close/flock pairs).
        if (!PlainFile.TrySyncFileSystem(request.OutputFolder))
        {
            await DiskFlush.FilesAsync(Enumerable.Range(0, count).Where(i => placements[i].Parts is null).Select(TargetPath).ToList(), cancellationToken).ConfigureAwait(false);
        }

        var manifest = ManifestSerializer.Canonicalize(new BundleManifest
        {
            FormatVersion = carried.Count > 0 ? ManifestSerializer.DeploymentContentFormatVersion : ManifestSerializer.CurrentFormatVersion,
            BundleId = request.BundleId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
            Sequence = request.Sequence,
            CreatedAtUtc = _clock.GetUtcNow(),
            Source = request.Source,
            Base = request.Base,
            MaxVolumeSize = request.MaxVolumeSize,
            VolumeCount = volumeCount,
            Metadata = new MetadataFiles(entries[0], entries[1]),
            Files = new ArraySegment<BundleFileEntry>(entries, 2, files.Count).ToList(),
            RemovedPaths = request.Plan.RemovedPaths,
            ContentRequestId = carried.Count > 0 ? request.DeploymentContent!.ContentRequestId : null,
            DeploymentContent = carried.Count > 0
                ? carried.Select((c, k) => new DeploymentContentEntry { Request = c.File.Request, File = entries[firstCarried + k] }).ToList()
                : null,
        });
        var bytes = ManifestSerializer.Serialize(manifest);
        var signature = _signer.Sign(bytes);
        await AtomicFile.WriteAllBytesAsync(BundleLayout.ToFullPath(request.OutputFolder, BundleLayout.SignaturePath(volumeCount)), signature, cancellationToken).ConfigureAwait(false);
        await AtomicFile.WriteAllBytesAsync(BundleLayout.ToFullPath(request.OutputFolder, BundleLayout.ManifestPath(volumeCount)), bytes, cancellationToken).ConfigureAwait(false);
        return new BundleWriteResult(request.OutputFolder, manifest, bytes, Sha256Hex.OfBytes(bytes));
    }

    private static BundleFileEntry CopyWhole(BundleFileEntry entry, string sourcePath, string targetPath, byte[] buffer, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            var (digest, length) = BundleFileCopier.Copy(sourcePath, targetPath, buffer, tracker, cancellationToken);
            return entry with { Size = length, Sha256 = digest.ToString() };
        }
        catch (SymbolicLinkException ex) when (string.Equals(ex.FilePath, sourcePath, StringComparison.Ordinal))
        {
            // The copier opens sources with O_NOFOLLOW (Linux): a link in place of a content file is refused here.
            throw new PathViolation(entry.Path, PathRule.ReparsePoint,
                $"'{sourcePath}' is a symbolic link, junction or reparse point; replace it with a real folder or file and retry.").ToException();
        }
    }

    private static BundleFileEntry CopySplit(
        string outputFolder, BundleFileEntry entry, string sourcePath, FilePlacement placement, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var parts = placement.Parts!.Select((p, i) => new FilePart(i + 1, p.Volume, p.Size, string.Empty)).ToList();
        var targets = parts.Select(p => (BundleLayout.ToFullPath(outputFolder, BundleLayout.PartPath(entry, p)), p.Size)).ToList();

        // Rare (a file larger than a volume) and large, so the existing async splitter is run to completion here.
        var (whole, partHashes) = SplitFileCopier.SplitAsync(sourcePath, targets, tracker, flushToDisk: true, cancellationToken).GetAwaiter().GetResult();
        return entry with
        {
            Size = whole.Length,
            Sha256 = whole.Sha256,
            Volume = 0,
            Parts = parts.Select((p, i) => p with { Sha256 = partHashes[i] }).ToList(),
        };
    }

    /// <summary>
    /// Refuses a source reached through a symbolic link or junction: each distinct folder is checked once, then each
    /// file itself (a per-file walk from the root repeated the folder checks tens of thousands of times).
    /// </summary>
    private void EnsureNoReparsePoints(string contentRoot, List<PlannedFile> files, IReadOnlyList<FilePlacement> placements)
    {
        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var slash = file.Path.LastIndexOf('/');
            var folder = slash < 0 ? null : file.Path.Substring(0, slash);
            var violation = (folder is not null && checkedFolders.Add(folder) ? _validator.CheckNoReparsePoints(contentRoot, folder) : null)
                ?? (PlainFile.IsPlain && placements[i + 2].Parts is null
                    ? null // the copier's O_NOFOLLOW open refuses a link in place of the file itself (no lstat per file)
                    : _validator.CheckNoReparsePointsBelow(folder is null ? contentRoot : Path.Combine(contentRoot, folder.Replace('/', Path.DirectorySeparatorChar)), file.Path.Substring(slash + 1), file.Path));
            if (violation is not null)
            {
                throw violation.ToException();
            }
        }
    }

    /// <summary>
    /// Split metadata and split content share <c>volume-NNN/parts/</c>: a content file at the content root with the
    /// same name as a split metadata file (entries 0 and 1) would store its parts under the same names.
    /// </summary>
    private static void EnsureDistinctParts(List<string> entryPaths, IReadOnlyList<FilePlacement> placements)
    {
        for (var m = 0; m < 2; m++)
        {
            for (var c = 2; placements[m].Parts is not null && c < entryPaths.Count; c++)
            {
                if (placements[c].Parts is not null && string.Equals(entryPaths[m], entryPaths[c], StringComparison.Ordinal))
                {
                    throw new IOException(
                        $"The content file '{entryPaths[c]}' has the same name as the wsusutil file '{entryPaths[m]}', and both are larger than a volume, "
                        + "so their parts would share names in the bundle. Export the metadata under another file name, or choose a larger --max-volume-size.");
                }
            }
        }
    }

    /// <summary>
    /// A WsusContent file whose path equals a deployment content path (a <c>deployment-content</c> folder inside
    /// WsusContent) would share part names with it and make the manifest ambiguous; the verifier refuses such a
    /// manifest, so the writer never makes one.
    /// </summary>
    private static void EnsureDistinctDeploymentPaths(List<string> deploymentPaths, List<PlannedFile> files)
    {
        if (deploymentPaths.Count == 0)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in deploymentPaths)
        {
            if (!seen.Add(path))
            {
                throw new ArgumentException($"The deployment content '{path}' is listed twice; a content request names each file once.", nameof(deploymentPaths));
            }
        }

        var clash = files.FirstOrDefault(f => seen.Contains(f.Path));
        if (clash is not null)
        {
            throw new IOException(
                $"WsusContent holds '{clash.Path}', the very path the requested deployment content travels under. Move the '{ContentRequestSerializer.BundleFolder}' folder out of WsusContent, then export again.");
        }
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
