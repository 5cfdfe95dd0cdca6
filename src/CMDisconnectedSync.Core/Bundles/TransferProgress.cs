namespace CMDisconnectedSync.Bundles;

/// <summary>A snapshot of a long operation (write, verify, install) for progress bars and logs.</summary>
public sealed record TransferProgress(long BytesDone, long BytesTotal, int FilesDone, int FilesTotal);

/// <summary>Thread-safe counters shared by parallel workers, reported as <see cref="TransferProgress"/>.</summary>
internal sealed class ProgressTracker : IProgress<long>
{
    private readonly IProgress<TransferProgress>? _sink;
    private readonly long _bytesTotal;
    private readonly int _filesTotal;
    private long _bytesDone;
    private int _filesDone;

    public ProgressTracker(IProgress<TransferProgress>? sink, long bytesTotal, int filesTotal)
    {
        _sink = sink;
        _bytesTotal = bytesTotal;
        _filesTotal = filesTotal;
    }

    public void Report(long value)
    {
        var bytes = Interlocked.Add(ref _bytesDone, value);
        _sink?.Report(new TransferProgress(bytes, _bytesTotal, Volatile.Read(ref _filesDone), _filesTotal));
    }

    public void FileDone()
    {
        var files = Interlocked.Increment(ref _filesDone);
        _sink?.Report(new TransferProgress(Interlocked.Read(ref _bytesDone), _bytesTotal, files, _filesTotal));
    }
}
