using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>The status window's "recent runs": the last run of a workflow, read from its journal without resuming it.</summary>
internal static class RunHistory
{
    public static Ui.RunRecord? Read(Ui.RunKind kind, string journalPath, string logPath, long? sequence)
    {
        var journal = WorkflowJournal.Peek(journalPath);
        if (journal is null || journal.Entries.Count == 0)
        {
            return null;
        }

        var last = journal.LastEntry!;
        var outcome = journal.IsFinished ? Ui.RunOutcome.Succeeded
            : last.Event == JournalEvent.Failed ? Ui.RunOutcome.Failed
            : Ui.RunOutcome.Unfinished;
        var detail = outcome == Ui.RunOutcome.Succeeded ? null : $"{last.Step}: {last.Detail}";
        return new Ui.RunRecord(kind, outcome == Ui.RunOutcome.Succeeded ? sequence : null, journal.Entries[0].AtUtc, outcome, logPath, detail);
    }
}
