using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Host;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Processes;
using Serilog;

namespace CMDisconnectedSync.Lab;

/// <summary>What one demo round did: the real export, the separate verification, the real import, and the content check.</summary>
/// <param name="Round">1 for the full transfer, 2 and on for incremental ones.</param>
/// <param name="Export">The export workflow's outcome.</param>
/// <param name="ExportDuration">Wall time of the export.</param>
/// <param name="Verification">What <c>cmdsync verify</c> says on the disconnected side; null when the export failed.</param>
/// <param name="Import">The import workflow's outcome (incl. the ConfigMgr sync and the next steps); null when it did not run.</param>
/// <param name="ImportDuration">Wall time of the import.</param>
/// <param name="Content">Both WsusContent trees compared after the import; null when it did not run.</param>
/// <param name="Subscribed">Categories the lab admin subscribed after the round (as offered by the next steps).</param>
/// <param name="PackageContent">
/// The deployment content round only: the requested files in the lab deployment package compared byte for byte with
/// what the lab download server serves; null for a round without deployment content.
/// </param>
public sealed record LabDemoRound(
    int Round,
    ExportOutcome Export,
    TimeSpan ExportDuration,
    BundleVerificationResult? Verification,
    ImportOutcome? Import,
    TimeSpan ImportDuration,
    LabContentComparison? Content,
    IReadOnlyList<UpdateCategory> Subscribed,
    LabPackageComparison? PackageContent = null)
{
    /// <summary>Export, verification, import and sync all succeeded, and WsusContent is byte-identical on both sides.</summary>
    public bool Succeeded => Export.Succeeded && Verification?.Succeeded == true && Import?.Succeeded == true
        && Import.Sync?.IsSuccess == true && Content?.Identical == true && PackageContent?.Identical != false;

    /// <summary>The first thing that went wrong, for the admin; null when <see cref="Succeeded"/>.</summary>
    public string? Problem =>
        !Export.Succeeded ? "Export failed at " + Export.Failure!.Step + ": " + Export.Failure.Message
        : Verification is not { Succeeded: true } ? "Verification refused the bundle: " + Verification?.Cause
        : Import is null ? "The import did not run."
        : !Import.Succeeded ? "Import failed at " + Import.Failure!.Step + ": " + Import.Failure.Message
        : Import.Sync is not { IsSuccess: true } ? "The ConfigMgr sync did not succeed: " + (Import.Sync?.Message ?? Import.SyncMessage ?? "no sync ran")
        : Content is not { Identical: true } ? DescribeContentDifference(Content)
        : PackageContent is { Identical: false } ? DescribePackageDifference(PackageContent)
        : null;

    private static string DescribePackageDifference(LabPackageComparison package) =>
        package.Differences.Count == 0
            ? "No deployment content was requested, so the package was not checked."
            : string.Format(CultureInfo.InvariantCulture, "The deployment package differs from Microsoft's files in {0} places, e.g. {1}",
                package.Differences.Count, package.Differences[0]);

    private static string DescribeContentDifference(LabContentComparison? content) =>
        content is null || content.Differences.Count == 0
            ? "WsusContent was not compared."
            : string.Format(CultureInfo.InvariantCulture, "WsusContent differs between the export and the disconnected server in {0} places, e.g. {1}",
                content.Differences.Count, content.Differences[0]);
}

/// <summary>
/// Runs the lab end to end with the product's own workflows: <see cref="ExportWorkflow"/> on the lab export server,
/// the bundle verifier on the disconnected side, <see cref="ImportWorkflow"/> on the lab disconnected server with the
/// lab ConfigMgr site (SyncNow, wait, next steps), then compares both WsusContent trees. Only the servers are
/// simulated (<see cref="LabWsusServer"/> with the real wsusutil-lab child process, <see cref="LabConfigMgrSite"/>).
/// </summary>
public sealed class LabDemo
{
    /// <summary>How often the lab import polls the lab site's sync status (a real site: <see cref="SyncRequest.DefaultPollInterval"/>).</summary>
    public static readonly TimeSpan SyncPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Free space to keep beyond what is written: small, since the lab writes to a temp folder.</summary>
    public const long MarginBytes = 16L * 1024 * 1024;

