using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// <see cref="Ui.IDisconnectedSyncOperations"/> over the Core workflows: <see cref="ExportWorkflow"/> and
/// <see cref="ImportWorkflow"/> (run, what-if plan, journal resume), the bundle verifier, the standard preflight, the
/// ConfigMgr follow-up (next steps), <see cref="CategorySubscriber"/> and the state stores. Thin: it picks the Core
/// call, maps records with <see cref="OperationsMapper"/>, and turns a workflow failure into an exception whose
/// message is the workflow's own (what failed, where, what to do).
/// </summary>
public sealed partial class CoreOperations : Ui.IDisconnectedSyncOperations
{
    private readonly BackendSetup _setup;
    private readonly SigningCertificateLoader _certificates = new();
    private (string Path, Bundles.VerifiedBundle Bundle, Bundles.ContentVerification? Content)? _lastVerified;

    public CoreOperations(BackendSetup setup) => _setup = setup ?? throw new ArgumentNullException(nameof(setup));

    public Task<IReadOnlyList<Ui.PreflightCheck>> RunPreflightAsync(Ui.PreflightKind kind, Ui.SiteTarget site, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => RunPreflightOnPoolAsync(kind, site, cancellationToken), cancellationToken);

    public Task<Ui.BundleVerification> VerifyBundleAsync(string bundlePath, IProgress<Ui.TransferProgress>? progress, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => VerifyBundleOnPoolAsync(bundlePath, progress, cancellationToken), cancellationToken);

    public Task<Ui.ExportResult> ExportAsync(Ui.ExportRequest request, IProgress<Ui.TransferProgress> progress, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => ExportOnPoolAsync(request, progress, cancellationToken), cancellationToken);

    public Task<Ui.ImportResult> ImportAsync(Ui.ImportRequest request, IProgress<Ui.TransferProgress> progress, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => ImportOnPoolAsync(request, progress, cancellationToken), cancellationToken);

