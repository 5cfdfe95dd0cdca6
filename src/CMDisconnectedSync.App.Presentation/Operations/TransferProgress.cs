namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// What happened to a workflow step; mirrors Core's <c>Workflows.StepOutcome</c> one-to-one.
/// </summary>
public enum StepState
{
    Pending,
    Running,
    Completed,

    /// <summary>Finished in an earlier run (journal) and skipped on resume.</summary>
    AlreadyDone,
    Failed,
    Cancelled,
}

/// <summary>
/// One progress notification from an export or import: Core's <c>Workflows.StepReport</c> (1-based index of count,
/// journal name, title, outcome, detail) plus the byte/file counters of copy steps (Core's
/// <c>Bundles.TransferProgress</c>) and the live SUP sync state (Core's <c>ConfigMgr.SyncProgress.Status</c>).
/// </summary>
/// <param name="StepIndex">1-based step number.</param>
/// <param name="StepCount">Steps in the workflow.</param>
/// <param name="StepName">Journal name of the step (stable key).</param>
/// <param name="StepTitle">What the admin reads.</param>
/// <param name="State">What is happening to the step.</param>
/// <param name="BytesDone">Bytes done in this step (0 for steps that do not move bytes).</param>
/// <param name="BytesTotal">Bytes this step will move (0 when unknown or not applicable).</param>
/// <param name="FilesDone">Files done in this step (Core's <c>Bundles.TransferProgress.FilesDone</c>).</param>
/// <param name="FilesTotal">Files this step will move (0 when not applicable).</param>
/// <param name="Detail">Current file, wsusutil phase, failure reason…</param>
/// <param name="SupSync">Live <c>SMS_SUPSyncStatus</c> reading while the import waits for the ConfigMgr sync.</param>
public sealed record TransferProgress(
    int StepIndex,
    int StepCount,
    string StepName,
    string StepTitle,
    StepState State,
    long BytesDone,
    long BytesTotal,
    int FilesDone,
    int FilesTotal,
    string? Detail,
    SupSyncState? SupSync = null);
