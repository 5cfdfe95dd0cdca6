namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>
/// Stands in for the WinForms UI context: runs posted callbacks at once, in order, with itself as the current
/// context, so Progress&lt;T&gt; reports and await continuations reach the presenter in the order the UI message queue
/// would deliver them.
/// </summary>
internal sealed class InlineSynchronizationContext : SynchronizationContext
{
    /// <summary>
    /// Runs a test body under this context. Installing it from [TestInitialize] or an async helper does not work: an
    /// async method restores its caller's SynchronizationContext when its synchronous part returns.
    /// </summary>
    public static Task RunAsync(Func<Task> body)
    {
        _ = body ?? throw new ArgumentNullException(nameof(body));
        var previous = Current;
        SetSynchronizationContext(new InlineSynchronizationContext());
        try
        {
            return body();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            d(state);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

    public override SynchronizationContext CreateCopy() => this;
}
