namespace CMDisconnectedSync.IO;

/// <summary>
/// Replaces a small file (state, receipts, manifests) so readers see either the old or the new bytes, never a
/// mix: write <c>path.cmdsync-partial</c>, flush to disk, rename over <c>path</c>.
/// </summary>
public static class AtomicFile
{
    public static Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        _ = bytes ?? throw new ArgumentNullException(nameof(bytes));
        return WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, 0, bytes.Length, ct), cancellationToken);
    }

    /// <summary>
    /// As <see cref="WriteAllBytesAsync"/>, the content written by <paramref name="write"/> straight to the file, so
    /// a large state file (the export chain's inventory: one JSON object per content file) is never held in memory whole.
    /// </summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        _ = write ?? throw new ArgumentNullException(nameof(write));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var partial = path + HashingFileCopier.PartialSuffix;
        try
        {
            using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            HashingFileCopier.MoveIntoPlace(partial, path);
        }
        catch
        {
            // Leave the previous version intact and no partial file behind, then report the original error.
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }

            throw;
        }
    }
}
