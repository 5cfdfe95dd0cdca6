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

    /// <summary>
    /// Awaits a backend call the way every presenter reports it: null when it succeeded, <paramref name="cancelledMessage"/>
    /// when it was cancelled, otherwise the exception's message (backend messages name the server or file and the fix).
    /// Resumes on the caller's synchronization context, like the presenter's own awaits.
    /// </summary>
    protected static async Task<string?> FailureOfAsync(Func<Task> call, string cancelledMessage)
    {
        _ = call ?? throw new ArgumentNullException(nameof(call));
        try
        {
            await call();
            return null;
        }
        catch (OperationCanceledException)
        {
            return cancelledMessage;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Re-raises a child presenter's <see cref="Changed"/> as this presenter's own.</summary>
    protected void Relay(ObservablePresenter child)
    {
        _ = child ?? throw new ArgumentNullException(nameof(child));
        child.Changed += (_, _) => RaiseChanged();
    }
}
