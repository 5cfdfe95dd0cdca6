using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Workflows;

/// <summary>Why a workflow stopped; the CLI maps each kind (and its detail) to a documented exit code.</summary>
public enum WorkflowFailureKind
{
    /// <summary>The bundle failed verification (see <see cref="WorkflowFailure.Verification"/>); nothing was written.</summary>
    BundleRejected,

    /// <summary>A preflight check failed (see <see cref="WorkflowFailure.Preflight"/>); nothing was changed.</summary>
    PreflightFailed,

    /// <summary>WSUS is not installed here (or wsusutil is missing).</summary>
    WsusNotInstalled,

    /// <summary>The WSUS admin API could not be asked (service or database down, access denied).</summary>
    WsusQueryFailed,

    /// <summary>wsusutil failed under the strict rule (see <see cref="WorkflowFailure.WsusUtil"/>).</summary>
    WsusUtilFailed,

    /// <summary>A file operation failed (disk full, access denied, media removed); the message names the file.</summary>
    FileSystem,

    /// <summary>The state folder, export chain, receipt or journal is damaged or inconsistent.</summary>
    State,

    /// <summary>The signing certificate or the bundle folder cannot be used as asked.</summary>
    InvalidRequest,

    /// <summary>A ConfigMgr call failed (see <see cref="WorkflowFailure.ConfigMgr"/>).</summary>
    ConfigMgr,

    /// <summary>The ConfigMgr software update synchronization did not succeed (see <see cref="WorkflowFailure.Sync"/>).</summary>
    SyncFailed,

    /// <summary>The site's sync source is not "do not synchronize"; the sync was not triggered.</summary>
    SyncSourceNotDisconnected,

    /// <summary>
    /// The export's output folder already holds the bundle of a finished export (see <see cref="FinishedExport"/>):
    /// nothing was run or changed; carry that bundle across, or export into a new folder.
    /// </summary>
    ExportAlreadyFinished,

    /// <summary>
    /// Another run of the same workflow holds the state folder's lock (see <see cref="State.StateFolderLock"/>): nothing
    /// was run or changed; wait for that run or stop it, then run the command again.
    /// </summary>
    StateFolderInUse,

    /// <summary>
    /// Requested deployment content could not be carried (issue 18): a file's bytes differ from Microsoft's digest or
    /// size, a download failed, or a FileHash is unreadable (see <see cref="WorkflowFailure.DeploymentContentError"/>).
    /// No bundle was written; files already checked stay staged for the rerun.
    /// </summary>
    DeploymentContent,

    /// <summary>
    /// Deployment content was refused or could not be added to the package (see <see cref="WorkflowFailure.DeploymentContentError"/>):
    /// nothing of it reached the site; the metadata import before it stands.
    /// </summary>
    DeploymentContentRefused,
}

/// <summary>What stopped a workflow, at which step, with the evidence an admin (or the CLI's exit code) needs.</summary>
/// <param name="Kind">The category of failure.</param>
/// <param name="Step">The journal name of the step (or gate: <c>verify</c>, <c>preflight</c>) that failed.</param>
/// <param name="Message">What failed, on which file/server, and what to do next.</param>
public sealed record WorkflowFailure(WorkflowFailureKind Kind, string Step, string Message)
{
    public PreflightReport? Preflight { get; init; }

    public WsusUtilResult? WsusUtil { get; init; }

    public BundleVerificationResult? Verification { get; init; }

    public SyncOutcome? Sync { get; init; }

    public ConfigMgrFailure? ConfigMgr { get; init; }

    /// <summary>
    /// The typed deployment content error, for the exit code. Export (<see cref="WorkflowFailureKind.DeploymentContent"/>):
    /// a digest or size mismatch, a download failure, an unreadable FileHash. Import
    /// (<see cref="WorkflowFailureKind.DeploymentContentRefused"/>): a <see cref="DeploymentContent.DeploymentImportException"/> (not requested,
    /// unknown update, package unusable, AddUpdateContent failed), a Microsoft digest, size or Authenticode mismatch,
    /// an unreadable digest, or an unusable content request. The CLI maps each to its exit code.
    /// </summary>
    public Exception? DeploymentContentError { get; init; }
}

/// <summary>Carries a <see cref="WorkflowFailure"/> out of a step so the journal records the step as failed.</summary>
public sealed class WorkflowFailedException : Exception
{
    public WorkflowFailedException(WorkflowFailure failure)
        : base((failure ?? throw new ArgumentNullException(nameof(failure))).Message) => Failure = failure;

    public WorkflowFailedException()
        : this(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, string.Empty, "The workflow failed."))
    {
    }

    public WorkflowFailedException(string message)
        : this(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, string.Empty, message))
    {
    }

    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException) => Failure = new WorkflowFailure(WorkflowFailureKind.InvalidRequest, string.Empty, message);

    public WorkflowFailure Failure { get; }
}
