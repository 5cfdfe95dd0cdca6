using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Preflight;

namespace CMDisconnectedSync.Workflows;

/// <summary>What an import run did (or, with <see cref="Failure"/>, where it stopped): what the CLI, --json and the wizard show.</summary>
public sealed record ImportOutcome
{
    public required string BundleFolder { get; init; }

    /// <summary>The verifier's view of the bundle (sequence, base, files, bytes, signer); null when the manifest was unreadable.</summary>
    public BundleSummary? Bundle { get; init; }

    public string? ManifestSha256 { get; init; }

    /// <summary>Content files copied into WsusContent in this run.</summary>
    public int FilesCopied { get; init; }

    /// <summary>Content files already in WsusContent with the same SHA-256 (not copied again).</summary>
    public int FilesAlreadyPresent { get; init; }

    public long BytesCopied { get; init; }

    public string? WsusContentFolder { get; init; }

    public string? WsusUtilLogPath { get; init; }

    public string? WsusUtilMessage { get; init; }

    /// <summary>True when the bundle's sequence is recorded as accepted (this run or an earlier one).</summary>
    public bool Accepted { get; init; }

    /// <summary>The admin allowed a rollback/replay (reason logged and kept in state.json).</summary>
    public bool RollbackOverridden { get; init; }

    /// <summary>The ConfigMgr sync result; null when no site is configured, --no-sync, or it finished in an earlier run (see <see cref="SyncMessage"/>).</summary>
    public SyncOutcome? Sync { get; init; }

    public string? SyncMessage { get; init; }

    /// <summary>New products and classifications since the snapshot taken before the import (the next steps).</summary>
    public CategoryChanges? NextSteps { get; init; }

    public PreflightReport? Preflight { get; init; }

    /// <summary>What the deployment content step added to which package; null when it did not run in this attempt (see <see cref="DeploymentContentMessage"/>).</summary>
    public Workflows.DeploymentContentOutcome? DeploymentContent { get; init; }

    /// <summary>The deployment content step's summary (also when it finished in an earlier run); null when it did not finish.</summary>
    public string? DeploymentContentMessage { get; init; }

    public IReadOnlyList<string> ResumedSteps { get; init; } = [];

    public required string JournalPath { get; init; }

    public WorkflowFailure? Failure { get; init; }

    /// <summary>
    /// Set when this exact bundle was already imported by a run that finished: nothing was verified beyond the
    /// manifest, copied or imported this time; <see cref="FinishedImport.Message"/> says so (not a failure).
    /// </summary>
    public FinishedImport? AlreadyImported { get; init; }

    public bool Succeeded => Failure is null;
}

/// <summary>The <c>--what-if</c> answer for an import: the verification, what would be copied, the checks; nothing was changed.</summary>
public sealed record ImportPlan
{
    public required string BundleFolder { get; init; }

    /// <summary>The verification result (the plan stops here when the bundle is refused).</summary>
    public required BundleVerificationResult Verification { get; init; }

    public string? WsusContentFolder { get; init; }

    public int FilesToCopy { get; init; }

    public long BytesToCopy { get; init; }

    public int FilesAlreadyPresent { get; init; }

    public IReadOnlyList<PlannedStep> Steps { get; init; } = [];

    public PreflightReport? Preflight { get; init; }

    /// <summary>Why the import would stop; null when it would run.</summary>
    public WorkflowFailure? Failure { get; init; }

    /// <summary>Set when this exact bundle was already imported by a run that finished: the import would do nothing.</summary>
    public FinishedImport? AlreadyImported { get; init; }
}
