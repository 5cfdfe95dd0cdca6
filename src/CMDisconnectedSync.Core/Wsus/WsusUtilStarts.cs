namespace CMDisconnectedSync.Wsus;

/// <summary>
/// Tells the workflow step that asked for a wsusutil run which process it became, the moment it is started: the
/// step journals its id and start time, so a rerun after cmdsync was killed can recognise a wsusutil still running
/// from it (issue 19). <see cref="WsusUtilRunner"/> reports every start; a step observes the starts within its
/// own asynchronous flow only (<see cref="AsyncLocal{T}"/>), so <see cref="IWsusServer"/> and its many stand-ins
/// keep their signatures.
/// </summary>
public static class WsusUtilStarts
{
    private static readonly AsyncLocal<Action<int>?> Observer = new();

    /// <summary>
    /// Calls <paramref name="onStarted"/> with the process id of every wsusutil started in this asynchronous flow
    /// until the result is disposed. It runs on the starting thread right after the start; if it throws, the runner
    /// stops that wsusutil again and the exception propagates (nothing may run that the journal does not know of).
    /// </summary>
    public static IDisposable Observe(Action<int> onStarted)
    {
        var previous = Observer.Value;
        Observer.Value = onStarted ?? throw new ArgumentNullException(nameof(onStarted));
        return new Restore(previous);
    }

    /// <summary>Reports a started wsusutil to the observer of the current flow, if any.</summary>
    public static void Report(int processId) => Observer.Value?.Invoke(processId);

    private sealed class Restore(Action<int>? previous) : IDisposable
    {
        public void Dispose() => Observer.Value = previous;
    }
}