    private readonly IProcessRunner _processes;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly string _wsusUtilPath;

    public LabDemo(LabEnvironment lab, string wsusUtilPath, TimeProvider clock, ILogger logger, IProcessRunner? processes = null)
    {
        Lab = lab ?? throw new ArgumentNullException(nameof(lab));
        _wsusUtilPath = wsusUtilPath ?? throw new ArgumentNullException(nameof(wsusUtilPath));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _processes = processes ?? new ProcessRunner();
    }

    public LabEnvironment Lab { get; }

    /// <summary>The export side as the workflows see it: lab WSUS, lab elevation and volumes, no ConfigMgr site.</summary>
    public WorkflowServices ExportServices() =>
        new(new LabWsusServer(Lab.ExportServer, _wsusUtilPath, _processes, _logger), new LabElevation(), new LabVolumeInspector(), _clock, _logger)
        {
            StateFolders = StateFolderProtections.ForLab(),
        };

    /// <summary>The disconnected side: lab WSUS and the lab ConfigMgr site.</summary>
    public WorkflowServices DisconnectedServices() =>
        new(new LabWsusServer(Lab.DisconnectedServer, _wsusUtilPath, _processes, _logger), new LabElevation(), new LabVolumeInspector(), _clock, _logger, Site())
        {
            StateFolders = StateFolderProtections.ForLab(),
        };

    public LabConfigMgrSite Site() => new(Lab.SiteFolder, Lab.DisconnectedServer, _clock, _logger);

    /// <summary>The folder the bundle of <paramref name="round"/> is written to on the lab media.</summary>
    public string BundleFolder(int round) => Path.Combine(Lab.MediaFolder, "bundle-" + round.ToString("000", CultureInfo.InvariantCulture));

    /// <summary>Loads the lab signing PFX.</summary>
    public CmsManifestSigner CreateSigner() => new(new SigningCertificateLoader().LoadFromPfx(Lab.SigningPfxPath, () => null));

    /// <summary>
    /// One round: export → verify → import (with sync) → compare, each through the methods below. With
    /// <paramref name="subscribeOffered"/> the lab admin then subscribes every subscribable category the next steps
    /// offered, so the next round shows only newer ones.
    /// </summary>
    public async Task<LabDemoRound> RunRoundAsync(int round, WorkflowProgress exportProgress, WorkflowProgress importProgress, bool subscribeOffered, CancellationToken cancellationToken)
    {
        var (export, exportDuration) = await ExportAsync(round, exportProgress, cancellationToken).ConfigureAwait(false);
        if (!export.Succeeded)
        {
            return new LabDemoRound(round, export, exportDuration, null, null, TimeSpan.Zero, null, []);
        }

        var verification = await VerifyAsync(round, cancellationToken).ConfigureAwait(false);
        if (!verification.Succeeded)
        {
            return new LabDemoRound(round, export, exportDuration, verification, null, TimeSpan.Zero, null, []);
        }

        var (import, importDuration, content) = await ImportAsync(round, importProgress, cancellationToken).ConfigureAwait(false);
        var subscribed = subscribeOffered
            ? await SubscribeOfferedAsync(import, cancellationToken).ConfigureAwait(false)
            : [];
        return new LabDemoRound(round, export, exportDuration, verification, import, importDuration, content, subscribed);
    }

    /// <summary>The export workflow on the lab export server, into <see cref="BundleFolder"/>.</summary>
    public Task<(ExportOutcome Outcome, TimeSpan Duration)> ExportAsync(int round, WorkflowProgress progress, CancellationToken cancellationToken) =>
        ExportAsync(round, progress, null, cancellationToken);

