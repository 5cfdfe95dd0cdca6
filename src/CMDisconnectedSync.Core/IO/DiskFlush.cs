namespace CMDisconnectedSync.IO;

/// <summary>Forces files already written and closed out of the operating system's cache onto the disk.</summary>
internal static class DiskFlush
{
    /// <summary>
    /// Flushes waiting on the disk, not the CPU, so more run at once than there are cores: concurrent flushes let
    /// the file system commit its journal for many files together.
    /// </summary>
    public const int ConcurrentFlushes = 32;

    /// <summary>Flushes every file in <paramref name="paths"/> to disk, <see cref="ConcurrentFlushes"/> at a time on dedicated threads.</summary>
    public static async Task FilesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        _ = paths ?? throw new ArgumentNullException(nameof(paths));
        var next = -1;
        void Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < paths.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                File(paths[index]);
            }
        }

        var workers = Enumerable.Range(0, Math.Min(ConcurrentFlushes, paths.Count))
            .Select(_ => Task.Factory.StartNew(Worker, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for writing (Windows' FlushFileBuffers needs write access) and flushes it to
    /// disk (fsync on Linux); the bytes are not touched.
    /// </summary>
    public static void File(string path)
    {
#if NETFRAMEWORK
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        stream.Flush(flushToDisk: true);
#else
        using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        RandomAccess.FlushToDisk(handle);
#endif
    }
}
