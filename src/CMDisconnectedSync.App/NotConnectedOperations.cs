using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App;

/// <summary>
/// The backend of this build when not started with <c>--lab</c>: the Core export/import workflows are not wired into
/// the app yet, so every operation says so (the wizard shows the message) instead of pretending to run.
/// </summary>
internal sealed class NotConnectedOperations : IDisconnectedSyncOperations
{
    public Task<IReadOnlyList<PreflightCheck>> RunPreflightAsync(PreflightKind kind, SiteTarget site, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException($"The {kind.ToString().ToLowerInvariant()} preflight");

    public Task<BundleVerification> VerifyBundleAsync(string bundlePath, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Bundle verification");

    public Task<ExportResult> ExportAsync(ExportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Export");

    public Task<ImportResult> ImportAsync(ImportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Import");

    public Task<IReadOnlyList<UpdateCategory>> GetNewCategoriesAsync(SiteTarget site, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Listing new products and classifications");

    public Task<IReadOnlyList<string>> SubscribeAsync(SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Subscribing products and classifications");

    public Task<SyncTrigger> RunFullSyncAsync(SiteTarget site, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Starting a full synchronization");

    public Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken) =>
        throw new OperationNotWiredException("Reading the status");
}