    public Task<Ui.SyncStatusReport> GetStatusAsync(Ui.SiteTarget site, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => GetStatusOnPoolAsync(site, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<Ui.PreflightCheck>> RunPreflightOnPoolAsync(Ui.PreflightKind kind, Ui.SiteTarget site, CancellationToken cancellationToken)
    {
        PreflightReport report;
        if (kind == Ui.PreflightKind.Import && _lastVerified is { } verified)
        {
            // The import checks compare with the bundle's export server settings: the one the wizard just verified
            // (not hashed again here, nor by the import run while the bundle's files are unchanged: see ImportRequestFor).
            report = await new ImportWorkflow(_setup.ImportSide).PreflightAsync(
                ImportRequestFor(new Ui.ImportRequest(new Ui.SiteTarget(string.Empty, null, null, null), verified.Path, WhatIf: false)), verified.Bundle, cancellationToken).ConfigureAwait(false);
        }
        else if (kind == Ui.PreflightKind.Import)
        {
            throw new InvalidOperationException("Choose and verify a bundle first: the import checks compare this server with the bundle's export server.");
        }
        else
        {
            // Before the options page: where the bundle goes and how big it is are not chosen yet. A free-space row here
            // could only say "0 bytes to write" about the state folder's volume (issue 17), so it is left out: the
            // export run's own preflight gate checks the chosen target folder against the bundle's size.
            var services = _setup.ExportSide;
            var checks = StandardPreflight.ForExport(services.Elevation, services.Wsus, services.Volumes, services.Clock,
                    new ExportPreflightOptions(_setup.ExportStateFolder, 0, _setup.ExportMarginBytes ?? CoreDefaults.MarginBytes, CoreDefaults.MaxSyncAge))
                .Where(check => check is not FreeSpaceCheck)
                .ToList();
            report = await services.Preflight.RunAsync(checks, cancellationToken).ConfigureAwait(false);
        }

        return report.Results.Select(OperationsMapper.ToUi).ToList();
    }

    private async Task<Ui.BundleVerification> VerifyBundleOnPoolAsync(string bundlePath, IProgress<Ui.TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var store = new DisconnectedStateStore(_setup.ImportStateFolder, _setup.ImportSide.Clock, _setup.ImportSide.StateFolders);
        var accepted = await store.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
        var relay = progress is null ? null : new VerifyProgressRelay(progress);
        _lastVerified = null;
        var result = await _setup.ImportSide.Verifier.VerifyAsync(
            bundlePath, Bundles.BundleTrustContext.For(store.LoadTrustedSigners(), accepted), relay, cancellationToken).ConfigureAwait(false);
        relay?.Flush();
        _lastVerified = result.Succeeded && result.Bundle is { } bundle ? (bundlePath, bundle, result.Content) : null;
        if (FinishedImport.Find(bundlePath, _setup.ImportStateFolder, accepted.LastAccepted, result) is { } done)
        {
            return Ui.BundleVerification.AlreadyImportedBefore(done.Message, result.Summary is null ? null : OperationsMapper.ToUi(result.Summary));
        }

        var verification = OperationsMapper.ToUi(result);
        if (result.Failure == Bundles.VerificationFailureKind.SignerUntrusted)
        {
            // The signature is valid, only its signer is not (or no longer) trusted: show the admin whose certificate it is.
            using var certificate = BundleSignerReader.Read(bundlePath);
            verification = verification with { UntrustedSigner = certificate is null ? null : BundleSignerReader.ToUi(certificate) };
        }

        return verification;
    }

    public Task<Ui.SignerTrustResult> TrustSignerAsync(string bundlePath, string confirmedThumbprint, CancellationToken cancellationToken) =>
        OffTheCallersThread(() => TrustSignerOnPoolAsync(bundlePath, confirmedThumbprint, cancellationToken), cancellationToken);

    /// <summary>
    /// The wizard's "Trust this certificate…": what <c>cmdsync keys trust &lt;certificate file&gt;</c> does, with the
    /// certificate taken from the bundle's signature, only for the thumbprint the admin typed from the export side, only
    /// elevated (trusted-signers.txt decides who may send updates here, and the state folder is Administrators-only), and
    /// logged as a warning like the CLI's trust change.
    /// </summary>
    private async Task<Ui.SignerTrustResult> TrustSignerOnPoolAsync(string bundlePath, string confirmedThumbprint, CancellationToken cancellationToken)
    {
        using var certificate = BundleSignerReader.Read(bundlePath)
            ?? throw new InvalidOperationException($"No signing certificate could be read from the signature of '{bundlePath}'. Copy the bundle again, including manifest.json.p7s.");
        var shown = BundleSignerReader.ToUi(certificate);
        if (!string.Equals(Ui.SignerCertificate.NormalizeThumbprint(confirmedThumbprint), shown.Thumbprint, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The thumbprint typed ({confirmedThumbprint}) is not that of the certificate that signed '{bundlePath}' ({shown.Thumbprint}). Nothing was trusted.");
        }

        var now = _setup.ImportSide.Clock.GetUtcNow();
        if (!shown.IsValidAt(now))
        {
            throw new InvalidOperationException(
                $"The certificate {shown.Subject} is valid only from {shown.NotBeforeUtc:yyyy-MM-dd HH:mm} to {shown.NotAfterUtc:yyyy-MM-dd HH:mm} UTC, so its bundles are refused even when trusted. Nothing was trusted; have the export server sign with a current certificate.");
        }

        if (!_setup.ImportSide.Elevation.IsElevatedAdministrator())
        {
            throw new UnauthorizedAccessException(
                "Trusting a signer changes who may send updates to this server, so it needs an elevated administrator: close the wizard, start it again "
                + "with 'Run as administrator' (the import needs that too), or run 'cmdsync keys trust <certificate file>' in an elevated prompt. Nothing was trusted.");
        }

        var store = new DisconnectedStateStore(_setup.ImportStateFolder, _setup.ImportSide.Clock, _setup.ImportSide.StateFolders);
        var signer = new SignerIdentity(shown.Subject, shown.Thumbprint) { NotAfterUtc = shown.NotAfterUtc };
        store.Protect();
        await store.SaveTrustedSignersAsync(store.LoadTrustedSigners().With(signer), cancellationToken).ConfigureAwait(false);
        _setup.ImportSide.Logger.Warning(
            "Trusted signer added from the import wizard by {User}: {Subject} {Thumbprint} (issued by {Issuer}, expires {NotAfter:u}), confirmed by the thumbprint typed from the export side; certificate read from {Bundle}; list {TrustedSigners}",
            Environment.UserDomainName + "\\" + Environment.UserName, shown.Subject, shown.Thumbprint, shown.Issuer, shown.NotAfterUtc, bundlePath,
            Path.Combine(store.Folder, DisconnectedStateStore.TrustedSignersFileName));
        return new Ui.SignerTrustResult(shown, Path.Combine(store.Folder, DisconnectedStateStore.TrustedSignersFileName), _setup.LogPath);
    }

    private async Task<Ui.ExportResult> ExportOnPoolAsync(Ui.ExportRequest request, IProgress<Ui.TransferProgress> progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var chain = await new ExportChainStore(_setup.ExportStateFolder, _setup.ExportSide.StateFolders).LoadAsync(cancellationToken).ConfigureAwait(false);
        if (request.Base == Ui.ExportBaseKind.Full && chain is not null)
        {
            throw new InvalidOperationException(
                $"A full export was asked for, but the export chain in {_setup.ExportStateFolder} already has sequence {chain.LastSequence}, and this build exports deltas "
                + "against it. Choose 'since the last export', or a state receipt from the disconnected server (a receipt from an empty server gives a full bundle).");
        }

        using var certificate = LoadCertificate(request.Signing);
        var core = OperationsMapper.ToCore(request, new CmsManifestSigner(certificate), _setup.ExportStateFolder, _setup.SourceServerName, chain?.NextSequence ?? 1);
        if (_setup.ExportMarginBytes is { } margin)
        {
            core = core with { MarginBytes = margin };
        }

        var workflow = new ExportWorkflow(_setup.ExportSide);
        if (request.WhatIf)
        {
            return OperationsMapper.ToUi(await workflow.PlanAsync(core, cancellationToken).ConfigureAwait(false), _setup.LogPath);
        }

        AnnouncePendingSteps(progress, [(ExportWorkflow.PreflightGate, "Preflight checks"), .. ExportWorkflow.StepTitlesFor(core)]);
        var outcome = await workflow.RunAsync(core, new WorkflowProgressRelay(progress).ToWorkflowProgress(), cancellationToken).ConfigureAwait(false);
        return outcome.Failure is { } failure ? throw new WorkflowFailedException(failure) : OperationsMapper.ToUi(outcome, _setup.LogPath);
    }

    private async Task<Ui.ImportResult> ImportOnPoolAsync(Ui.ImportRequest request, IProgress<Ui.TransferProgress> progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        return await WithSiteAsync(request.Site, async site =>
        {
            var workflow = new ImportWorkflow(_setup.ImportSide with { Site = site });
            var core = ImportRequestFor(request);
            if (request.WhatIf)
            {
                return OperationsMapper.ToUi(await workflow.PlanAsync(core, null, cancellationToken).ConfigureAwait(false), _setup.LogPath);
            }

            AnnouncePendingSteps(progress, [.. ImportWorkflow.Gates, .. workflow.StepsFor(core)]);
            var outcome = await workflow.RunAsync(core, new WorkflowProgressRelay(progress).ToWorkflowProgress(), cancellationToken).ConfigureAwait(false);
            if (outcome.Failure is { } failure)
            {
                throw new WorkflowFailedException(failure);
            }

            var receipt = await WriteImportReceiptAsync(outcome, cancellationToken).ConfigureAwait(false);
            return OperationsMapper.ToUi(outcome, _setup.LogPath) with { Receipt = receipt };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where a finished import leaves its state receipt: <c>&lt;State&gt;\receipts\receipt-&lt;sequence&gt;.json</c>.</summary>
    public static string ImportReceiptPath(string stateFolder, long sequence) =>
        Path.Combine(stateFolder, "receipts", string.Format(System.Globalization.CultureInfo.InvariantCulture, "receipt-{0:D6}.json", sequence));

    public Task<Ui.SavedReceipt> SaveReceiptAsync(string destinationPath, CancellationToken cancellationToken) =>
        OffTheCallersThread(async () =>
        {
            if (string.IsNullOrWhiteSpace(destinationPath))
            {
                throw new ArgumentException("Choose where to save the receipt, e.g. E:\\Transfer\\receipt.json on the transfer media.", nameof(destinationPath));
            }

            var lookup = _setup.ImportSide.Wsus.LocateInstallation();
            if (lookup.Installation is not { } installation)
            {
                throw new InvalidOperationException(
                    $"No receipt was written: its WsusContent folder is unknown because WSUS was not found on this server. {lookup.Problem} "
                    + "Save the receipt on the disconnected server that imports the bundles.");
            }

            return await WriteReceiptAsync(installation.ContentDirectory, Path.GetFullPath(destinationPath), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// After a finished import, the receipt the export side needs next, in the state folder (issue 17: the round trip
    /// was CLI-only). The import itself succeeded: a receipt that cannot be written is logged, not the import's failure,
    /// and Save receipt… writes one again.
    /// </summary>
    private async Task<Ui.SavedReceipt?> WriteImportReceiptAsync(ImportOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.WsusContentFolder is not { } contentRoot || outcome.Bundle is not { } bundle)
        {
            return null;
        }

        var path = ImportReceiptPath(_setup.ImportStateFolder, bundle.Sequence);
        try
        {
            return await WriteReceiptAsync(contentRoot, path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _setup.ImportSide.Logger.Warning(ex, "The import finished but its state receipt {Receipt} could not be written; use Save receipt for the export side", path);
            return null;
        }
    }

    /// <summary>The same Core calls as <c>cmdsync receipt</c> (ReceiptCommand): build from WsusContent and the state store, write with its .sha256.</summary>
    private async Task<Ui.SavedReceipt> WriteReceiptAsync(string contentRoot, string path, CancellationToken cancellationToken)
    {
        var side = _setup.ImportSide;
        var store = new DisconnectedStateStore(_setup.ImportStateFolder, side.Clock, side.StateFolders);
        var builder = new StateReceiptBuilder(new ContentInventoryScanner(new BundlePathValidator()), side.Clock);
        var receipt = await builder.BuildAsync(contentRoot, store, Environment.MachineName, null, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await new StateReceiptFile().WriteAsync(receipt, path, cancellationToken).ConfigureAwait(false);
        side.Logger.Information("Receipt {Receipt}: {Files} files, last sequence {Sequence}", path, receipt.Inventory.Entries.Count, receipt.LastAccepted?.Sequence);
        return new Ui.SavedReceipt(path, path + StateReceiptFile.HashSuffix, receipt.Inventory.Entries.Count, receipt.LastAccepted?.Sequence);
    }

    public Task<IReadOnlyList<Ui.UpdateCategory>> GetNewCategoriesAsync(Ui.SiteTarget site, CancellationToken cancellationToken) =>
        WithSiteAsync<IReadOnlyList<Ui.UpdateCategory>>(site, async connected =>
        {
            var changes = await FollowUp(connected).NextStepsAsync(cancellationToken).ConfigureAwait(false);
            return changes.NewCategories.Select(OperationsMapper.ToUi).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SubscribeAsync(Ui.SiteTarget site, IReadOnlyList<string> categoryIds, CancellationToken cancellationToken) =>
        WithSiteAsync<IReadOnlyList<string>>(site, async connected =>
        {
            var result = await new CategorySubscriber(_setup.ImportSide.Logger).SubscribeAsync(connected, categoryIds.ToList(), cancellationToken).ConfigureAwait(false);
            return result.Subscribed.Concat(result.AlreadySubscribed).Select(c => c.UniqueId).ToList();
        }, cancellationToken);

    /// <summary>
    /// Checks the sync source, triggers a full sync on the import side's software update point and waits for its result,
    /// exactly as <c>cmdsync categories subscribe --sync</c> does (<c>ConfigMgrVerbSupport.SyncAndReportAsync</c>:
    /// <see cref="SyncSourceSoftwareUpdatePoint"/> then <see cref="SupSyncWaiter.SyncNowAndWaitAsync"/>), with the
    /// import's poll interval and timeout.
    /// </summary>
    public Task<Ui.FullSyncResult> RunFullSyncAsync(Ui.SiteTarget site, IProgress<Ui.SupSyncState> progress, CancellationToken cancellationToken) =>
        WithSiteAsync(site, async connected =>
        {
            var finding = SyncSourceCheck.Evaluate(await connected.GetSyncSourceAsync(cancellationToken).ConfigureAwait(false), connected.SiteCode);
            if (!finding.IsOk)
            {
                throw new InvalidOperationException($"{finding.Message} The sync was not triggered. {finding.Fix}");
            }

            var points = await connected.GetSoftwareUpdatePointsAsync(cancellationToken).ConfigureAwait(false);
            var sup = SyncSourceSoftwareUpdatePoint.Select(points, connected.SiteCode, connected.ProviderServer, _setup.ImportSide.ImportServerNames);
            var template = _setup.ImportTemplate;
            var request = new SyncRequest(
                FullSync: true,
                template?.SyncTimeout ?? SyncRequest.DefaultTimeout,
                template?.SyncPollInterval ?? SyncRequest.DefaultPollInterval);
            var outcome = await _setup.ImportSide.SyncWaiter.SyncNowAndWaitAsync(
                connected, sup, request, new SyncStateRelay(progress), cancellationToken).ConfigureAwait(false);
            return new Ui.FullSyncResult(
                outcome.IsSuccess, outcome.FinalStatus is { } final ? OperationsMapper.ToUi(final) : null, outcome.Elapsed, outcome.Message);
        }, cancellationToken);

    /// <summary>The site's deployment packages, through the same catalog port the import's package step uses.</summary>
    public Task<IReadOnlyList<Ui.DeploymentPackageInfo>> GetDeploymentPackagesAsync(Ui.SiteTarget site, CancellationToken cancellationToken) =>
        WithSiteAsync<IReadOnlyList<Ui.DeploymentPackageInfo>>(site, async connected =>
        {
            var packages = await DeploymentContent.DeploymentContentCatalogs.Of(connected).GetDeploymentPackagesAsync(cancellationToken).ConfigureAwait(false);
            return packages.Select(OperationsMapper.ToUi).ToList();
        }, cancellationToken);

    public Task<Ui.ExportChainState> GetExportChainAsync(CancellationToken cancellationToken) =>
        OffTheCallersThread(async () =>
        {
            var chain = await new ExportChainStore(_setup.ExportStateFolder, _setup.ExportSide.StateFolders).LoadAsync(cancellationToken).ConfigureAwait(false);
            return new Ui.ExportChainState(chain?.LastSequence, _setup.ExportStateFolder);
        }, cancellationToken);

    private async Task<Ui.SyncStatusReport> GetStatusOnPoolAsync(Ui.SiteTarget site, CancellationToken cancellationToken)
    {
        var chain = await new ExportChainStore(_setup.ExportStateFolder, _setup.ExportSide.StateFolders).LoadAsync(cancellationToken).ConfigureAwait(false);
        var accepted = (await new DisconnectedStateStore(_setup.ImportStateFolder, _setup.ImportSide.Clock, _setup.ImportSide.StateFolders).LoadAcceptedAsync(cancellationToken).ConfigureAwait(false)).LastAccepted;
        var (statuses, problem) = await ReadSyncStatusesAsync(site, cancellationToken).ConfigureAwait(false);
        var runs = new[]
            {
                RunHistory.Read(Ui.RunKind.Export, _setup.ExportStateFolder, _setup.LogPath, chain?.LastSequence),
                RunHistory.Read(Ui.RunKind.Import, _setup.ImportStateFolder, _setup.LogPath, accepted?.Sequence),
            }
            .Where(r => r is not null)
            .Select(r => r!)
            .OrderByDescending(r => r.StartedAtUtc)
            .ToList();
        return new Ui.SyncStatusReport(chain?.LastSequence, accepted?.Sequence, statuses.Select(OperationsMapper.ToUi).ToList(), runs, problem);
    }

    /// <summary>
    /// The SUP sync states, or why they cannot be read: the local sequences and runs are worth showing even when the
    /// SMS Provider is down or refuses this account, so a ConfigMgr failure here is a message, not the window's error.
    /// </summary>
    private async Task<(IReadOnlyList<SupSyncStatus> Statuses, string? Problem)> ReadSyncStatusesAsync(Ui.SiteTarget site, CancellationToken cancellationToken)
    {
        try
        {
            return (await WithSiteAsync(site, connected => connected.GetSyncStatusesAsync(cancellationToken), cancellationToken).ConfigureAwait(false), null);
        }
        catch (ConfigMgrException ex)
        {
            _setup.ImportSide.Logger.Warning(ex, "Status: the software update points' sync state could not be read from {Server}", site.SiteServer);
            return ([], ex.Message);
        }
    }

    /// <summary>
    /// Lists every step of the run as pending before it starts, so the progress page names each one ("Import the
    /// metadata (wsusutil import)") instead of "Step 5 waiting". The gates' titles are the workflows' own
    /// (CoreOperationsTests compares them with the titles the run then reports).
    /// </summary>
    private static void AnnouncePendingSteps(IProgress<Ui.TransferProgress> progress, IReadOnlyList<(string Name, string Title)> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            progress.Report(new Ui.TransferProgress(i + 1, steps.Count, steps[i].Name, steps[i].Title, Ui.StepState.Pending, 0, 0, 0, 0, null));
        }
    }

    /// <summary>
    /// Connects to the site, runs <paramref name="use"/>, and releases the SMS Provider connection (a WMI session); off
    /// the caller's thread, since connecting through the SDK blocks.
    /// </summary>
    private Task<T> WithSiteAsync<T>(Ui.SiteTarget site, Func<IConfigMgrSite, Task<T>> use, CancellationToken cancellationToken) =>
        OffTheCallersThread(async () =>
        {
            var connected = await _setup.Sites.ConnectAsync(site?.SiteServer, cancellationToken).ConfigureAwait(false);
            try
            {
                return await use(connected).ConfigureAwait(false);
            }
            finally
            {
                (connected as IDisposable)?.Dispose();
            }
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the thread pool. The wizard calls these operations on the UI thread, and Core does
    /// long stretches synchronously before its first real await (scanning WsusContent, hashing, loading a PFX, WMI
    /// connects): started here, they would freeze the window and its Cancel button.
    /// </summary>
    private static Task<T> OffTheCallersThread<T>(Func<Task<T>> work, CancellationToken cancellationToken) => Task.Run(work, cancellationToken);

    /// <summary>
    /// The Core request for the wizard's <paramref name="request"/> (bundle, deployment package), carrying the
    /// Verification page's content verification of the same path (issue 17: the run then does not hash the bundle a
    /// second time while its files are unchanged).
    /// </summary>
    private ImportRequest ImportRequestFor(Ui.ImportRequest request) =>
        OperationsMapper.ToCore(request, _setup.ImportStateFolder, _setup.ImportTemplate)
        with { VerifiedContent = _lastVerified is { } verified && verified.Path == request.BundlePath ? verified.Content : null };

    private ConfigMgrFollowUp FollowUp(IConfigMgrSite site) =>
        new(site, _setup.ImportStateFolder, _setup.ImportSide.SyncWaiter, _setup.ImportSide.Clock, _setup.ImportSide.Logger, _setup.ImportSide.ImportServerNames);

    private System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(Ui.SigningCertificate signing) =>
        signing.PfxPath is { Length: > 0 } pfx
            ? _certificates.LoadFromPfx(pfx, () => string.IsNullOrEmpty(signing.PfxPassword) ? null : signing.PfxPassword)
            : _certificates.LoadFromStore(signing.StoreThumbprint ?? throw new InvalidOperationException("Choose a signing certificate: a thumbprint in the certificate store or a PFX file."));

    /// <summary>Passes on the states of the sync we triggered (not the one before it), as the CLI prints them.</summary>
    private sealed class SyncStateRelay(IProgress<Ui.SupSyncState>? target) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            if (target is not null && value.IsAfterTrigger && value.Status is { } status)
            {
                target.Report(OperationsMapper.ToUi(status));
            }
        }
    }

    /// <summary>Core's own defaults for what the wizard does not ask (only these two members of it are read).</summary>
    private static readonly ExportRequest CoreDefaults = new()
    {
        OutputFolder = string.Empty,
        Signer = null!,
        StateFolder = string.Empty,
        SourceServerName = string.Empty,
    };
}
