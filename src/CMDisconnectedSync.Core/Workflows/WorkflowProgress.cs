using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Where a workflow reports progress: each step (start, done, skipped as already done, failed), the bytes and
/// files of the current long step (bundle write, verify, content copy), and the ConfigMgr sync wait. Any of them
/// may be null. Pass <see cref="Progress{T}"/> instances from a UI thread to have reports marshalled to it.
/// </summary>
public sealed record WorkflowProgress(
    IProgress<StepReport>? Steps = null,
    IProgress<TransferProgress>? Transfer = null,
    IProgress<SyncProgress>? Sync = null)
{
    public static WorkflowProgress None { get; } = new();
}
