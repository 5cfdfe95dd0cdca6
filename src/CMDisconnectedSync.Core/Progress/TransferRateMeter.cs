namespace CMDisconnectedSync.Progress;

/// <summary>A rate and the time left at that rate; <see cref="Remaining"/> is null until a rate is known.</summary>
public sealed record TransferRate(double BytesPerSecond, TimeSpan? Remaining);

/// <summary>
/// Bytes per second over a sliding window and the ETA of the rest, from byte counters sampled as progress arrives.
/// The window (10 s by default) follows recent speed changes (USB media slowing down, a cache filling) without the
/// jitter of per-report rates. Driven by an injected TimeProvider so tests control time.
/// </summary>
public sealed class TransferRateMeter
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private readonly Queue<(long Ticks, long Bytes)> _samples = new();

    public TransferRateMeter(TimeProvider clock, TimeSpan? window = null)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _window = window ?? TimeSpan.FromSeconds(10);
        if (_window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "The averaging window must be positive.");
        }
    }

    /// <summary>Forgets all samples (a new step started, or a resume began with bytes already done).</summary>
    public void Reset() => _samples.Clear();

    /// <summary>Records that <paramref name="bytesDone"/> of <paramref name="bytesTotal"/> are done now; returns the rate.</summary>
    public TransferRate Sample(long bytesDone, long bytesTotal)
    {
        var now = _clock.GetTimestamp();
        if (_samples.Count > 0 && bytesDone < _samples.Last().Bytes)
        {
            // Counters went backwards: a retried file. Old samples no longer describe this transfer.
            _samples.Clear();
        }

        _samples.Enqueue((now, bytesDone));
        var windowTicks = (long)(_window.TotalSeconds * _clock.TimestampFrequency);
        while (_samples.Count > 2 && now - _samples.Peek().Ticks > windowTicks)
        {
            _samples.Dequeue();
        }

        var (firstTicks, firstBytes) = _samples.Peek();
        var seconds = (now - firstTicks) / (double)_clock.TimestampFrequency;
        if (seconds <= 0 || bytesDone <= firstBytes)
        {
            return new TransferRate(0, null);
        }

        var rate = (bytesDone - firstBytes) / seconds;
        var left = Math.Max(0, bytesTotal - bytesDone);
        return new TransferRate(rate, TimeSpan.FromSeconds(Math.Ceiling(left / rate)));
    }
}
