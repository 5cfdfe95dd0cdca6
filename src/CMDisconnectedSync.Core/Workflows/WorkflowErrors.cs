using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Turns what a step threw into a <see cref="WorkflowFailure"/>: a failure a step raised on purpose is kept as is;
/// file-system, state and ConfigMgr errors are classified; anything else is not ours to judge and propagates.
/// </summary>
internal static class WorkflowErrors
{
    public static WorkflowFailure? Classify(Exception exception, string step) => exception switch
    {
        WorkflowFailedException failed => failed.Failure.Step.Length == 0 ? failed.Failure with { Step = step } : failed.Failure,
        StateFolderInUseException => new WorkflowFailure(WorkflowFailureKind.StateFolderInUse, step, exception.Message),
        StateFileException or JournalCorruptException or ManifestFormatException =>
            new WorkflowFailure(WorkflowFailureKind.State, step, exception.Message),
        UnsafePathException => new WorkflowFailure(WorkflowFailureKind.FileSystem, step, exception.Message),
        // Altered after verification: the same refusal (and exit code) as a hash mismatch found by verify, not a
        // file-system failure to fix on this server.
        BundleAlteredException altered => new WorkflowFailure(WorkflowFailureKind.BundleRejected, step, altered.Message)
        {
            Verification = BundleVerificationResult.Fail(VerificationFailureKind.HashMismatch, altered.Message),
        },
        // Before IOException: a poisoned or unfetchable update file is not a disk problem to fix on this server.
        DeploymentContent.MicrosoftDigestMismatchException or DeploymentContent.ContentSizeMismatchException or DeploymentContent.ContentDownloadException
            or DeploymentContent.MicrosoftFileDigestFormatException or DeploymentContent.DeploymentContentUnavailableException =>
            new WorkflowFailure(WorkflowFailureKind.DeploymentContent, step,
                exception.Message + " No bundle was written; files already checked stay staged, so the same command resumes.") { DeploymentContentError = exception },
        IOException or UnauthorizedAccessException =>
            new WorkflowFailure(WorkflowFailureKind.FileSystem, step,
                exception.Message + " Nothing is left under a final name half-written; fix the cause (free space, permissions, media) and rerun the same command to resume."),
        Wsus.WsusQueryException => new WorkflowFailure(WorkflowFailureKind.WsusQueryFailed, step, exception.Message),
        Processes.ProcessStartException =>
            new WorkflowFailure(WorkflowFailureKind.WsusNotInstalled, step,
                exception.Message + " Check that WSUS is installed and WsusUtil.exe is in its Tools folder, then rerun the same command."),
        ConfigMgrException configMgr =>
            new WorkflowFailure(WorkflowFailureKind.ConfigMgr, step, configMgr.Message) { ConfigMgr = configMgr.Failure },
        _ => null,
    };

    /// <summary>The journal name of the step that failed last, or <paramref name="fallback"/>.</summary>
    public static string FailedStep(WorkflowJournal? journal, string fallback) =>
        journal?.Entries.LastOrDefault(e => e.Event == JournalEvent.Failed)?.Step ?? fallback;

    /// <summary>
    /// The step a cancelled run stopped in: the journal's last entry, where a wsusutil process record
    /// (<c>&lt;step&gt;:process</c>) counts as its step; <paramref name="fallback"/> (the gate running) before any entry.
    /// </summary>
    public static string CancelledStep(WorkflowJournal? journal, string fallback)
    {
        var step = journal is { Entries.Count: > 0 } started ? started.Entries[started.Entries.Count - 1].Step : fallback;
        return step.EndsWith(WorkflowJournalFiles.ProcessEntrySuffix, StringComparison.Ordinal)
            ? step.Substring(0, step.Length - WorkflowJournalFiles.ProcessEntrySuffix.Length)
            : step;
    }
}
