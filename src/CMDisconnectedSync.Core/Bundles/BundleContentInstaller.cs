using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Bundles;

/// <summary>What an install did: files copied or already present, bytes written, and the installed inventory.</summary>
public sealed record ContentInstallResult(int Copied, int AlreadyPresent, long BytesCopied, IReadOnlyList<InventoryEntry> Installed);

/// <summary>
/// Copies a verified bundle's content into the destination (WsusContent). Each file is hashed while copied and
/// appears under its final name only complete, matching and on disk (temp+flush+rename); split files are reassembled
/// the same way. Files already present with the same size and SHA-256 are skipped, so rerunning after a crash or
/// cancel finishes the job, and leftovers of the interrupted run are deleted first. Nothing here records the bundle as
/// accepted: the workflow calls <see cref="State.DisconnectedStateStore.RecordAcceptedAsync"/> when it decides.
/// </summary>
/// <remarks>
/// Issue 20: one flush per file made the copy wait on the disk 10,200 times for 1 GiB (strace -c: 10,200 fsync, 4.4 s
/// inside them, the two copy workers stalled behind each), 0.55× <c>cp -r</c> + sync. Files are now copied to their
/// partial names unflushed, then flushed a batch at a time (<see cref="BatchBytes"/>/<see cref="BatchFiles"/>, many
/// flushes in flight so the file system commits them together), renamed into place, and the batch is journaled
/// (<see cref="IContentInstallJournal"/>) only after that: a final name still never holds bytes that are not on disk,
/// which is all one flush per file gave, and a rerun trusts a journaled batch from its files' sizes and last-write
/// times instead of hashing WsusContent again.
/// </remarks>
public sealed class BundleContentInstaller
{
    /// <summary>Bytes copied before a batch is flushed and committed (bounded so a crash redoes little and dirty pages stay few).</summary>
    public const long BatchBytes = 256L * 1024 * 1024;

    /// <summary>Files copied before a batch is flushed and committed, whatever their size.</summary>
    public const int BatchFiles = 4096;

    private readonly BundlePathValidator _validator;

    public BundleContentInstaller(BundlePathValidator validator) => _validator = validator ?? throw new ArgumentNullException(nameof(validator));

