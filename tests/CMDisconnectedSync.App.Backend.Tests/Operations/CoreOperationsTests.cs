using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Workflows;
using Serilog;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Tests.Operations;

/// <summary>The wizard's operations over the real Core workflows on a tiny lab (real wsusutil-lab child processes).</summary>
[TestClass]
public sealed class CoreOperationsTests
{
    private static readonly ILogger Logger = new LoggerConfiguration().CreateLogger();
    private string _folder = null!;
    private LabBackendComposition _lab = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cmdsync-backendtest-" + Guid.NewGuid().ToString("N"));
        var lab = await LabEnvironment.CreateAsync(_folder, LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None);
        var (export, _) = await new LabDemo(lab, LabWsusUtilProgram.Locate(), TimeProvider.System, Logger).ExportAsync(1, WorkflowProgress.None, CancellationToken.None);
        Assert.IsTrue(export.Succeeded, export.Failure?.Message);
        _lab = await LabBackendComposition.OpenAsync(_folder, TimeProvider.System, Logger, Path.Combine(_folder, "app.log"), CancellationToken.None);
    }

    [TestCleanup]
    public void DeleteLab()
    {
        Directory.Delete(_folder, recursive: true);
        if (Directory.Exists(_folder + "-fresh"))
        {
            Directory.Delete(_folder + "-fresh", recursive: true);
        }
    }

    private CoreOperations CreateSut() => _lab.Operations;

    private static Ui.SiteTarget Site => new(LabEnvironment.DisconnectedServerName, LabEnvironment.SiteCode, null, null);

    private string FirstBundle => _lab.Demo.BundleFolder(1);

    [TestMethod]
    public async Task VerifyBundleAsync_LabBundle_AcceptedWithSignerAndSequence()
    {
        var verification = await CreateSut().VerifyBundleAsync(FirstBundle, null, CancellationToken.None);

        Assert.IsTrue(verification.IsAccepted, verification.Cause);
        Assert.AreEqual(1L, verification.Summary!.Sequence);
        Assert.AreEqual(_lab.Lab.Signer.Thumbprint, verification.Summary.SignerThumbprint);
    }

    [TestMethod]
    public async Task VerifyBundleAsync_SignerNotTrusted_RefusedWithTheSigningCertificate()
    {
        File.Delete(TrustedSignersFile);

        var verification = await CreateSut().VerifyBundleAsync(FirstBundle, null, CancellationToken.None);

        Assert.AreEqual(CMDisconnectedSync.Bundles.VerificationFailureKind.SignerUntrusted, verification.Refusal);
        var certificate = verification.UntrustedSigner!;
        Assert.AreEqual(_lab.Lab.Signer.Thumbprint, certificate.Thumbprint);
        Assert.AreEqual(LabEnvironment.SignerSubject, certificate.Subject);
        Assert.AreEqual(certificate.Subject, certificate.Issuer, "the lab certificate is self-signed");
        Assert.IsTrue(certificate.IsValidAt(DateTimeOffset.UtcNow));
    }

    [TestMethod]
    public async Task TrustSignerAsync_ConfirmedThumbprint_TrustsWithExpiryLogsAndTheBundleVerifies()
    {
        File.Delete(TrustedSignersFile);
        var sut = CreateSut();

        var result = await sut.TrustSignerAsync(FirstBundle, _lab.Lab.Signer.Thumbprint.ToLowerInvariant(), CancellationToken.None);
        var verification = await sut.VerifyBundleAsync(FirstBundle, null, CancellationToken.None);

        Assert.AreEqual(TrustedSignersFile, result.TrustedSignersFile);
        Assert.IsTrue(verification.IsAccepted, verification.Cause);
        var stored = new CMDisconnectedSync.State.DisconnectedStateStore(_lab.Lab.DisconnectedStateFolder, TimeProvider.System, CMDisconnectedSync.Wsus.Host.StateFolderProtections.ForLab())
            .LoadTrustedSigners().Signers.Single();
        Assert.AreEqual(result.Certificate.NotAfterUtc, stored.NotAfterUtc, "keys list can warn before it expires");
    }

    [TestMethod]
    public async Task TrustSignerAsync_ThumbprintThatIsNotTheSigners_RefusesAndTrustsNothing()
    {
        File.Delete(TrustedSignersFile);

        var exception = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
            () => CreateSut().TrustSignerAsync(FirstBundle, new string('A', 40), CancellationToken.None));

        StringAssert.Contains(exception.Message, "Nothing was trusted");
        Assert.IsFalse(File.Exists(TrustedSignersFile));
    }

    [TestMethod]
    public async Task TrustSignerAsync_NotElevated_RefusesNamingRunAsAdministrator()
    {
        File.Delete(TrustedSignersFile);
        var sut = new CoreOperations(new BackendSetup(
            _lab.Demo.ExportServices(), _lab.Demo.DisconnectedServices() with { Site = null, Elevation = new NotElevated() },
            new CMDisconnectedSync.Lab.ConfigMgr.LabConfigMgrSiteConnector(_lab.Lab.SiteFolder, _lab.Lab.DisconnectedServer, TimeProvider.System, Logger),
            _lab.Lab.ExportStateFolder, _lab.Lab.DisconnectedStateFolder, LabEnvironment.ExportServerName, Path.Combine(_folder, "app.log")));

        var exception = await Assert.ThrowsExactlyAsync<UnauthorizedAccessException>(
            () => sut.TrustSignerAsync(FirstBundle, _lab.Lab.Signer.Thumbprint, CancellationToken.None));

        StringAssert.Contains(exception.Message, "Run as administrator");
        Assert.IsFalse(File.Exists(TrustedSignersFile));
    }

    private string TrustedSignersFile => Path.Combine(_lab.Lab.DisconnectedStateFolder, CMDisconnectedSync.State.DisconnectedStateStore.TrustedSignersFileName);

    private sealed class NotElevated : CMDisconnectedSync.Host.IElevation
    {
        public bool IsElevatedAdministrator() => false;
    }

    [TestMethod]
    public async Task RunPreflightAsync_ExportBeforeATargetIsChosen_HasNoFreeSpaceRowForZeroBytes()
    {
        var checks = await CreateSut().RunPreflightAsync(Ui.PreflightKind.Export, Site, CancellationToken.None);

        Assert.IsNotEmpty(checks);
        Assert.IsFalse(checks.Any(c => c.Name == "Free space for bundle target"), string.Join("; ", checks.Select(c => c.Name + ": " + c.Detail)));
    }

    [TestMethod]
    public async Task ImportAsync_Run_NamesEveryStepBeforeItRunsWithTheTitlesTheRunReports()
    {
        var reports = new List<Ui.TransferProgress>();

        await CreateSut().ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect(reports), CancellationToken.None);

        var announced = reports.TakeWhile(r => r.State == Ui.StepState.Pending).ToList();
        var ran = reports.Skip(announced.Count).Where(r => r.State == Ui.StepState.Running).GroupBy(r => r.StepIndex).Select(g => g.First()).ToList();
        Assert.IsGreaterThan(2, announced.Count);
        CollectionAssert.AreEqual(announced.Select(r => r.StepIndex + " " + r.StepTitle).ToArray(), ran.Select(r => r.StepIndex + " " + r.StepTitle).ToArray());
    }

    [TestMethod]
    public async Task GetStatusAsync_ImportCancelledDuringVerify_ListsItByBundlePathWithTheStep()
    {
        var sut = CreateSut();
        using var cancelled = new CancellationTokenSource();
        var reports = new List<Ui.TransferProgress>();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => new ImportWorkflow(_lab.Demo.DisconnectedServices())
            .RunAsync(new ImportRequest { BundleFolder = FirstBundle, StateFolder = _lab.Lab.DisconnectedStateFolder }, WorkflowProgress.None, cancelled.Token));
        var status = await sut.GetStatusAsync(Site, CancellationToken.None);

        var run = status.RecentRuns.Single(r => r.Kind == Ui.RunKind.Import);
        Assert.AreEqual(Ui.RunOutcome.Cancelled, run.Outcome);
        Assert.AreEqual(FirstBundle, run.BundlePath);
        Assert.AreEqual(ImportWorkflow.Gates[0].Title, run.StoppedAtStep);
    }

    [TestMethod]
    public async Task VerifyBundleAsync_ContentFileTampered_RefusedAsHashMismatch()
    {
        var victim = Directory.EnumerateFiles(Path.Combine(FirstBundle, "content"), "*", SearchOption.AllDirectories).First();
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(victim, bytes);

        var verification = await CreateSut().VerifyBundleAsync(FirstBundle, null, CancellationToken.None);

        Assert.AreEqual(CMDisconnectedSync.Bundles.VerificationFailureKind.HashMismatch, verification.Refusal);
    }

    [TestMethod]
    public async Task VerifyBundleAsync_BundleAlreadyImportedByAFinishedRun_SaysSoInsteadOfRefusingAsAReplay()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);

        var verification = await sut.VerifyBundleAsync(FirstBundle, null, CancellationToken.None);

        Assert.IsTrue(verification.AlreadyImported, verification.Cause);
        Assert.IsNull(verification.Refusal);
        Assert.IsFalse(verification.IsAccepted, "there is nothing to import");
        StringAssert.StartsWith(verification.Cause, $"Bundle {verification.Summary!.BundleId} (sequence 1) in {FirstBundle} was already imported on ");
        StringAssert.EndsWith(verification.Cause, " UTC; nothing to do.");
    }

    [TestMethod]
    public async Task RunPreflightAsync_ImportBeforeAnyVerification_SaysToVerifyFirst()
    {
        var exception = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => CreateSut().RunPreflightAsync(Ui.PreflightKind.Import, Site, CancellationToken.None));

        StringAssert.Contains(exception.Message, "verify a bundle first");
    }

    [TestMethod]
    public async Task GetDeploymentPackagesAsync_LabSiteWithItsPackage_ListsItsIdNameAndSource()
    {
        var sut = CreateSut();
        Assert.IsEmpty(await sut.GetDeploymentPackagesAsync(Site, CancellationToken.None), "the lab site has no package before its content tables exist");
        _lab.Lab.CreateDeploymentContent(new Uri("http://127.0.0.1:9/"));

        var packages = await sut.GetDeploymentPackagesAsync(Site, CancellationToken.None);

        var package = packages.Single();
        Assert.AreEqual(CMDisconnectedSync.Lab.ConfigMgr.LabDeploymentContent.PackageId, package.PackageId);
        Assert.AreEqual(CMDisconnectedSync.Lab.ConfigMgr.LabDeploymentContent.PackageName, package.Name);
        StringAssert.StartsWith(package.SourcePath, _lab.Lab.PackageSourcesFolder);
    }

    [TestMethod]
    public async Task ImportAsync_VerifiedBundle_CopiesSyncsAndReportsNewCategoriesWithLiveSyncProgress()
    {
        var sut = CreateSut();
        await sut.VerifyBundleAsync(FirstBundle, null, CancellationToken.None);
        var checks = await sut.RunPreflightAsync(Ui.PreflightKind.Import, Site, CancellationToken.None);
        var reports = new List<Ui.TransferProgress>();

        var result = await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect(reports), CancellationToken.None);

        Assert.IsFalse(checks.Any(c => c.Status == Ui.CheckStatus.Fail), string.Join("; ", checks.Select(c => c.Name + ": " + c.Detail)));
        Assert.AreEqual(1L, result.Sequence);
        Assert.AreEqual(28, result.ContentFilesCopied);
        Assert.AreEqual(6702, result.FinalSync!.StateMessageId);
        Assert.AreEqual(10, result.NewCategoryCount);
        Assert.IsTrue(reports.Any(r => r.StepName == ImportWorkflow.CopyStep && r.State == Ui.StepState.Completed));
        Assert.IsTrue(reports.Any(r => r.StepName == ImportWorkflow.SyncStep && r.SupSync?.StateMessageId == 6704));
    }

    [TestMethod]
    public async Task ImportAsync_Finished_WritesThisServersStateReceiptIntoTheStateFolderAndSaysWhere()
    {
        var result = await CreateSut().ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);

        var receipt = result.Receipt!;
        Assert.AreEqual(Path.Combine(_lab.Lab.DisconnectedStateFolder, "receipts", "receipt-000001.json"), receipt.Path);
        Assert.AreEqual(receipt.Path + ".sha256", receipt.HashPath);
        Assert.IsTrue(File.Exists(receipt.HashPath));
        Assert.AreEqual(1L, receipt.LastAcceptedSequence);
        var read = await new CMDisconnectedSync.Delta.StateReceiptFile().ReadAsync(receipt.Path, CancellationToken.None);
        Assert.HasCount(Directory.GetFiles(_lab.Lab.DisconnectedServer.ContentDirectory, "*", SearchOption.AllDirectories).Length, read.Inventory.Entries);
        Assert.HasCount(receipt.Files, read.Inventory.Entries);
        Assert.AreEqual(1L, read.LastAccepted!.Sequence);
    }

    [TestMethod]
    public async Task ImportAsync_WhatIf_WritesNoReceipt()
    {
        var result = await CreateSut().ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: true), new Collect([]), CancellationToken.None);

        Assert.IsNull(result.Receipt);
        Assert.IsFalse(Directory.Exists(Path.Combine(_lab.Lab.DisconnectedStateFolder, "receipts")));
    }

    // The round trip the GUI had not (issue 17): import → Save receipt for the export side… onto the media → the export
    // wizard's options with base "Receipt" → the bundle carries what the disconnected side lacks, here a file lost from
    // its WsusContent after the import that an export since the last one would not send again.
    [TestMethod]
    public async Task SaveReceiptAsync_AfterImportThenExportOptionsWithThatReceipt_SendsTheFileTheDisconnectedSideLost()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);
        var lost = Directory.GetFiles(_lab.Lab.DisconnectedServer.ContentDirectory, "*.cab", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
        var lostRelative = Path.GetRelativePath(_lab.Lab.DisconnectedServer.ContentDirectory, lost);
        File.Delete(lost);
        var onMedia = Path.Combine(_lab.Lab.MediaFolder, "return", "receipt.json");

        var saved = await sut.SaveReceiptAsync(onMedia, CancellationToken.None);

        Assert.AreEqual(onMedia, saved.Path);
        Assert.IsTrue(File.Exists(onMedia + ".sha256"));
        Assert.AreEqual(1L, saved.LastAcceptedSequence);
        var options = new CMDisconnectedSync.App.Presentation.Pages.ExportOptionsPage(new CMDisconnectedSync.App.Presentation.Host.FileSystemProbe())
        {
            TargetFolder = _lab.Lab.MediaFolder,
            Signing = CMDisconnectedSync.App.Presentation.Pages.SigningSource.PfxFile,
            PfxPath = _lab.Lab.SigningPfxPath,
        };
        await options.LoadChainAsync(sut, CancellationToken.None);
        options.Base = Ui.ExportBaseKind.Receipt;
        options.ReceiptPath = saved.Path;
        var request = options.TryBuildRequest(Site);
        Assert.IsNotNull(request, string.Join("; ", options.Issues.Select(i => i.Message)));
        Assert.AreEqual(saved.Path, request.ReceiptPath);

        var export = await sut.ExportAsync(request, new Collect([]), CancellationToken.None);

        Assert.AreEqual(2L, export.Sequence);
        Assert.AreEqual(1, export.Files, "only the file the receipt says is missing: nothing else changed on the export server");
        var manifest = File.ReadAllText(Path.Combine(export.BundlePath, "manifest.json"));
        StringAssert.Contains(manifest, lostRelative.Replace('\\', '/'));
    }

    [TestMethod]
    public async Task SaveReceiptAsync_NoDestination_RefusesNamingTheMedia()
    {
        var exception = await Assert.ThrowsExactlyAsync<ArgumentException>(() => CreateSut().SaveReceiptAsync(" ", CancellationToken.None));

        StringAssert.Contains(exception.Message, "transfer media");
    }

    [TestMethod]
    public async Task SubscribeAsync_AfterImport_NewCategoriesShowThemSubscribed()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);
        var offered = await sut.GetNewCategoriesAsync(Site, CancellationToken.None);
        var windows11 = offered.Single(c => c.Name == "Windows 11");

        var subscribed = await sut.SubscribeAsync(Site, [windows11.UniqueId], CancellationToken.None);

        CollectionAssert.AreEqual(new[] { windows11.UniqueId }, subscribed.ToArray());
        Assert.IsTrue((await sut.GetNewCategoriesAsync(Site, CancellationToken.None)).Single(c => c.Name == "Windows 11").IsSubscribed);
    }

    [TestMethod]
    public async Task RunFullSyncAsync_AfterSubscribing_WaitsForTheLabSitesSyncLikeTheCliAndReportsItsStates()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);
        var offered = await sut.GetNewCategoriesAsync(Site, CancellationToken.None);
        await sut.SubscribeAsync(Site, [offered.Single(c => c.Name == "Windows 11").UniqueId], CancellationToken.None);
        var states = new List<Ui.SupSyncState>();

        var result = await sut.RunFullSyncAsync(Site, new Inline<Ui.SupSyncState>(states), CancellationToken.None);

        Assert.IsTrue(result.Succeeded, result.Message);
        Assert.AreEqual(Ui.SupSyncPhase.Succeeded, result.FinalState!.Phase);
        Assert.IsNotEmpty(states, "each state read after the trigger is reported");
        Assert.AreEqual(result.FinalState, states[^1]);
        var site = new CMDisconnectedSync.Lab.ConfigMgr.LabConfigMgrSite(_lab.Lab.SiteFolder, _lab.Lab.DisconnectedServer, TimeProvider.System, Logger);
        Assert.IsTrue(site.SyncTriggers[^1], "the last trigger was a full sync");
    }

    [TestMethod]
    public async Task GetExportChainAsync_AfterTheLabsFirstExport_ReportsSequenceOneAndItsFolder()
    {
        var chain = await CreateSut().GetExportChainAsync(CancellationToken.None);

        Assert.AreEqual(1L, chain.LastSequence);
        Assert.AreEqual(_lab.Lab.ExportStateFolder, chain.StateFolder);
    }

    [TestMethod]
    public async Task ExportAsync_SecondExportWithLabPfx_WritesSequenceTwoIntoItsFolderOnTheMedia()
    {
        _lab.Lab.SimulateExportServerSync(added: 2, changed: 1, seed: 0, TimeProvider.System);
        var request = new Ui.ExportRequest(Site, _lab.Lab.MediaFolder, Ui.SigningCertificate.FromPfx(_lab.Lab.SigningPfxPath, null), Ui.ExportBaseKind.LastExport, null, null, WhatIf: false);

        var result = await CreateSut().ExportAsync(request, new Collect([]), CancellationToken.None);

        Assert.AreEqual(2L, result.Sequence);
        Assert.AreEqual(Path.Combine(_lab.Lab.MediaFolder, "CMDS-000002"), result.BundlePath);
        Assert.AreEqual(4, result.Files, "2 added + 1 changed + 1 license terms");
        Assert.IsTrue(File.Exists(Path.Combine(result.BundlePath, "manifest.json.p7s")));
    }

    [TestMethod]
    public async Task ExportAsync_FullWhileTheChainHasAHead_RefusesNamingTheChainAndTheAlternatives()
    {
        var request = new Ui.ExportRequest(Site, _lab.Lab.MediaFolder, Ui.SigningCertificate.FromPfx(_lab.Lab.SigningPfxPath, null), Ui.ExportBaseKind.Full, null, null, WhatIf: false);

        var exception = await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => CreateSut().ExportAsync(request, new Collect([]), CancellationToken.None));

        StringAssert.Contains(exception.Message, _lab.Lab.ExportStateFolder);
        StringAssert.Contains(exception.Message, "state receipt");
    }

    [TestMethod]
    public async Task ExportAsync_WsusUtilFails_ThrowsWithTheWorkflowsMessage()
    {
        _lab.Lab.ExportServer.SaveSettings(_lab.Lab.ExportServer.LoadSettings() with { WsusUtilFault = "error-line" });
        var request = new Ui.ExportRequest(Site, _lab.Lab.MediaFolder, Ui.SigningCertificate.FromPfx(_lab.Lab.SigningPfxPath, null), Ui.ExportBaseKind.LastExport, null, null, WhatIf: false);

        var exception = await Assert.ThrowsExactlyAsync<WorkflowFailedException>(() => CreateSut().ExportAsync(request, new Collect([]), CancellationToken.None));

        Assert.AreEqual(WorkflowFailureKind.WsusUtilFailed, exception.Failure.Kind);
        StringAssert.Contains(exception.Message, "SqlException");
    }

    [TestMethod]
    public async Task GetStatusAsync_AfterExportAndImport_ReportsBothSequencesTheSupStateAndBothRuns()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);

        var status = await sut.GetStatusAsync(Site, CancellationToken.None);

        Assert.AreEqual(1L, status.LastExportSequence);
        Assert.AreEqual(1L, status.LastImportSequence);
        Assert.AreEqual(6702, status.SupStates.Single().StateMessageId);
        CollectionAssert.AreEquivalent(new[] { Ui.RunKind.Export, Ui.RunKind.Import }, status.RecentRuns.Select(r => r.Kind).ToArray());
        Assert.IsTrue(status.RecentRuns.All(r => r.Outcome == Ui.RunOutcome.Succeeded));
    }

    [TestMethod]
    public async Task ImportAsync_BundleWithDeploymentContentIntoTheLabPackage_ReportsThePackageAndTheStatusRunSaysSo()
    {
        // The wizard's path end to end through Core: the site requests a group's files, the export carries them (the
        // demo's round 3), then the import with a package choice fills LAB00001 and the result and status say so.
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);
        Directory.CreateDirectory(_lab.Lab.DownloadsFolder);
        CMDisconnectedSync.DeploymentContent.ContentRequest request;
        using (var downloads = CMDisconnectedSync.Lab.Downloads.LabDownloadServer.Start(_lab.Lab.DownloadsFolder))
        {
            request = await LabDeploymentContentRound.RequestAsync(_lab.Demo, downloads.BaseUri, TimeProvider.System, CancellationToken.None);
            var (export, _) = await _lab.Demo.ExportAsync(2, WorkflowProgress.None, request, CancellationToken.None);
            Assert.IsTrue(export.Succeeded, export.Failure?.Message);
        }

        var second = _lab.Demo.BundleFolder(2);
        var verification = await sut.VerifyBundleAsync(second, null, CancellationToken.None);
        var result = await sut.ImportAsync(
            new Ui.ImportRequest(Site, second, WhatIf: false) { DeploymentContent = Ui.DeploymentContentChoice.Existing(CMDisconnectedSync.Lab.ConfigMgr.LabDeploymentContent.PackageId) },
            new Collect([]),
            CancellationToken.None);
        var status = await sut.GetStatusAsync(Site, CancellationToken.None);

        Assert.AreEqual(request.Files.Count, verification.Summary!.DeploymentContentFiles, "the verification page learns what the bundle carries");
        var package = result.DeploymentPackage!;
        Assert.AreEqual(CMDisconnectedSync.Lab.ConfigMgr.LabDeploymentContent.PackageId, package.Package!.PackageId);
        Assert.AreEqual(request.Files.Count, package.Files);
        Assert.AreEqual(request.Files.Sum(f => f.FileSize), package.Bytes);
        Assert.IsTrue(package.DistributionPointsRefreshed);
        Assert.AreEqual(request.Files.Count, package.DigestsMatched);
        var run = status.RecentRuns.First(r => r.Kind == Ui.RunKind.Import);
        StringAssert.StartsWith(run.Detail, "Deployment content: " + request.Files.Count + " files (");
        StringAssert.Contains(run.Detail, "added to deployment package LAB00001");
    }

    [TestMethod]
    public async Task GetStatusAsync_SmsProviderUnreachable_StillReportsTheLocalSequencesAndRunsAndSaysWhy()
    {
        var sut = CreateSut();
        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);

        var status = await sut.GetStatusAsync(Site with { SiteServer = "CM99.elsewhere.example" }, CancellationToken.None);

        Assert.AreEqual(1L, status.LastImportSequence);
        Assert.HasCount(2, status.RecentRuns);
        Assert.IsEmpty(status.SupStates);
        StringAssert.Contains(status.SupStatesProblem, "CM99.elsewhere.example");
    }

    [TestMethod]
    public async Task SiteOperations_EachCall_ReleasesItsSmsProviderConnection()
    {
        var sites = new CountingConnector(new CMDisconnectedSync.Lab.ConfigMgr.LabConfigMgrSiteConnector(
            _lab.Lab.SiteFolder, _lab.Lab.DisconnectedServer, TimeProvider.System, Logger));
        var sut = new CoreOperations(new BackendSetup(
            _lab.Demo.ExportServices(), _lab.Demo.DisconnectedServices() with { Site = null }, sites,
            _lab.Lab.ExportStateFolder, _lab.Lab.DisconnectedStateFolder, LabEnvironment.ExportServerName, Path.Combine(_folder, "app.log"))
        {
            ImportTemplate = new ImportRequest { BundleFolder = string.Empty, StateFolder = _lab.Lab.DisconnectedStateFolder, SyncPollInterval = TimeSpan.FromMilliseconds(50), MarginBytes = LabDemo.MarginBytes },
        });

        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None);
        var categories = await sut.GetNewCategoriesAsync(Site, CancellationToken.None);
        await sut.SubscribeAsync(Site, categories.Take(1).Select(c => c.UniqueId).ToList(), CancellationToken.None);
        await sut.RunFullSyncAsync(Site, new Progress<Ui.SupSyncState>(), CancellationToken.None);
        await sut.GetStatusAsync(Site, CancellationToken.None);

        Assert.AreEqual(5, sites.Opened);
        Assert.AreEqual(sites.Opened, sites.Released);
    }

    [TestMethod]
    public async Task ExportAsync_FirstExportCalledFromTheUiThread_ReturnsBeforeTheWorkflowTouchesWsus()
    {
        // A first export: no chain to load, so nothing in Core awaits anything truly asynchronous before scanning.
        var fresh = await LabEnvironment.CreateAsync(_folder + "-fresh", LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None);
        var demo = new LabDemo(fresh, LabWsusUtilProgram.Locate(), TimeProvider.System, Logger);
        using var wsus = new GatedWsus(demo.ExportServices().Wsus);
        var sut = new CoreOperations(new BackendSetup(
            demo.ExportServices() with { Wsus = wsus }, demo.DisconnectedServices() with { Site = null },
            new CMDisconnectedSync.Lab.ConfigMgr.LabConfigMgrSiteConnector(fresh.SiteFolder, fresh.DisconnectedServer, TimeProvider.System, Logger),
            fresh.ExportStateFolder, fresh.DisconnectedStateFolder, LabEnvironment.ExportServerName, Path.Combine(_folder, "app.log")));
        var request = new Ui.ExportRequest(Site, fresh.MediaFolder, Ui.SigningCertificate.FromPfx(fresh.SigningPfxPath, null), Ui.ExportBaseKind.LastExport, null, null, WhatIf: true);

        var export = sut.ExportAsync(request, new Collect([]), CancellationToken.None);
        var returnedBeforeWsus = !wsus.WasCalled;
        wsus.Open();
        await export;

        Assert.IsTrue(returnedBeforeWsus, "the export ran synchronously on the caller's (UI) thread up to the WSUS lookup");
        Assert.IsTrue(wsus.WasCalled);
    }

    [TestMethod]
    public async Task RunPreflightAsync_ImportAfterVerification_DoesNotHashTheBundleAgainButTheRunStillDoes()
    {
        var sut = CreateSut();
        Assert.IsTrue((await sut.VerifyBundleAsync(FirstBundle, null, CancellationToken.None)).IsAccepted);
        var victim = Directory.EnumerateFiles(Path.Combine(FirstBundle, "content"), "*", SearchOption.AllDirectories).First();
        var bytes = await File.ReadAllBytesAsync(victim);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(victim, bytes);

        var checks = await sut.RunPreflightAsync(Ui.PreflightKind.Import, Site, CancellationToken.None);
        var run = await Assert.ThrowsExactlyAsync<WorkflowFailedException>(
            () => sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect([]), CancellationToken.None));

        Assert.IsNotEmpty(checks, "the preflight ran on the verified bundle without hashing its content again");
        StringAssert.Contains(run.Message, Path.GetFileName(victim), "the import run verifies every hash again");
    }

    // Issue 17: the Verification page hashes with progress, and the run after it reuses that verification instead of
    // hashing the bundle a second time (the bundle's files unchanged); the copy still checks every byte it writes.
    [TestMethod]
    public async Task ImportAsync_AfterTheVerificationPage_DoesNotHashTheUnchangedBundleAgain()
    {
        var sut = CreateSut();
        var verifying = new List<Ui.TransferProgress>();
        Assert.IsTrue((await sut.VerifyBundleAsync(FirstBundle, new Collect(verifying), CancellationToken.None)).IsAccepted);
        var importing = new List<Ui.TransferProgress>();

        await sut.ImportAsync(new Ui.ImportRequest(Site, FirstBundle, WhatIf: false), new Collect(importing), CancellationToken.None);

        Assert.IsTrue(verifying.Any(r => r.BytesTotal > 0 && r.BytesDone == r.BytesTotal), "the Verification page showed the hashing up to the total");
        var contentGate = importing.Where(r => r.StepName == Workflows.ImportWorkflow.ContentGate).ToList();
        Assert.AreEqual(Ui.StepState.AlreadyDone, contentGate.Last().State);
        Assert.IsFalse(contentGate.Any(r => r.BytesDone > 0), "no byte hashed again by the run");
    }

    /// <summary>A WSUS port whose installation lookup waits for the test to open the gate (at most 10 s), recording that it was called.</summary>
    private sealed class GatedWsus(IWsusServer inner) : IWsusServer, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();

        public bool WasCalled { get; private set; }

        public void Open() => _gate.Set();

        public WsusInstallationLookup LocateInstallation()
        {
            WasCalled = true;
            _gate.Wait(TimeSpan.FromSeconds(10));
            return inner.LocateInstallation();
        }

        public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) => inner.GetStatusAsync(cancellationToken);

        public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
            inner.ExportMetadataAsync(packagePath, logPath, cancellationToken);

        public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
            inner.ImportMetadataAsync(packagePath, logPath, cancellationToken);

        public void Dispose() => _gate.Dispose();
    }

    /// <summary>Counts connections handed out and released; each wraps the lab site in a disposable like the SDK adapter's.</summary>
    private sealed class CountingConnector(IConfigMgrSiteConnector inner) : IConfigMgrSiteConnector
    {
        public int Opened { get; private set; }

        public int Released { get; private set; }

        public async Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken)
        {
            var site = await inner.ConnectAsync(siteServer, cancellationToken);
            Opened++;
            return new Connection(site, () => Released++);
        }

        private sealed class Connection(IConfigMgrSite site, Action release) : IConfigMgrSite, IDisposable
        {
            public string ProviderServer => site.ProviderServer;

            public string SiteCode => site.SiteCode;

            public Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken) => site.GetSoftwareUpdatePointsAsync(cancellationToken);

            public Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken) => site.GetSyncSourceAsync(cancellationToken);

            public Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken) => site.GetSyncStatusesAsync(cancellationToken);

            public Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken) => site.TriggerSyncAsync(fullSync, cancellationToken);

            public Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken) => site.GetUpdateCategoriesAsync(cancellationToken);

            public Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken) => site.SubscribeAsync(categoryUniqueIds, cancellationToken);

            public Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken) =>
                site.UserHasPermissionsAsync(securedObject, permissions, cancellationToken);

            public void Dispose() => release();
        }
    }

    /// <summary>Collects reports on the reporting thread (Progress&lt;T&gt; would post them and race the assertions).</summary>
    private sealed class Inline<T>(List<T> reports) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }

    private sealed class Collect(List<Ui.TransferProgress> reports) : IProgress<Ui.TransferProgress>
    {
        public void Report(Ui.TransferProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
