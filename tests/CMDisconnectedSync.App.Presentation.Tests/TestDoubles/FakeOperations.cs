using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>
/// A scripted backend: records every call with its arguments and answers with what the test set up (a result, an
/// exception, or a run script that reports progress and can wait for a gate or for cancellation).
/// </summary>
internal sealed class FakeOperations : IDisconnectedSyncOperations
{
    public List<string> Calls { get; } = [];

    public List<ExportRequest> ExportRequests { get; } = [];

    public List<ImportRequest> ImportRequests { get; } = [];

    public List<IReadOnlyList<string>> SubscribeRequests { get; } = [];

    public IReadOnlyList<PreflightCheck> PreflightResult { get; set; } = [A.Check("elevation", CheckStatus.Pass)];

    public Exception? PreflightFailure { get; set; }

    public BundleVerification VerificationResult { get; set; } = BundleVerification.Accepted(A.BundleSummary());

    public Exception? VerificationFailure { get; set; }

    /// <summary>The export run; default reports one completed step and returns <see cref="A.ExportResult"/>.</summary>
    public Func<ExportRequest, IProgress<TransferProgress>, CancellationToken, Task<ExportResult>> ExportScript { get; set; } =
        (request, progress, _) =>
        {
            progress.Report(A.Step(1, 1, StepState.Completed));
            return Task.FromResult(A.ExportResult(request.WhatIf));
        };

    public Func<ImportRequest, IProgress<TransferProgress>, CancellationToken, Task<ImportResult>> ImportScript { get; set; } =
        (request, progress, _) =>
        {
            progress.Report(A.Step(1, 1, StepState.Completed));
            return Task.FromResult(A.ImportResult(request.WhatIf));
        };

    public IReadOnlyList<UpdateCategory> NewCategories { get; set; } = [];

    public Exception? CategoriesFailure { get; set; }

    /// <summary>Ids SubscribeAsync reports as subscribed; null means all requested.</summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<string>>? SubscribeScript { get; set; }

    public Exception? SubscribeFailure { get; set; }

    public DateTimeOffset FullSyncTriggeredAt { get; set; } = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public Exception? FullSyncFailure { get; set; }

    public SyncStatusReport Status { get; set; } = new(null, null, [], []);

    public Exception? StatusFailure { get; set; }

    public Task<IReadOnlyList<PreflightCheck>> RunPreflightAsync(PreflightKind kind, SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add($"RunPreflight {kind} {site.SiteServer}");
        return PreflightFailure is null ? Task.FromResult(PreflightResult) : Task.FromException<IReadOnlyList<PreflightCheck>>(PreflightFailure);
    }

    /// <summary>When set, runs in place of the canned verification result (to report hashing progress, or to wait for a cancel).</summary>
    public Func<IProgress<TransferProgress>?, CancellationToken, Task<BundleVerification>>? VerifyScript { get; set; }

    public Task<BundleVerification> VerifyBundleAsync(string bundlePath, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        Calls.Add("VerifyBundle " + bundlePath);
        return VerifyScript is { } script ? script(progress, cancellationToken)
            : VerificationFailure is null ? Task.FromResult(VerificationResult) : Task.FromException<BundleVerification>(VerificationFailure);
    }

    public Task<ExportResult> ExportAsync(ExportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        Calls.Add("Export " + request.TargetFolder);
        ExportRequests.Add(request);
        return ExportScript(request, progress, cancellationToken);
    }

    public Task<ImportResult> ImportAsync(ImportRequest request, IProgress<TransferProgress> progress, CancellationToken cancellationToken)
    {
        Calls.Add("Import " + request.BundlePath);
        ImportRequests.Add(request);
        return ImportScript(request, progress, cancellationToken);
    }

    public Task<IReadOnlyList<UpdateCategory>> GetNewCategoriesAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("GetNewCategories");
        return CategoriesFailure is null ? Task.FromResult(NewCategories) : Task.FromException<IReadOnlyList<UpdateCategory>>(CategoriesFailure);
    }

    public Task<IReadOnlyList<string>> SubscribeAsync(SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken)
    {
        Calls.Add("Subscribe " + string.Join(",", categoryIds));
        SubscribeRequests.Add(categoryIds);
        if (SubscribeFailure is not null)
        {
            return Task.FromException<IReadOnlyList<string>>(SubscribeFailure);
        }

        return Task.FromResult(SubscribeScript?.Invoke(categoryIds) ?? categoryIds);
    }

    public Task<SyncTrigger> RunFullSyncAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("RunFullSync");
        return FullSyncFailure is null
            ? Task.FromResult(new SyncTrigger(FullSyncTriggeredAt, true))
            : Task.FromException<SyncTrigger>(FullSyncFailure);
    }

    public Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("GetStatus");
        return StatusFailure is null ? Task.FromResult(Status) : Task.FromException<SyncStatusReport>(StatusFailure);
    }
}