    public Task<ContentInstallResult> InstallAsync(VerifiedBundle bundle, string destinationRoot, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        InstallAsync(bundle, destinationRoot, progress, null, cancellationToken);

    /// <param name="bundle">The verified bundle.</param>
    /// <param name="destinationRoot">WsusContent.</param>
    /// <param name="progress">Bytes and files, from the copy workers.</param>
    /// <param name="journal">Where committed batches are recorded, and read back on a rerun; null: nothing is recorded and present files are hashed.</param>
    /// <param name="cancellationToken">Stops after the files in flight; what was copied completely is still committed.</param>
    public async Task<ContentInstallResult> InstallAsync(
        VerifiedBundle bundle, string destinationRoot, IProgress<TransferProgress>? progress, IContentInstallJournal? journal, CancellationToken cancellationToken)
    {
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        _ = destinationRoot ?? throw new ArgumentNullException(nameof(destinationRoot));
        var files = bundle.Manifest.Files;
        _validator.EnsureAllSafe(files.Select(f => f.Path));
        EnsureNoReparsePoints(destinationRoot, files);

        Directory.CreateDirectory(destinationRoot);
        HashingFileCopier.DeleteLeftovers(destinationRoot, cancellationToken);
        using var state = new InstallState(bundle, destinationRoot, files, journal, new ProgressTracker(progress, files.Sum(f => f.Size), files.Count));
        state.TrustJournaledBatches();
        try
        {
            await BoundedParallel.ForEachAsync(
                Enumerable.Range(0, files.Count).ToList(),
                (i, ct) => state.InstallOneAsync(i, ct),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ContentHashMismatchException ex)
        {
            // The bundle changed on the media after it was verified: nothing of that file reached a final name, the
            // files finished before it are complete, checked and committed, and the admin must copy the bundle again.
            await state.CommitAfterFailureAsync().ConfigureAwait(false);
            throw new BundleAlteredException(ex, state.Result());
        }
        catch
        {
            // Cancel, media pulled, destination full: what was copied completely is still committed (flushed, renamed,
            // journaled), so the rerun does not copy it again; whatever was in flight is deleted.
            await state.CommitAfterFailureAsync().ConfigureAwait(false);
            throw;
        }

        await state.CommitAsync(force: true, CancellationToken.None).ConfigureAwait(false);
        return state.Result();
    }

    /// <summary>
    /// Refuses a link, junction or reparse point anywhere on an entry's path under WsusContent, before anything is
    /// copied. Each folder is checked once (WsusContent has 256 <c>XX</c> folders and tens of thousands of files), then
    /// each file below it: one <c>lstat</c> per file instead of one per path segment.
    /// </summary>
    private void EnsureNoReparsePoints(string destinationRoot, IReadOnlyList<BundleFileEntry> files)
    {
        // Folder entry -> its full path when it exists, null when it does not (nothing below it to check).
        var folders = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var slash = file.Path.LastIndexOf('/');
            var violation = slash < 0
                ? _validator.CheckNoReparsePoints(destinationRoot, file.Path)
                : CheckFolderThenFile(file.Path.Substring(0, slash), file.Path.Substring(slash + 1), file.Path);
            if (violation is not null)
            {
                throw violation.ToException();
            }
        }

        PathViolation? CheckFolderThenFile(string folder, string name, string entry)
        {
            if (!folders.TryGetValue(folder, out var existing))
            {
                var folderViolation = _validator.CheckNoReparsePointsBelow(destinationRoot, folder, entry);
                if (folderViolation is not null)
                {
                    return folderViolation;
                }

                var full = Path.Combine(destinationRoot, folder.Replace('/', Path.DirectorySeparatorChar));
                existing = Directory.Exists(full) ? full : null;
                folders[folder] = existing;
            }

            return existing is null ? null : _validator.CheckNoReparsePointsBelow(existing, name, entry);
        }
    }

    private static InventoryEntry ToEntry(BundleFileEntry file, DateTime lastWriteUtc) => new()
    {
        Path = file.Path,
        Size = file.Size,
        Sha256 = file.Sha256,
        LastWriteUtc = new DateTimeOffset(lastWriteUtc, TimeSpan.Zero),
    };

    /// <summary>One install: the per-file results, the batch being filled, and the commit that flushes, renames and journals it.</summary>
    private sealed class InstallState(VerifiedBundle bundle, string destinationRoot, IReadOnlyList<BundleFileEntry> files, IContentInstallJournal? journal, ProgressTracker tracker) : IDisposable
    {
        private readonly object _gate = new();
        private readonly SemaphoreSlim _commit = new(1, 1);
        private readonly InventoryEntry?[] _installed = new InventoryEntry?[files.Count];
        private readonly bool[] _copied = new bool[files.Count];
        private readonly bool[] _trusted = new bool[files.Count];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _folders = new(StringComparer.Ordinal);
        private List<(int Index, bool Renamed)> _pending = [];
        private long _pendingBytes;

        public void Dispose() => _commit.Dispose();

        /// <summary>Files of journaled batches whose sizes and last-write times are unchanged: in place, checked and durable.</summary>
        public void TrustJournaledBatches()
        {
            if (journal is null)
            {
                return;
            }

            foreach (var batch in journal.Recorded)
            {
                if (batch.Files.Any(i => i < 0 || i >= files.Count))
                {
                    continue;
                }

                var found = batch.Files.Select(i => (Index: i, Info: new FileInfo(DestinationOf(i)))).ToList();
                if (found.All(f => f.Info.Exists && f.Info.Length == files[f.Index].Size)
                    && InstalledBatch.StampOf(found.Select(f => (f.Index, f.Info.Length, f.Info.LastWriteTimeUtc.Ticks))) == batch.Stamp)
                {
                    foreach (var (index, info) in found)
                    {
                        _trusted[index] = true;
                        _installed[index] = ToEntry(files[index], info.LastWriteTimeUtc);
                    }
                }
            }
        }

        public async Task InstallOneAsync(int index, CancellationToken cancellationToken)
        {
            var file = files[index];
            if (_trusted[index])
            {
                tracker.Report(file.Size);
                tracker.FileDone();
                return;
            }

            var destination = DestinationOf(index);
            var existing = new FileInfo(destination);
            if (existing.Exists && existing.Length == file.Size
                && string.Equals(await Sha256Hex.OfFileAsync(destination, cancellationToken).ConfigureAwait(false), file.Sha256, StringComparison.Ordinal))
            {
                tracker.Report(file.Size);
                tracker.FileDone();
                await AddAsync(index, renamed: true, 0, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (file.Parts is null)
            {
                var source = BundleLayout.ToFullPath(bundle.Folder, BundleLayout.StoredPath(BundleLayout.ContentFolder, file));
                EnsureFolderOf(destination);
                var buffer = FileStreams.RentBuffer();
                try
                {
                    // Synchronous on this worker: the async FileStream path cost a thread-pool hop per read and write
                    // (strace -c: 62,569 sched_yield and 2,315 futex waits for 10,200 files).
                    HashingFileCopier.CopyToPartial(source, destination, file.Digest, buffer, tracker, cancellationToken);
                }
                finally
                {
                    FileStreams.ReturnBuffer(buffer);
                }

                _copied[index] = true;
                tracker.FileDone();
                await AddAsync(index, renamed: false, file.Size, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Joined, flushed and renamed as one (rare: only files larger than a FAT32 volume's file limit are split).
                var parts = file.Parts.Select(p => BundleLayout.ToFullPath(bundle.Folder, BundleLayout.PartPath(file, p))).ToList();
                await SplitFileCopier.JoinAsync(parts, destination, file.Sha256, tracker, cancellationToken).ConfigureAwait(false);
                _copied[index] = true;
                tracker.FileDone();
                await AddAsync(index, renamed: true, 0, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Flushes, renames and journals the pending batch when it is full, or whatever is pending when <paramref name="force"/>.</summary>
        public async Task CommitAsync(bool force, CancellationToken cancellationToken)
        {
            if (force)
            {
                await _commit.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else if (!IsFull() || !await _commit.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
            {
                // Not full, or another worker is committing: keep copying (the batch grows; the next file commits it).
                return;
            }

            try
            {
                List<(int Index, bool Renamed)> batch;
                lock (_gate)
                {
                    if (_pending.Count == 0 || (!force && _pendingBytes < BatchBytes && _pending.Count < BatchFiles))
                    {
                        return;
                    }

                    batch = _pending;
                    _pending = [];
                    _pendingBytes = 0;
                }

                await CommitBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _commit.Release();
            }
        }

        /// <summary>After a failure or cancel: commits the complete files; if even that fails, deletes their partial files.</summary>
        public async Task CommitAfterFailureAsync()
        {
            try
            {
                await CommitAsync(force: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The destination itself failed (full, removed): the original error is the one to report. What is left
                // as partial files is deleted here or, at the latest, by the next run's DeleteLeftovers.
                List<(int Index, bool Renamed)> left;
                lock (_gate)
                {
                    left = _pending;
                    _pending = [];
                }

                foreach (var (index, _) in left)
                {
                    TryDiscard(DestinationOf(index));
                }
            }
        }

        public ContentInstallResult Result()
        {
            var done = Enumerable.Range(0, files.Count).Where(i => _installed[i] is not null).ToList();
            return new ContentInstallResult(
                done.Count(i => _copied[i]),
                done.Count(i => !_copied[i]),
                done.Where(i => _copied[i]).Sum(i => files[i].Size),
                done.Select(i => _installed[i]!).ToList());
        }

        private bool IsFull()
        {
            lock (_gate)
            {
                return _pendingBytes >= BatchBytes || _pending.Count >= BatchFiles;
            }
        }

        private async Task AddAsync(int index, bool renamed, long bytes, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _pending.Add((index, renamed));
                _pendingBytes += bytes;
            }

            await CommitAsync(force: false, cancellationToken).ConfigureAwait(false);
        }

        private async Task CommitBatchAsync(List<(int Index, bool Renamed)> batch, CancellationToken cancellationToken)
        {
            var toRename = batch.Where(b => !b.Renamed).Select(b => DestinationOf(b.Index)).ToList();
            try
            {
                // Durable before visible: every partial file of the batch on disk, then the renames. On Linux one
                // syncfs(2) of WsusContent's file system does it (strace -c: 10,200 fsync were 22 s of the workers'
                // system-call time, each also reopening its file); elsewhere, or if it fails, file by file.
                if (toRename.Count > 0 && !PlainFile.TrySyncFileSystem(destinationRoot))
                {
                    await DiskFlush.FilesAsync(toRename.Select(d => d + HashingFileCopier.PartialSuffix).ToList(), cancellationToken).ConfigureAwait(false);
                }

                foreach (var destination in toRename)
                {
                    HashingFileCopier.CommitPartial(destination);
                }
            }
            catch
            {
                foreach (var destination in toRename)
                {
                    TryDiscard(destination);
                }

                throw;
            }

            var stamped = new List<(int Index, long Size, long Ticks)>(batch.Count);
            foreach (var (index, _) in batch)
            {
                var info = new FileInfo(DestinationOf(index));
                _installed[index] = ToEntry(files[index], info.LastWriteTimeUtc);
                stamped.Add((index, info.Length, info.LastWriteTimeUtc.Ticks));
            }

            // Journaled only after the flush and the renames: a recorded batch is on disk under its final names.
            journal?.Record(new InstalledBatch(stamped.Select(s => s.Index).OrderBy(i => i).ToList(), InstalledBatch.StampOf(stamped)));
        }

        /// <summary>Creates the destination's folder once per folder, not once per file (10,200 mkdir calls, 9,944 of them EEXIST).</summary>
        private void EnsureFolderOf(string destination)
        {
            var folder = Path.GetDirectoryName(destination)!;
            if (!_folders.ContainsKey(folder))
            {
                Directory.CreateDirectory(folder);
                _folders.TryAdd(folder, true);
            }
        }

        private static void TryDiscard(string destination)
        {
            try
            {
                HashingFileCopier.DiscardPartial(destination);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The next run deletes every leftover partial file before it copies (DeleteLeftovers).
                return;
            }
        }

        private string DestinationOf(int index) => Path.Combine(destinationRoot, files[index].Path.Replace('/', Path.DirectorySeparatorChar));
    }
}

/// <summary>
/// Where <see cref="BundleContentInstaller"/> records the batches it committed (flushed to disk, then renamed into
/// place), and reads back those of an earlier attempt of the same run: the import journal, keyed by the manifest hash.
/// </summary>
public interface IContentInstallJournal
{
    /// <summary>Batches an earlier attempt of this run committed.</summary>
    IReadOnlyList<InstalledBatch> Recorded { get; }

    /// <summary>Records a committed batch durably before returning.</summary>
    void Record(InstalledBatch batch);
}

/// <summary>
/// Files (manifest indexes) that are complete, hash-checked and on disk under their final names, and a stamp over each
/// one's index, size and last-write time when committed: a rerun trusts the batch only while the stamp is unchanged.
/// </summary>
public sealed record InstalledBatch(IReadOnlyList<int> Files, string Stamp)
{
    /// <summary>"files 0-99,120 stamp &lt;hex&gt;": index ranges keep a journal line short (workers take files in order).</summary>
    public string ToDetail()
    {
        var text = new System.Text.StringBuilder("files ");
        for (var i = 0; i < Files.Count; i++)
        {
            var first = Files[i];
            while (i + 1 < Files.Count && Files[i + 1] == Files[i] + 1)
            {
                i++;
            }

            text.Append(first.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (Files[i] != first)
            {
                text.Append('-').Append(Files[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            text.Append(i + 1 < Files.Count ? "," : string.Empty);
        }

        return text.Append(" stamp ").Append(Stamp).ToString();
    }

    /// <summary>The batch a <see cref="ToDetail"/> string describes; null for anything else (never guessed around).</summary>
    public static InstalledBatch? FromDetail(string? detail)
    {
        var parts = detail?.Split(' ');
        if (parts is not { Length: 4 } || parts[0] != "files" || parts[2] != "stamp" || parts[3].Length != 64)
        {
            return null;
        }

        var files = new List<int>();
        foreach (var range in parts[1].Split(','))
        {
            var ends = range.Split('-');
            if (ends.Length is < 1 or > 2
                || !int.TryParse(ends[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(ends[ends.Length - 1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var to)
                || to < from || to - from > 10_000_000)
            {
                return null;
            }

            for (var i = from; i <= to; i++)
            {
                files.Add(i);
            }
        }

        return new InstalledBatch(files, parts[3]);
    }

    /// <summary>SHA-256 (hex) over each file's index, size and last-write time (UTC ticks), in the order given.</summary>
    public static string StampOf(IEnumerable<(int Index, long Size, long Ticks)> files)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var entry = new byte[20];
        foreach (var (index, size, ticks) in (files ?? throw new ArgumentNullException(nameof(files))).OrderBy(f => f.Index))
        {
            BitConverter.GetBytes(index).CopyTo(entry, 0);
            BitConverter.GetBytes(size).CopyTo(entry, 4);
            BitConverter.GetBytes(ticks).CopyTo(entry, 12);
            hash.AppendData(entry);
        }

        return Sha256Hex.Format(hash.GetHashAndReset());
    }
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
