using System.Diagnostics;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.State;
using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Before a run touches anything: a wsusutil that an earlier run of this workflow started (its id and start time are in
/// the journal) and that still runs, because that run was killed before wsusutil ended, is found and waited for or
/// refused (exit 5), instead of starting a second wsusutil beside it (issue 19). On Windows the kill-on-close Job
/// Object normally ends it with cmdsync; this is the safety net for everywhere else and for a job that could not be set.
/// A process id reused by another program has another start time and does not count. A run killed in the moment
/// between starting wsusutil and journaling its id left only the launch mark (<see cref="ProcessLaunchMark"/>); the
/// process is then found by its unique argument.
/// </summary>
internal static class EarlierWsusUtilGuard
{
    /// <summary>How often a wait checks whether the earlier wsusutil has ended.</summary>
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Returns when no wsusutil recorded in <paramref name="journalPath"/> still runs (after waiting up to
    /// <paramref name="wait"/> when it is given); otherwise throws <see cref="StateFolderInUseException"/> naming the
    /// process and what to do.
    /// </summary>
    public static async Task EnsureNoneRunningAsync(
        string journalPath, string workflow, IRunningProcesses processes, TimeSpan? wait, ILogger logger, CancellationToken cancellationToken)
    {
        var journal = WorkflowJournal.Peek(journalPath);
        if (journal is null)
        {
            return;
        }

        var running = StillRunning(journal, processes);
        if (running is null)
        {
            return;
        }

        var (step, process) = running.Value;
        if (wait is { } limit)
        {
            logger.Warning("wsusutil process {ProcessId}, started by an earlier {Workflow} run (step {Step}) that was stopped, is still running; waiting up to {Limit} for it to end",
                process.ProcessId, workflow, step, limit);
            var waited = Stopwatch.StartNew();
            while (processes.Find(process.ProcessId) == process)
            {
                if (waited.Elapsed >= limit)
                {
                    throw Refusal(journalPath, workflow, step, process, $" It was waited for {limit} and is still running.");
                }

                // Real time, not the workflow clock: this waits for a real process (a test's fixed clock never moves).
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }

            logger.Information("wsusutil process {ProcessId} of the earlier {Workflow} run has ended after {Waited}; this run resumes", process.ProcessId, workflow, waited.Elapsed);
            return;
        }

        throw Refusal(journalPath, workflow, step, process, string.Empty);
    }

    /// <summary>
    /// The newest recorded wsusutil that still runs as the very process that was recorded (same id, same start time);
    /// else a running process that a launch without a recorded stamp started (the run was killed in between).
    /// </summary>
    internal static (string Step, ProcessStamp Process)? StillRunning(JournalSnapshot journal, IRunningProcesses processes)
    {
        foreach (var (step, process) in journal.StartedProcesses.Reverse())
        {
            if (processes.Find(process.ProcessId) == process)
            {
                return (step, process);
            }
        }

        foreach (var (step, launch) in journal.UnrecordedLaunches.Reverse())
        {
            var launched = processes.FindLaunched(launch);
            if (launched.Count > 0)
            {
                return (step, launched[0]);
            }
        }

        return null;
    }

    private static StateFolderInUseException Refusal(string journalPath, string workflow, string step, ProcessStamp process, string waited) =>
        new(string.Format(System.Globalization.CultureInfo.InvariantCulture,
            "A wsusutil started by an earlier cmdsync {0} is still running: process {1} (step '{2}' in the journal '{3}'). That run was stopped "
            + "(killed or crashed) before wsusutil ended, and a second wsusutil beside it would work on the same WSUS database at once; nothing was run.{4} "
            + "Wait for process {1} to end (a large wsusutil run takes hours), or end it (Windows: Stop-Process -Id {1}; Linux: kill {1}), "
            + "then run the same command again (with --wait-for-wsusutil <duration> it waits for it): the steps that finished are not redone.",
            workflow, process.ProcessId, step, journalPath, waited));
}
