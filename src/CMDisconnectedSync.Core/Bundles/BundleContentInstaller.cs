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
        await BoundedParallel.ForEachAsync(
            Enumerable.Range(0, files.Count).ToList(),
            async (i, ct) =>
            {
                (installed[i], copied[i]) = await InstallOneAsync(bundle, files[i], destinationRoot, tracker, ct).ConfigureAwait(false);
                tracker.FileDone();
            },
            cancellationToken).ConfigureAwait(false);

        return new ContentInstallResult(
            copied.Count(c => c),
            copied.Count(c => !c),
            files.Where((_, i) => copied[i]).Sum(f => f.Size),
            installed);
    }

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
