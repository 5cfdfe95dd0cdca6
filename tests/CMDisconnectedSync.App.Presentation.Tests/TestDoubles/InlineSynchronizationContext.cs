namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>
/// Stands in for the WinForms UI context: runs posted callbacks at once, in order, so Progress&lt;T&gt; reports reach
/// the presenter before the awaited operation returns, exactly as the UI message queue orders them.
/// </summary>
internal sealed class InlineSynchronizationContext : SynchronizationContext
{
    public static void Install() => SetSynchronizationContext(new InlineSynchronizationContext());

    public override void Post(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
