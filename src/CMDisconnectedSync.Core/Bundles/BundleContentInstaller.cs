using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Bundles;

/// <summary>What an install did: files copied or already present, bytes written, and the installed inventory.</summary>
public sealed record ContentInstallResult(int Copied, int AlreadyPresent, long BytesCopied, IReadOnlyList<InventoryEntry> Installed);

/// <summary>
/// Copies a verified bundle's content into the destination (WsusContent). Each file is hashed while copied and
/// appears under its final name only complete and matching (temp+rename); split files are reassembled the same
/// way. Files already present with the same size and SHA-256 are skipped, so rerunning after a crash or cancel
/// finishes the job, and leftovers of the interrupted run are deleted first. Nothing here records the bundle as
/// accepted: the workflow calls <see cref="State.DisconnectedStateStore.RecordAcceptedAsync"/> when it decides.
/// </summary>
public sealed class BundleContentInstaller
{
    private readonly BundlePathValidator _validator;

    public BundleContentInstaller(BundlePathValidator validator) => _validator = validator ?? throw new ArgumentNullException(nameof(validator));

    public async Task<ContentInstallResult> InstallAsync(VerifiedBundle bundle, string destinationRoot, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = destinationRoot ?? throw new ArgumentNullException(nameof(destinationRoot));
        var files = bundle.Manifest.Files;
        _validator.EnsureAllSafe(files.Select(f => f.Path));
        foreach (var file in files)
        {
            var violation = _validator.CheckNoReparsePoints(destinationRoot, file.Path);
            if (violation is not null)
            {
                throw violation.ToException();
            }
        }

        Directory.CreateDirectory(destinationRoot);
        HashingFileCopier.DeleteLeftovers(destinationRoot, cancellationToken);
        var tracker = new ProgressTracker(progress, files.Sum(f => f.Size), files.Count);
        var installed = new InventoryEntry[files.Count];
        var copied = new bool[files.Count];
        var done = new bool[files.Count];
        try
        {
            await BoundedParallel.ForEachAsync(
                Enumerable.Range(0, files.Count).ToList(),
                async (i, ct) =>
                {
                    (installed[i], copied[i]) = await InstallOneAsync(bundle, files[i], destinationRoot, tracker, ct).ConfigureAwait(false);
                    done[i] = true;
                    tracker.FileDone();
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ContentHashMismatchException ex)
        {
            // The bundle changed on the media after it was verified: nothing of that file reached a final name, the
            // files finished before it are complete and checked, and the admin must copy the bundle again.
            throw new BundleAlteredException(ex, Result(files, installed, copied, done));
        }

        return Result(files, installed, copied, done);
    }

    private static ContentInstallResult Result(IReadOnlyList<BundleFileEntry> files, InventoryEntry[] installed, bool[] copied, bool[] done) => new(
        copied.Where((c, i) => c && done[i]).Count(),
        copied.Where((c, i) => !c && done[i]).Count(),
        files.Where((_, i) => copied[i] && done[i]).Sum(f => f.Size),
        installed.Where((_, i) => done[i]).ToList());

    private static async Task<(InventoryEntry Entry, bool Copied)> InstallOneAsync(
        VerifiedBundle bundle, BundleFileEntry file, string destinationRoot, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var destination = Path.Combine(destinationRoot, file.Path.Replace('/', Path.DirectorySeparatorChar));
        var existing = new FileInfo(destination);
        if (existing.Exists && existing.Length == file.Size
            && string.Equals(await Sha256Hex.OfFileAsync(destination, cancellationToken).ConfigureAwait(false), file.Sha256, StringComparison.Ordinal))
        {
            tracker.Report(file.Size);
            return (ToEntry(file, existing), false);
        }

        if (file.Parts is null)
        {
            var source = BundleLayout.ToFullPath(bundle.Folder, BundleLayout.StoredPath(BundleLayout.ContentFolder, file));
            await HashingFileCopier.CopyAsync(source, destination, file.Sha256, tracker, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var parts = file.Parts.Select(p => BundleLayout.ToFullPath(bundle.Folder, BundleLayout.PartPath(file, p))).ToList();
            await SplitFileCopier.JoinAsync(parts, destination, file.Sha256, tracker, cancellationToken).ConfigureAwait(false);
        }

        return (ToEntry(file, new FileInfo(destination)), true);
    }

    private static InventoryEntry ToEntry(BundleFileEntry file, FileInfo written) => new()
    {
        Path = file.Path,
        Size = file.Size,
        Sha256 = file.Sha256,
        LastWriteUtc = new DateTimeOffset(written.LastWriteTimeUtc, TimeSpan.Zero),
    };
}

/// <summary>
/// A bundle file's bytes changed between verification and the copy (the media was written to, or is failing): the
/// file was not installed. <see cref="Partial"/> is what was installed before it (complete, hash-checked files).
/// </summary>
public sealed class BundleAlteredException : IOException
{
    public BundleAlteredException()
    {
        Partial = new ContentInstallResult(0, 0, 0, []);
    }

    public BundleAlteredException(string message)
        : base(message)
    {
        Partial = new ContentInstallResult(0, 0, 0, []);
    }

    public BundleAlteredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Partial = new ContentInstallResult(0, 0, 0, []);
    }

    public BundleAlteredException(ContentHashMismatchException mismatch, ContentInstallResult partial)
        : base($"'{(mismatch ?? throw new ArgumentNullException(nameof(mismatch))).FilePath}' has SHA-256 {mismatch.ActualSha256} but the manifest lists {mismatch.ExpectedSha256}: "
               + "the bundle was altered after it was verified (something wrote to the media, or the media is failing). Nothing half-written was left "
               + "under a final name; copy the bundle again from the export server's media and rerun the import.", mismatch)
    {
        Partial = partial ?? throw new ArgumentNullException(nameof(partial));
        FilePath = mismatch.FilePath;
    }

    public ContentInstallResult Partial { get; }

    public string? FilePath { get; }
}
