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

    /// <summary>Destinations SaveReceiptAsync was asked to write to.</summary>
    public List<string> ReceiptDestinations { get; } = [];

    public Exception? SaveReceiptFailure { get; set; }

    public IReadOnlyList<UpdateCategory> NewCategories { get; set; } = [];

    public Exception? CategoriesFailure { get; set; }

    /// <summary>Ids SubscribeAsync reports as subscribed; null means all requested.</summary>
    public Func<IReadOnlyList<string>, IReadOnlyList<string>>? SubscribeScript { get; set; }

    public Exception? SubscribeFailure { get; set; }

    /// <summary>
    /// The full sync: default reports "synchronizing" then "succeeded" and returns success; a script may wait for a
    /// gate or for cancellation like the real wait.
    /// </summary>
    public Func<IProgress<SupSyncState>, CancellationToken, Task<FullSyncResult>> FullSyncScript { get; set; } =
        (progress, _) =>
        {
            progress.Report(A.SyncState(6704));
            var done = A.SyncState(6702);
            progress.Report(done);
            return Task.FromResult(new FullSyncResult(true, done, TimeSpan.FromMinutes(3), "Synchronization of CM01.contoso.com succeeded (6702) after 00:03:00."));
        };

    public Exception? FullSyncFailure { get; set; }

    /// <summary>This server's export chain; the default has exported up to sequence 42 (the fake export makes 43).</summary>
    public ExportChainState ExportChain { get; set; } = new(42, @"C:\ProgramData\CMDisconnectedSync\State");

    public Exception? ExportChainFailure { get; set; }

    public SyncStatusReport Status { get; set; } = new(null, null, [], []);

    public Exception? StatusFailure { get; set; }

    /// <summary>The site's deployment packages GetDeploymentPackagesAsync lists.</summary>
    public IReadOnlyList<DeploymentPackageInfo> DeploymentPackages { get; set; } = [];

    public Exception? DeploymentPackagesFailure { get; set; }

    public Task<IReadOnlyList<DeploymentPackageInfo>> GetDeploymentPackagesAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("GetDeploymentPackages " + site.SiteServer);
        return DeploymentPackagesFailure is null
            ? Task.FromResult(DeploymentPackages)
            : Task.FromException<IReadOnlyList<DeploymentPackageInfo>>(DeploymentPackagesFailure);
    }

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

    public Task<SavedReceipt> SaveReceiptAsync(string destinationPath, CancellationToken cancellationToken)
    {
        Calls.Add($"SaveReceipt {destinationPath}");
        ReceiptDestinations.Add(destinationPath);
        return SaveReceiptFailure is null
            ? Task.FromResult(new SavedReceipt(destinationPath, destinationPath + ".sha256", 28, 43))
            : Task.FromException<SavedReceipt>(SaveReceiptFailure);
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

    public Task<FullSyncResult> RunFullSyncAsync(SiteTarget site, IProgress<SupSyncState> progress, CancellationToken cancellationToken)
    {
        Calls.Add("RunFullSync");
        return FullSyncFailure is null
            ? FullSyncScript(progress, cancellationToken)
            : Task.FromException<FullSyncResult>(FullSyncFailure);
    }

    public Task<ExportChainState> GetExportChainAsync(CancellationToken cancellationToken)
    {
        Calls.Add("GetExportChain");
        return ExportChainFailure is null ? Task.FromResult(ExportChain) : Task.FromException<ExportChainState>(ExportChainFailure);
    }

    public Task<SyncStatusReport> GetStatusAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("GetStatus");
        return StatusFailure is null ? Task.FromResult(Status) : Task.FromException<SyncStatusReport>(StatusFailure);
    }

    public List<(string BundlePath, string Thumbprint)> TrustRequests { get; } = [];

    public Exception? TrustFailure { get; set; }

    /// <summary>After a successful trust, verification answers with this (default: accepted).</summary>
    public BundleVerification VerificationAfterTrust { get; set; } = BundleVerification.Accepted(A.BundleSummary());

    public Task<SignerTrustResult> TrustSignerAsync(string bundlePath, string confirmedThumbprint, CancellationToken cancellationToken)
    {
        Calls.Add($"TrustSigner {bundlePath} {confirmedThumbprint}");
        TrustRequests.Add((bundlePath, confirmedThumbprint));
        if (TrustFailure is not null)
        {
            return Task.FromException<SignerTrustResult>(TrustFailure);
        }

        var certificate = VerificationResult.UntrustedSigner ?? A.Certificate();
        VerificationResult = VerificationAfterTrust;
        return Task.FromResult(new SignerTrustResult(certificate, @"C:\ProgramData\CMDisconnectedSync\State\trusted-signers.txt", @"C:\CMDS\logs\app.log"));
    }
    /// <summary>The site's software update groups.</summary>
    public IReadOnlyList<SoftwareUpdateGroupInfo> UpdateGroups { get; set; } =
    [
        new(16777400, "Patch Tuesday 2026-12", 3),
        new(16777401, "Servers 2026-12", 2),
    ];

    public Exception? UpdateGroupsFailure { get; set; }

    /// <summary>Selections PrepareContentRequestAsync was asked for.</summary>
    public List<ContentRequestSelection> PreparedSelections { get; } = [];

    /// <summary>The draft for a selection; default: two files per group and one for "required", 1 MiB each.</summary>
    public Func<ContentRequestSelection, ContentRequestDraft> PrepareScript { get; set; } = selection =>
    {
        var files = (selection.GroupIds.Count * 2) + (selection.Required ? 1 : 0);
        return new ContentRequestDraft(
            "req" + string.Join("-", selection.GroupIds) + (selection.Required ? "-required" : string.Empty),
            files,
            files * 1_048_576L,
            files,
            files > 0 ? ["1 content already in a deployment package."] : [],
            @"C:\Users\admin\Documents\CMDisconnectedSync\content-request-PS1.json");
    };

    /// <summary>Makes PrepareContentRequestAsync wait for this before answering (a slow site).</summary>
    public TaskCompletionSource<bool>? PrepareGate { get; set; }

    public Exception? PrepareFailure { get; set; }

    /// <summary>(RequestId, Path) SaveContentRequestAsync was asked to write.</summary>
    public List<(string RequestId, string Path)> SavedContentRequests { get; } = [];

    public Exception? SaveContentRequestFailure { get; set; }

    public Task<IReadOnlyList<SoftwareUpdateGroupInfo>> GetSoftwareUpdateGroupsAsync(SiteTarget site, CancellationToken cancellationToken)
    {
        Calls.Add("GetSoftwareUpdateGroups " + site.SiteServer);
        return UpdateGroupsFailure is not null ? Task.FromException<IReadOnlyList<SoftwareUpdateGroupInfo>>(UpdateGroupsFailure) : Task.FromResult(UpdateGroups);
    }

    public async Task<ContentRequestDraft> PrepareContentRequestAsync(SiteTarget site, ContentRequestSelection selection, CancellationToken cancellationToken)
    {
        Calls.Add($"PrepareContentRequest {string.Join(",", selection.GroupIds)}{(selection.Required ? " required" : string.Empty)}");
        PreparedSelections.Add(selection);
        if (PrepareGate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return PrepareFailure is not null ? throw PrepareFailure : PrepareScript(selection);
    }

    public Task<SavedContentRequest> SaveContentRequestAsync(string requestId, string path, CancellationToken cancellationToken)
    {
        Calls.Add($"SaveContentRequest {requestId} {path}");
        if (SaveContentRequestFailure is not null)
        {
            return Task.FromException<SavedContentRequest>(SaveContentRequestFailure);
        }

        SavedContentRequests.Add((requestId, path));
        return Task.FromResult(new SavedContentRequest(path, @"C:\ProgramData\CMDisconnectedSync\State\content-requests\" + requestId + ".json", 4, 4 * 1_048_576L));
    }
}