    /// <summary>
    /// As <see cref="ExportAsync(int, WorkflowProgress, CancellationToken)"/>, and with <paramref name="contentRequest"/>
    /// the export fetches the requested deployment content and carries it in the bundle (issue 18).
    /// </summary>
    public async Task<(ExportOutcome Outcome, TimeSpan Duration)> ExportAsync(
        int round, WorkflowProgress progress, DeploymentContent.ContentRequest? contentRequest, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var export = await new ExportWorkflow(ExportServices()).RunAsync(
            new ExportRequest
            {
                OutputFolder = BundleFolder(round),
                Signer = CreateSigner(),
                StateFolder = Lab.ExportStateFolder,
                SourceServerName = LabEnvironment.ExportServerName,
                MarginBytes = MarginBytes,
                ContentRequest = contentRequest,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        return (export, watch.Elapsed);
    }

    /// <summary>What <c>cmdsync verify</c> says about the round's bundle on the disconnected side.</summary>
    public Task<BundleVerificationResult> VerifyAsync(int round, CancellationToken cancellationToken) =>
        VerifyAsync(DisconnectedServices(), BundleFolder(round), cancellationToken);

    /// <summary>The import workflow (content, wsusutil, record, ConfigMgr sync, next steps), then both WsusContent trees compared.</summary>
    public Task<(ImportOutcome Outcome, TimeSpan Duration, LabContentComparison Content)> ImportAsync(int round, WorkflowProgress progress, CancellationToken cancellationToken) =>
        ImportAsync(round, progress, null, cancellationToken);

    /// <summary>
    /// As <see cref="ImportAsync(int, WorkflowProgress, CancellationToken)"/>, and with <paramref name="deploymentContent"/>
    /// the carried deployment content goes into a lab deployment package after the sync (issue 18).
    /// </summary>
    public async Task<(ImportOutcome Outcome, TimeSpan Duration, LabContentComparison Content)> ImportAsync(
        int round, WorkflowProgress progress, DeploymentContentImport? deploymentContent, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var import = await new ImportWorkflow(DisconnectedServices()).RunAsync(
            new ImportRequest
            {
                BundleFolder = BundleFolder(round),
                StateFolder = Lab.DisconnectedStateFolder,
                SyncPollInterval = SyncPollInterval,
                SyncTimeout = TimeSpan.FromMinutes(2),
                MarginBytes = MarginBytes,
                DeploymentContent = deploymentContent,
            },
            progress,
            cancellationToken).ConfigureAwait(false);
        var duration = watch.Elapsed;
        var content = await LabContentComparison.CompareAsync(Lab.ExportServer.ContentDirectory, Lab.DisconnectedServer.ContentDirectory, cancellationToken).ConfigureAwait(false);
        return (import, duration, content);
    }

    /// <summary>Subscribes what the import's next steps offered (what the admin ticks on the Next steps page).</summary>
    public async Task<IReadOnlyList<UpdateCategory>> SubscribeOfferedAsync(ImportOutcome import, CancellationToken cancellationToken)
    {
        _ = import ?? throw new ArgumentNullException(nameof(import));
        if (!import.Succeeded || import.NextSteps is not { } offered || offered.Subscribable.Count == 0)
        {
            return [];
        }

        var result = await new CategorySubscriber(_logger).SubscribeAsync(Site(), offered.Subscribable.Select(c => c.UniqueId).ToList(), cancellationToken).ConfigureAwait(false);
        return result.Subscribed;
    }

    /// <summary>What <c>cmdsync verify</c> does on the disconnected side: signature, trusted signer, sequence, base, every file.</summary>
    public async Task<BundleVerificationResult> VerifyAsync(WorkflowServices disconnected, string bundleFolder, CancellationToken cancellationToken)
    {
        _ = disconnected ?? throw new ArgumentNullException(nameof(disconnected));
        var store = new DisconnectedStateStore(Lab.DisconnectedStateFolder, _clock, StateFolderProtections.ForLab());
        var accepted = await store.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
        var trust = BundleTrustContext.For(store.LoadTrustedSigners(), accepted);
        return await disconnected.Verifier.VerifyAsync(bundleFolder, trust, null, cancellationToken).ConfigureAwait(false);
    }
}
