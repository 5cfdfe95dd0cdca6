using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Journals the wsusutil a workflow step starts: its launch mark before the start, its id and start time after it,
/// so a rerun after a kill recognises it if it outlived us (<see cref="EarlierWsusUtilGuard"/>).
/// </summary>
internal sealed class WsusUtilStartJournal(WorkflowJournal journal, string step, IRunningProcesses processes) : IWsusUtilStartObserver
{
    /// <summary>Journals every wsusutil started in this asynchronous flow for <paramref name="step"/> until disposed.</summary>
    public static IDisposable Observe(WorkflowJournal journal, string step, IRunningProcesses processes) =>
        WsusUtilStarts.Observe(new WsusUtilStartJournal(journal, step, processes));

    public void Launching(ProcessLaunchMark launch) => journal.MarkProcessLaunching(step, launch);

    public void Started(int processId)
    {
        // Null when it already ended (a wsusutil that fails at once): nothing can outlive us then.
        if (processes.Find(processId) is { } process)
        {
            journal.MarkProcessStarted(step, process);
        }
    }
}
