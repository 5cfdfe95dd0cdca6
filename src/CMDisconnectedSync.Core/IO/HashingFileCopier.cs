using System.Security.Cryptography;

namespace CMDisconnectedSync.IO;

/// <summary>
/// Copies one file in a single read pass while computing its SHA-256, and never leaves a half-written file under
/// the final name: bytes go to <c>&lt;destination&gt;</c> + <see cref="PartialSuffix"/>, are flushed to disk, and
/// only then renamed over the destination. A crash leaves at most a <c>.cmdsync-partial</c> file, which the next
/// run deletes (<see cref="DeleteLeftovers"/>) and redoes.
/// </summary>
public static class HashingFileCopier
{
    /// <summary>Suffix of in-flight files. Anything ending in it is ours and incomplete by definition.</summary>
    public const string PartialSuffix = ".cmdsync-partial";

    /// <summary>
    /// Copies <paramref name="sourcePath"/> to <paramref name="destinationPath"/> (creating its folder).
    /// When <paramref name="expectedSha256"/> is given and the bytes read do not match, the partial file is
    /// deleted, the destination is left as it was, and <see cref="ContentHashMismatchException"/> is thrown.
    /// </summary>
    public static Task<CopiedFile> CopyAsync(
        string sourcePath,
        string destinationPath,
        string? expectedSha256,
        IProgress<long>? bytesCopied,
        CancellationToken cancellationToken) =>
        CopyAsync(sourcePath, destinationPath, expectedSha256, bytesCopied, flushToDisk: true, cancellationToken);

    /// <summary>
    /// As above; <paramref name="flushToDisk"/> false skips the per-file flush for writers whose result is only
    /// trusted once a later step proves it (a bundle is unfinished until its manifest is written, and every byte
    /// is hashed again by verify), which makes tens of thousands of small files much cheaper to write.
    /// </summary>
    public static Task<CopiedFile> CopyAsync(
        string sourcePath,
        string destinationPath,
        string? expectedSha256,
        IProgress<long>? bytesCopied,
        bool flushToDisk,
        CancellationToken cancellationToken) =>
        CopyCoreAsync(sourcePath, destinationPath, expectedSha256, bytesCopied, flushToDisk, cancellationToken);

    /// <summary>
    /// The first half of a batched install (the import's content step, one worker per core, each with its own
    /// <paramref name="buffer"/>): copies <paramref name="sourcePath"/> to <paramref name="destinationPath"/> +
    /// <see cref="PartialSuffix"/> only, hashing it in the same synchronous read pass (one <c>open(2)</c> per file on
    /// Linux, <see cref="PlainFile"/>; a one-shot hash for files that fit the buffer). The destination's folder must
    /// exist. A mismatch with <paramref name="expectedSha256"/> deletes the partial file and throws
    /// <see cref="ContentHashMismatchException"/>. Nothing is flushed or renamed: the caller flushes a batch of such
    /// files to disk, then moves each into place with <see cref="CommitPartial"/>, so a final name still only ever
    /// holds complete, checked, durable bytes.
    /// </summary>
    internal static void CopyToPartial(
        string sourcePath,
        string destinationPath,
        Sha256Digest expectedSha256,
        byte[] buffer,
        IProgress<long>? bytesCopied,
        CancellationToken cancellationToken)
    {
        _ = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        _ = destinationPath ?? throw new ArgumentNullException(nameof(destinationPath));
        var partialPath = destinationPath + PartialSuffix;

        // File.Delete of a missing file is one failed unlink, cheaper than asking first.
        File.Delete(partialPath);
        var (digest, _) = BundleFileCopier.Copy(sourcePath, partialPath, buffer, bytesCopied, cancellationToken);
        if (digest != expectedSha256)
        {
            File.Delete(partialPath);
            throw new ContentHashMismatchException(sourcePath, expectedSha256.ToString(), digest.ToString());
        }
    }

    /// <summary>Renames the partial file <see cref="CopyToPartial"/> left for <paramref name="destinationPath"/> over it.</summary>
    public static void CommitPartial(string destinationPath) =>
        MoveIntoPlace((destinationPath ?? throw new ArgumentNullException(nameof(destinationPath))) + PartialSuffix, destinationPath);

    /// <summary>Deletes the partial file of <paramref name="destinationPath"/>, if any (a batch that could not be committed).</summary>
    public static void DiscardPartial(string destinationPath) =>
        DeleteIfExists((destinationPath ?? throw new ArgumentNullException(nameof(destinationPath))) + PartialSuffix);

    private static async Task<CopiedFile> CopyCoreAsync(
        string sourcePath,
        string destinationPath,
        string? expectedSha256,
        IProgress<long>? bytesCopied,
        bool flushToDisk,
        CancellationToken cancellationToken)
    {
        _ = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        _ = destinationPath ?? throw new ArgumentNullException(nameof(destinationPath));

        var folder = Path.GetDirectoryName(Path.GetFullPath(destinationPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var partialPath = destinationPath + PartialSuffix;
        DeleteIfExists(partialPath);

        string sha256;
        long length = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using (var source = FileStreams.OpenSequentialRead(sourcePath))
            using (var target = FileStreams.CreateNew(partialPath))
            {
                var buffer = FileStreams.RentBuffer();
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                        length += read;
                        bytesCopied?.Report(read);
                    }
                }
                finally
                {
                    FileStreams.ReturnBuffer(buffer);
                }

                // Durable before it becomes visible: a power cut after the rename must not expose a torn file.
                if (flushToDisk)
                {
                    target.Flush(flushToDisk: true);
                }
            }

            sha256 = Sha256Hex.Format(hash.GetHashAndReset());
            if (expectedSha256 is not null && !string.Equals(expectedSha256, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ContentHashMismatchException(sourcePath, expectedSha256, sha256);
            }

            MoveIntoPlace(partialPath, destinationPath);
        }
        catch
        {
            // Whatever went wrong (cancel, disk full, hash mismatch), the final name is untouched and no partial
            // file is left behind to be mistaken for content.
            DeleteIfExists(partialPath);
            throw;
        }

        return new CopiedFile(destinationPath, length, sha256);
    }

    /// <summary>
    /// Deletes every <see cref="PartialSuffix"/> file under <paramref name="root"/>; returns how many. The walk covers
    /// all of WsusContent, so <paramref name="cancellationToken"/> is checked per file found (before deleting it) and
    /// once before the walk starts.
    /// </summary>
    public static int DeleteLeftovers(string root, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var count = 0;
        foreach (var partial in Directory.EnumerateFiles(root, "*" + PartialSuffix, SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            File.Delete(partial);
            count++;
        }

        return count;
    }

    /// <summary>Renames a finished partial file over the destination (atomic replace on NTFS and POSIX).</summary>
    internal static void MoveIntoPlace(string partialPath, string destinationPath)
    {
#if NETFRAMEWORK
        // NTFS: File.Replace swaps atomically when the destination exists; File.Move is a rename otherwise.
        if (File.Exists(destinationPath))
        {
            File.Replace(partialPath, destinationPath, destinationBackupFileName: null, ignoreMetadataErrors: true);
        }
        else
        {
            File.Move(partialPath, destinationPath);
        }
#else
        File.Move(partialPath, destinationPath, overwrite: true);
#endif
    }

    private static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
