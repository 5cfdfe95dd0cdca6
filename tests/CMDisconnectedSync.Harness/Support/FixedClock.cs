namespace CMDisconnectedSync.Harness.Support;

/// <summary>A clock that always reads one instant: bundles and certificates made by the harness are reproducible.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
