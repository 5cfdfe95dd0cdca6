namespace CMDisconnectedSync.App.Presentation;

/// <summary>
/// Base of every presenter: state lives in properties, and <see cref="Changed"/> tells the view to re-read them.
/// Presenters run on the UI thread (their async methods resume on the caller's synchronization context); long work
/// happens in the operations they await, never on that thread.
/// </summary>
public abstract class ObservablePresenter
{
    public event EventHandler? Changed;

    protected void RaiseChanged() => Changed?.Invoke(this, EventArgs.Empty);

    /// <summary>Re-raises a child presenter's <see cref="Changed"/> as this presenter's own.</summary>
    protected void Relay(ObservablePresenter child)
    {
        _ = child ?? throw new ArgumentNullException(nameof(child));
        child.Changed += (_, _) => RaiseChanged();
    }
}
