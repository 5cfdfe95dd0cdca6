namespace CMDisconnectedSync.IO;

/// <summary>
/// Replaces a small file (state, receipts, manifests) so readers see either the old or the new bytes, never a
/// mix: write <c>path.cmdsync-partial</c>, flush to disk, rename over <c>path</c>.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        _ = bytes ?? throw new ArgumentNullException(nameof(bytes));
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
                await stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
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
