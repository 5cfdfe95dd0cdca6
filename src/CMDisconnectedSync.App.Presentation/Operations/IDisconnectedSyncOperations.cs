namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// What the wizards ask of the product, in the domain's words. The composition root implements it over the Core
/// workflows (export/import runners, bundle verifier, preflight checks, the ConfigMgr and WSUS ports); presenters
/// never see Core, WMI or WSUS types. Every method may throw: presenters show the exception's message as the error,
/// so messages must name the server/file, what failed and what the admin can do next.
/// </summary>
public interface IDisconnectedSyncOperations
{
    /// <summary>Runs the preflight checks for an export or an import against <paramref name="site"/>.</summary>
    Task<IReadOnlyList<PreflightCheck>> RunPreflightAsync(PreflightKind kind, SiteTarget site, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies a bundle (signature, trusted signer, sequence, base, every file's size and hash, safe paths) without
    /// writing anything. A refused bundle is a normal result carrying the reason, not an exception. The content hashing
    /// reports bytes and files to <paramref name="progress"/> (step name <c>verify</c>); the import run after it reuses this
    /// verification instead of hashing again while the bundle's files are unchanged.
    /// </summary>
    Task<BundleVerification> VerifyBundleAsync(string bundlePath, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Runs (or resumes, per the workflow journal) an export. Cancellation stops after the current file and throws
    /// <see cref="OperationCanceledException"/>; calling again with the same request resumes at the unfinished step.
    /// </summary>
    Task<ExportResult> ExportAsync(ExportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken);

    /// <summary>Runs (or resumes) an import of a verified bundle, including the ConfigMgr sync and the wait for it.</summary>
    Task<ImportResult> ImportAsync(ImportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken);

    /// <summary>
    /// Writes this (disconnected) server's state receipt to <paramref name="destinationPath"/> (e.g. the transfer media),
    /// with its <c>.sha256</c> beside it, as <c>cmdsync receipt --content &lt;WsusContent&gt; --out</c> does. The export
    /// wizard takes it as the base "Receipt", so the next bundle carries exactly the files this server lacks.
    /// </summary>
    Task<SavedReceipt> SaveReceiptAsync(string destinationPath, CancellationToken cancellationToken);

    /// <summary>Products and classifications that are new since the last import (or unsubscribed and subscribable).</summary>
    Task<IReadOnlyList<UpdateCategory>> GetNewCategoriesAsync(SiteTarget site, CancellationToken cancellationToken);

    /// <summary>Subscribes the given categories (<c>IsSubscribed=true</c> + <c>Put()</c>); returns the ids actually subscribed.</summary>
    Task<IReadOnlyList<string>> SubscribeAsync(SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken);

    /// <summary>
    /// Triggers a full software update point synchronization and waits for its result, as <c>cmdsync categories
    /// subscribe --sync</c> does, reporting each state read. Cancellation stops the wait (ConfigMgr keeps synchronizing).
    /// </summary>
    Task<FullSyncResult> RunFullSyncAsync(SiteTarget site, IProgress<SupSyncState> progress, CancellationToken cancellationToken);

    /// <summary>
    /// This export server's chain (<c>ExportChainStore</c>): the last sequence exported, or null before the first export.
    /// The options page offers only the bases the chain allows.
    /// </summary>
    Task<ExportChainState> GetExportChainAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The site's software updates deployment packages (<c>SMS_SoftwareUpdatesPackage</c>: PackageID, name, source), for
    /// the import wizard's choice of where the carried deployment content goes.
    /// </summary>
    Task<IReadOnlyList<DeploymentPackageInfo>> GetDeploymentPackagesAsync(SiteTarget site, CancellationToken cancellationToken);

    /// <summary>Last export/import sequence, last sync state per software update point, and recent runs with their logs.</summary>
    Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the certificate that signed <paramref name="bundlePath"/> to this server's trusted signers, after the admin
    /// confirmed it by typing <paramref name="confirmedThumbprint"/> as read on the export server. Refuses (throws, naming
    /// the fix) when the typed thumbprint is not the certificate's, the certificate is outside its validity, or this
    /// process is not elevated (the trusted-signer list decides who may send updates to this server). Logged as a warning.
    /// </summary>
    Task<SignerTrustResult> TrustSignerAsync(string bundlePath, string confirmedThumbprint, CancellationToken cancellationToken);

    /// <summary>The site's software update groups (<c>SMS_AuthorizationList</c>), by name.</summary>
    Task<IReadOnlyList<SoftwareUpdateGroupInfo>> GetSoftwareUpdateGroupsAsync(SiteTarget site, CancellationToken cancellationToken);

    /// <summary>
    /// Builds the content request for <paramref name="selection"/> from the site, as <c>cmdsync content request</c> does,
    /// without writing anything. Throws naming every group the site does not have.
    /// </summary>
    Task<ContentRequestDraft> PrepareContentRequestAsync(SiteTarget site, ContentRequestSelection selection, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the prepared request <paramref name="requestId"/> to <paramref name="path"/> and keeps its copy in the state
    /// folder (the import accepts only content that copy lists). On failure nothing is left behind and the message names
    /// the file and the fix.
    /// </summary>
    Task<SavedContentRequest> SaveContentRequestAsync(string requestId, string path, CancellationToken cancellationToken);
}
