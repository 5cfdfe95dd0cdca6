namespace CMDisconnectedSync.IO;

/// <summary>How we open content files: large buffers, sequential-scan hints, async I/O.</summary>
internal static class FileStreams
{
    /// <summary>1 MiB: large enough that hashing is CPU-bound, small enough that parallel copies stay in cache.</summary>
    public const int BufferSize = 1024 * 1024;

    public static FileStream OpenSequentialRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public static FileStream CreateNew(string path) =>
        new(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
