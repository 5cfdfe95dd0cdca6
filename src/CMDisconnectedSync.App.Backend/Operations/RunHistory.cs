using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// The status window's "recent runs": the last run of a workflow, read from its <see cref="LastRunRecord"/> (bundle path,
/// outcome, the step it stopped at; also a run cancelled before its journal opened) and its journal, without resuming it.
/// </summary>
internal static class RunHistory
{
    public static Ui.RunRecord? Read(Ui.RunKind kind, string stateFolder, string logPath, long? sequence)
    {
        var workflow = kind == Ui.RunKind.Export ? WorkflowJournalFiles.ExportWorkflowName : WorkflowJournalFiles.ImportWorkflowName;
        var journalPath = kind == Ui.RunKind.Export ? WorkflowJournalFiles.ExportJournal(stateFolder) : WorkflowJournalFiles.ImportJournal(stateFolder);
        var journal = WorkflowJournal.Peek(journalPath);
        var record = LastRunRecord.Read(stateFolder, workflow);
        if (record is not null && (journal?.LastActivityUtc is not { } activity || record.UpdatedAtUtc >= activity))
        {
            var outcome = record.Outcome switch
            {
                LastRunOutcome.Finished => Ui.RunOutcome.Succeeded,
                LastRunOutcome.Failed => Ui.RunOutcome.Failed,
                LastRunOutcome.Cancelled => Ui.RunOutcome.Cancelled,
                _ => Ui.RunOutcome.Unfinished,
            };
            var shown = outcome == Ui.RunOutcome.Succeeded && kind == Ui.RunKind.Import ? PackageDetail(journal) ?? record.Message : record.Message;
            return new Ui.RunRecord(kind, outcome == Ui.RunOutcome.Succeeded ? sequence : null, record.StartedAtUtc, outcome, logPath, shown)
            {
                BundlePath = record.BundleFolder,
                StoppedAtStep = outcome == Ui.RunOutcome.Succeeded ? null : record.StepTitle,
            };
        }

        if (journal is null || journal.Entries.Count == 0)
        {
            return null;
        }

        var last = journal.LastEntry!;
        var fromJournal = journal.IsFinished ? Ui.RunOutcome.Succeeded
            : last.Event == JournalEvent.Failed ? Ui.RunOutcome.Failed
            : Ui.RunOutcome.Unfinished;
        var detail = fromJournal == Ui.RunOutcome.Succeeded ? null : $"{last.Step}: {last.Detail}";
        return new Ui.RunRecord(kind, fromJournal == Ui.RunOutcome.Succeeded ? sequence : null, journal.Entries[0].AtUtc, fromJournal, logPath, detail)
        {
            StoppedAtStep = fromJournal == Ui.RunOutcome.Succeeded ? null : last.Step,
        };
    }

    /// <summary>
    /// What a finished import put into a deployment package (issue 18): the deployment content step's completion detail
    /// in the finished journal (package, files, distribution), byte counts in the window's units; null when it had none.
    /// </summary>
    private static string? PackageDetail(JournalSnapshot? journal) =>
        journal is { IsFinished: true }
        && journal.Entries.LastOrDefault(e => e.Step == ImportWorkflow.DeploymentContentStep && e.Event == JournalEvent.Completed)?.Detail is { Length: > 0 } detail
            ? "Deployment content: " + App.Presentation.Progress.DisplayFormat.HumanizeByteCounts(detail)
            : null;
}
