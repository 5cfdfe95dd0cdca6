using CMDisconnectedSync.Processes;

namespace CMDisconnectedSync.Wsus;

/// <summary>Is told, by <see cref="WsusUtilStarts"/>, about a wsusutil about to start and then about the process it became.</summary>
public interface IWsusUtilStartObserver
{
    /// <summary>Called right before the start; if it throws, nothing is started and the exception propagates.</summary>
    void Launching(ProcessLaunchMark launch);

    /// <summary>Called on the starting thread right after the start; if it throws, that wsusutil is stopped again and the exception propagates.</summary>
    void Started(int processId);
}

/// <summary>
/// Tells the workflow step that asked for a wsusutil run how to recognise that process: before the start, by a
/// <see cref="ProcessLaunchMark"/>, and the moment it has started, by its id. The step journals both, so a rerun after
/// cmdsync was killed, even in the moment between the two, can recognise a wsusutil still running from it (issue 19).
/// <see cref="WsusUtilRunner"/> reports every start; a step observes the starts within its own asynchronous flow only
/// (<see cref="AsyncLocal{T}"/>), so <see cref="IWsusServer"/> and its many stand-ins keep their signatures.
/// Nothing may run that the journal does not know of.
/// </summary>
public static class WsusUtilStarts
{
    private static readonly AsyncLocal<IWsusUtilStartObserver?> Observer = new();

    /// <summary>Tells <paramref name="observer"/> of every wsusutil started in this asynchronous flow until the result is disposed.</summary>
    public static IDisposable Observe(IWsusUtilStartObserver observer)
    {
        var previous = Observer.Value;
        Observer.Value = observer ?? throw new ArgumentNullException(nameof(observer));
        return new Restore(previous);
    }

    /// <summary>Reports a wsusutil about to start to the observer of the current flow, if any.</summary>
    public static void ReportLaunching(ProcessLaunchMark launch) => Observer.Value?.Launching(launch);

    /// <summary>Reports a started wsusutil to the observer of the current flow, if any.</summary>
    public static void ReportStarted(int processId) => Observer.Value?.Started(processId);

    private sealed class Restore(IWsusUtilStartObserver? previous) : IDisposable
    {
        public void Dispose() => Observer.Value = previous;
    }
}
