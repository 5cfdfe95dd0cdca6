namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// The backend of this build when not started with <c>--lab</c>: the Core export/import workflows are not wired into
/// the app yet, so every operation says so (the wizard shows the message) instead of pretending to run.
/// </summary>
public sealed class NotConnectedOperations : IDisconnectedSyncOperations
{
    public Task<IReadOnlyList<PreflightCheck>> RunPreflightAsync(PreflightKind kind, SiteTarget site, CancellationToken cancellationToken) =>
        NotWired<IReadOnlyList<PreflightCheck>>($"The {kind.ToString().ToLowerInvariant()} preflight");

    public Task<BundleVerification> VerifyBundleAsync(string bundlePath, IProgress<TransferProgress>? progress, CancellationToken cancellationToken) =>
        NotWired<BundleVerification>("Bundle verification");

    public Task<ExportResult> ExportAsync(ExportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken) =>
        NotWired<ExportResult>("Export");

    public Task<ImportResult> ImportAsync(ImportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken) =>
        NotWired<ImportResult>("Import");

    public Task<SavedReceipt> SaveReceiptAsync(string destinationPath, CancellationToken cancellationToken) =>
        NotWired<SavedReceipt>("Writing the state receipt");

    public Task<IReadOnlyList<UpdateCategory>> GetNewCategoriesAsync(SiteTarget site, CancellationToken cancellationToken) =>
        NotWired<IReadOnlyList<UpdateCategory>>("Listing new products and classifications");

    public Task<IReadOnlyList<string>> SubscribeAsync(SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken) =>
        NotWired<IReadOnlyList<string>>("Subscribing products and classifications");

    public Task<FullSyncResult> RunFullSyncAsync(SiteTarget site, IProgress<SupSyncState> progress, CancellationToken cancellationToken) =>
        NotWired<FullSyncResult>("Starting a full synchronization");

    public Task<ExportChainState> GetExportChainAsync(CancellationToken cancellationToken) =>
        NotWired<ExportChainState>("Reading the export chain");

    public Task<IReadOnlyList<DeploymentPackageInfo>> GetDeploymentPackagesAsync(SiteTarget site, CancellationToken cancellationToken) =>
        NotWired<IReadOnlyList<DeploymentPackageInfo>>("Listing deployment packages");

    public Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken) =>
        NotWired<SyncStatusReport>("Reading the status");

    public Task<SignerTrustResult> TrustSignerAsync(string bundlePath, string confirmedThumbprint, CancellationToken cancellationToken) =>
        NotWired<SignerTrustResult>("Trusting a signing certificate");

    public Task<IReadOnlyList<SoftwareUpdateGroupInfo>> GetSoftwareUpdateGroupsAsync(SiteTarget site, CancellationToken cancellationToken) =>
        NotWired<IReadOnlyList<SoftwareUpdateGroupInfo>>("Listing software update groups");

    public Task<ContentRequestDraft> PrepareContentRequestAsync(SiteTarget site, ContentRequestSelection selection, CancellationToken cancellationToken) =>
        NotWired<ContentRequestDraft>("Preparing a content request");

    public Task<SavedContentRequest> SaveContentRequestAsync(string requestId, string path, CancellationToken cancellationToken) =>
        NotWired<SavedContentRequest>("Writing a content request");

    // A faulted task, as a real asynchronous operation would return, not an exception thrown at the call.
    private static Task<T> NotWired<T>(string operation) => Task.FromException<T>(new OperationNotWiredException(operation));
}
