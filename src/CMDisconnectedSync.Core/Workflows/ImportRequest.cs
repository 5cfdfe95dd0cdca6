using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Workflows;

/// <summary>What to import and how (the options of <c>cmdsync import</c> and of the import wizard).</summary>
public sealed record ImportRequest
{
    /// <summary>The bundle folder (holding manifest.json, or the volume-NNN folders of a split bundle).</summary>
    public required string BundleFolder { get; init; }

    /// <summary>This (disconnected) server's state folder: trusted signers, last accepted sequence, inventory, journals.</summary>
    public required string StateFolder { get; init; }

    /// <summary>
    /// Accept a sequence not above the highest one ever accepted; needs <see cref="RollbackReason"/> (checked before
    /// anything runs), which is logged and kept in state.json. Never overrides a delta's base check.
    /// </summary>
    public bool AllowRollback { get; init; }

    public string? RollbackReason { get; init; }

    /// <summary>After the import, trigger the ConfigMgr sync and wait for it (when a site is configured).</summary>
    public bool SyncAfterImport { get; init; } = true;

    public TimeSpan SyncTimeout { get; init; } = SyncRequest.DefaultTimeout;

    public TimeSpan SyncPollInterval { get; init; } = SyncRequest.DefaultPollInterval;

    /// <summary>
    /// A verification of this bundle's content made earlier in the same session (the wizard's Verification page): the
    /// run does not hash the content again while every file still has the size and last-write time it had then. Any
    /// other value (another bundle, a changed file) is ignored and the content is hashed.
    /// </summary>
    public Bundles.ContentVerification? VerifiedContent { get; init; }

    /// <summary>Headroom to keep free on the WsusContent volume beyond the bytes copied.</summary>
    public long MarginBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// When a wsusutil started by an earlier run that was killed is still running: null refuses at once (exit 5, naming
    /// the process); a duration waits up to that long for it to end, then resumes (or refuses).
    /// </summary>
    public TimeSpan? WaitForEarlierWsusUtil { get; init; }

    /// <summary>
    /// Put the bundle's deployment content into a deployment package after the sync (a journaled step of its own);
    /// null: deployment content, if any, is left in the bundle.
    /// </summary>
    public DeploymentContentImport? DeploymentContent { get; init; }
}
