namespace CMDisconnectedSync.Workflows;

/// <summary>A journal as read from disk without resuming it: which run it belongs to and what happened to each step.</summary>
public sealed record JournalSnapshot(string FilePath, string Workflow, string RunKey, IReadOnlyList<JournalEntry> Entries)
{
    public bool IsCompleted(string step) => LastEventOf(step) == JournalEvent.Completed;

    public JournalEvent? LastEventOf(string step) => Entries.LastOrDefault(e => e.Step == step)?.Event;

    /// <summary>True when every named step completed.</summary>
    public bool AllCompleted(IEnumerable<string> steps) => steps.All(IsCompleted);

    /// <summary>The last step that started, failed or completed, with its event (null for a journal without entries).</summary>
    public JournalEntry? LastEntry => Entries.Count == 0 ? null : Entries[Entries.Count - 1];

    /// <summary>True when the run reached its end (<see cref="WorkflowJournalFiles.RunFinishedEntry"/>).</summary>
    public bool IsFinished => IsCompleted(WorkflowJournalFiles.RunFinishedEntry);

    /// <summary>The entry that says the run finished (its time, and the manifest hash as detail); null while unfinished.</summary>
    public JournalEntry? FinishedEntry => IsFinished ? Entries.Last(e => e.Step == WorkflowJournalFiles.RunFinishedEntry) : null;

    /// <summary>
    /// The child processes (wsusutil) the run recorded starting, with the step that started each, oldest first
    /// (<see cref="WorkflowJournal.MarkProcessStarted"/>).
    /// </summary>
    public IReadOnlyList<(string Step, Processes.ProcessStamp Process)> StartedProcesses =>
        Entries.Where(e => e.Event == JournalEvent.Started && e.Step.EndsWith(WorkflowJournalFiles.ProcessEntrySuffix, StringComparison.Ordinal))
            .Select(e => (Step: e.Step.Substring(0, e.Step.Length - WorkflowJournalFiles.ProcessEntrySuffix.Length), Process: Processes.ProcessStamp.FromJournalDetail(e.Detail)))
            .Where(p => p.Process is not null)
            .Select(p => (p.Step, p.Process!))
            .ToList();

    /// <summary>
    /// The wsusutil launches the run recorded (<see cref="WorkflowJournal.MarkProcessLaunching"/>) whose started process
    /// it never recorded after them: the run was killed between starting wsusutil and journaling its stamp, or the
    /// start failed. Oldest first.
    /// </summary>
    public IReadOnlyList<(string Step, Processes.ProcessLaunchMark Launch)> UnrecordedLaunches
    {
        get
        {
            var open = new List<(string Step, Processes.ProcessLaunchMark Launch)>();
            foreach (var entry in Entries.Where(e => e.Event == JournalEvent.Started && e.Step.EndsWith(WorkflowJournalFiles.ProcessEntrySuffix, StringComparison.Ordinal)))
            {
                var step = entry.Step.Substring(0, entry.Step.Length - WorkflowJournalFiles.ProcessEntrySuffix.Length);
                if (Processes.ProcessLaunchMark.FromJournalDetail(entry.Detail) is { } launch)
                {
                    open.Add((step, launch));
                }
                else if (Processes.ProcessStamp.FromJournalDetail(entry.Detail) is not null)
                {
                    open.RemoveAll(l => l.Step == step);
                }
            }

            return open;
        }
    }

    /// <summary>When the run last wrote to its journal.</summary>
    public DateTimeOffset? LastActivityUtc => LastEntry?.AtUtc;
}
