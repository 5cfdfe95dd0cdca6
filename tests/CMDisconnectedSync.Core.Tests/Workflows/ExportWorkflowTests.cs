using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.Workflows;

[TestClass]
public sealed class ExportWorkflowTests
{
    private WorkflowLab _lab = null!;

    [TestInitialize]
    public void CreateLab() => _lab = new WorkflowLab().WithStandardContent();

    [TestCleanup]
    public void DeleteLab() => _lab.Dispose();

    private ExportWorkflow CreateSut() => new(_lab.ExportServices());

    // Review: the same risk as the import's (two runs rewriting one export chain); the same lock, on the export's state folder.
    [TestMethod]
    public async Task RunAsync_SecondExportWhileTheFirstIsInWsusUtil_RefusedNamingTheFirstAndTheFirstFinishes()
    {
        var wsus = new GatedWsusServer(_lab.ExportWsus);
        var services = new WorkflowServices(wsus, new FakeElevation(true), _lab.Volumes, _lab.Clock, TestLogger.Silent) { StateFolders = StateFolderProtections.ForThisComputer() };
        var first = Task.Run(() => new ExportWorkflow(services).RunAsync(_lab.ExportRequest(1), null, CancellationToken.None));
        await wsus.Entered.WaitAsync(TimeSpan.FromMinutes(2));

        var second = await new ExportWorkflow(services).RunAsync(_lab.ExportRequest(2), null, CancellationToken.None);
        wsus.Open();
        var firstOutcome = await first;

        Assert.AreEqual(WorkflowFailureKind.StateFolderInUse, second.Failure!.Kind);
        StringAssert.Contains(second.Failure.Message, $"Another cmdsync export (pid {Environment.ProcessId} on {Environment.MachineName}");
        Assert.IsNull(firstOutcome.Failure, firstOutcome.Failure?.Message);
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns);
        Assert.IsFalse(Directory.Exists(_lab.BundleFolder(2)), "the refused run wrote nothing");
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RunAsync_FirstExport_CreatesTheStateFolderProtected()
    {
        Assert.IsFalse(Directory.Exists(_lab.ExportState), "the lab leaves the first export to create its state folder");

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        // The POSIX stand-in's protected mode: owner only (on a server: SYSTEM and Administrators, protected DACL).
        Assert.AreEqual((UnixFileMode)0x1C0, File.GetUnixFileMode(_lab.ExportState));
    }

    [TestMethod]
    public async Task RunAsync_FirstExport_WritesAFullSignedBundleWithLicenseTermsButNoLogsAndRecordsTheChain()
    {
        var steps = new List<StepReport>();

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(1), new WorkflowProgress(Steps: new Callback<StepReport>(steps.Add)), CancellationToken.None);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual(1L, outcome.Sequence);
        Assert.IsNull(outcome.BaseSequence);
        Assert.AreEqual(_lab.ExportedContentHash().Count, outcome.Files);
        var manifest = (await ManifestSerializer.ReadFileAsync(BundleManifestLocator.Find(outcome.BundleFolder), CancellationToken.None)).Manifest;
        Assert.IsTrue(manifest.Files.Any(f => f.Path == "B7/license-terms-1.txt"), "license terms travel with the content");
        Assert.IsFalse(manifest.Files.Any(f => f.Path.StartsWith("logs/", StringComparison.Ordinal) || f.Path.EndsWith(".tmp", StringComparison.Ordinal)), "logs and temp files stay home");
        Assert.AreEqual(1L, (await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None))!.LastSequence);
        Assert.IsFalse(Directory.Exists(ExportWorkflow.StagingFolderFor(outcome.BundleFolder)), "the staging folder is removed once its package is in the bundle");
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns);
        CollectionAssert.AreEqual(
            new[] { "1/5 preflight", "2/5 wsusutil-export", "3/5 content-delta", "4/5 write-bundle", "5/5 record-export" },
            steps.Where(s => s.Outcome == StepOutcome.Completed).Select(s => $"{s.Index}/{s.Count} {s.Name}").ToArray());
        Assert.IsTrue(WorkflowJournal.Peek(outcome.JournalPath)!.IsFinished);
    }

    [TestMethod]
    [DataRow("exit-code", WsusUtilFailure.ExitCode)]
    [DataRow("error-line", WsusUtilFailure.ErrorLinesInLog)]
    [DataRow("empty-package", WsusUtilFailure.PackageMissingOrEmpty)]
    public async Task RunAsync_WsusUtilFails_StopsAtThatStepWithTheLogAndTheRerunResumes(string fault, WsusUtilFailure expected)
    {
        _lab.ExportWsus.Fault = fault;

        var failed = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.WsusUtilFailed, failed.Failure!.Kind);
        Assert.AreEqual(ExportWorkflow.WsusUtilStep, failed.Failure.Step);
        Assert.AreEqual(expected, failed.Failure.WsusUtil!.Failure);
        StringAssert.Contains(failed.Failure.Message, "log");
        var journal = WorkflowJournal.Peek(failed.JournalPath)!;
        Assert.IsFalse(journal.Entries.Any(e => e.Event == JournalEvent.Completed), "nothing is marked done");
        Assert.IsFalse(Directory.Exists(_lab.BundleFolder(1)) && Directory.EnumerateFileSystemEntries(_lab.BundleFolder(1)).Any());

        _lab.ExportWsus.Fault = null;
        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.IsNull(rerun.Failure, rerun.Failure?.Message);
        Assert.AreEqual(1L, rerun.Sequence);
    }

    [TestMethod]
    public async Task RunAsync_ReplayedRealFormatExportLogWithErrorReportingTitle_Succeeds()
    {
        // A good full export lists every update's title; "Update For Windows Error Reporting" is a real one
        // (fixture: WsusUtilLogFixtures, built from the decompiled BaseApi writer; see there). The old word rule
        // failed such an export with exit 43.
        Directory.CreateDirectory(_lab.Path("field"));
        var fieldLog = WsusUtilLogFixtures.Write(_lab.Path("field", "export.log"), WsusUtilLogFixtures.ExportWithErrorWordsInTitles);
        _lab.ExportWsus.Fault = "replay-log:" + fieldLog;

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual("wsusutil export succeeded; its log lists 2 update(s) exported and no ExportError.", outcome.WsusUtilMessage);
        var manifest = (await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None))!;
        Assert.AreEqual(1L, manifest.LastSequence);
    }

    [TestMethod]
    public async Task RunAsync_ReplayedRealFormatExportLogWithExportError_FailsQuotingTheMessage()
    {
        Directory.CreateDirectory(_lab.Path("field"));
        var fieldLog = WsusUtilLogFixtures.Write(_lab.Path("field", "export.log"), WsusUtilLogFixtures.ExportWithError);
        _lab.ExportWsus.Fault = "replay-log:" + fieldLog;

        var failed = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, failed.Failure!.WsusUtil!.Failure);
        StringAssert.Contains(failed.Failure.Message, WsusUtilLogFixtures.CabErrorMessage);
    }

    [TestMethod]
    public async Task RunAsync_WsusUtilHangs_StopsAtTheTimeoutWithNothingDone()
    {
        _lab.ExportWsus.Fault = "hang";
        _lab.ExportWsus.Timeout = TimeSpan.FromSeconds(2);

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.TimedOut, outcome.Failure!.WsusUtil!.Failure);
        Assert.IsFalse(WorkflowJournal.Peek(outcome.JournalPath)!.Entries.Any(e => e.Event == JournalEvent.Completed));
    }

    [TestMethod]
    public async Task RunAsync_CancelledWhileWritingTheBundle_RerunReusesThePackageAndRewritesTheFolder()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new WorkflowProgress(Transfer: new Callback<TransferProgress>(p =>
        {
            if (p.BytesDone > 0)
            {
                cancel.Cancel();
            }
        }));

        await Assert.ThrowsAsync<OperationCanceledException>(() => CreateSut().RunAsync(_lab.ExportRequest(1), progress, cancel.Token));
        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.IsNull(rerun.Failure, rerun.Failure?.Message);
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns, "the finished wsusutil export is not redone");
        CollectionAssert.Contains(rerun.ResumedSteps.ToList(), ExportWorkflow.WsusUtilStep);
        var trust = new BundleTrustContext(LabCertificates.TrustExportServer, null);
        var verified = await _lab.ImportServices().Verifier.VerifyAsync(rerun.BundleFolder, trust, null, CancellationToken.None);
        Assert.IsTrue(verified.Succeeded, verified.Cause);
    }

    [TestMethod]
    public async Task RunAsync_SecondExport_SendsOnlyNewAndChangedFiles()
    {
        await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);
        _lab.WithContent("C3/new-update.cab", 5000, 900).WithContent("B7/license-terms-1.txt", 950, 901);

        var second = await CreateSut().RunAsync(_lab.ExportRequest(2), null, CancellationToken.None);

        Assert.IsNull(second.Failure, second.Failure?.Message);
        Assert.AreEqual(2L, second.Sequence);
        Assert.AreEqual(1L, second.BaseSequence);
        Assert.AreEqual(2, second.Files);
        Assert.AreEqual(5000L + 950L, second.Bytes);
    }

    [TestMethod]
    public async Task RunAsync_NotEnoughSpaceOnTheBundleVolume_FailsPreflightAndWritesNothing()
    {
        _lab.Volumes = new FakeVolumeInspector(1024);

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.PreflightFailed, outcome.Failure!.Kind);
        Assert.IsTrue(outcome.Failure.Preflight!.Failures.Any(f => f.Name.StartsWith("Free space", StringComparison.Ordinal)));
        Assert.AreEqual(0, _lab.ExportWsus.ExportRuns);
        Assert.IsFalse(Directory.Exists(_lab.BundleFolder(1)));
    }

    [TestMethod]
    public async Task PlanAsync_WhatIf_DescribesTheExportAndChangesNothing()
    {
        var before = WorkflowLab.TreeHash(_lab.Path());

        var plan = await CreateSut().PlanAsync(_lab.ExportRequest(1), CancellationToken.None);

        Assert.AreEqual(1L, plan.Sequence);
        Assert.AreEqual(_lab.ExportedContentHash().Count, plan.Files);
        Assert.HasCount(4, plan.Steps);
        Assert.IsFalse(plan.Steps.Any(s => s.AlreadyDone));
        Assert.AreEqual(PreflightStatus.Pass, plan.Preflight.Results.Max(r => r.Status));
        Assert.AreEqual(0, _lab.ExportWsus.ExportRuns);
        CollectionAssert.AreEqual(before, WorkflowLab.TreeHash(_lab.Path()));
    }

    [TestMethod]
    public async Task RunAsync_KilledAfterTheChainWasRecordedButBeforeTheJournalSaidSo_RerunFinishesTheSameSequence()
    {
        var first = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);
        JournalCut.KeepUpTo(first.JournalPath, ExportWorkflow.RecordStep, JournalEvent.Started);

        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.IsNull(rerun.Failure, rerun.Failure?.Message);
        Assert.AreEqual(1L, rerun.Sequence);
        Assert.AreEqual(first.ManifestSha256, rerun.ManifestSha256);
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns);
        Assert.IsTrue(WorkflowJournal.Peek(rerun.JournalPath)!.IsFinished);
    }

    [TestMethod]
    public async Task RunAsync_KilledAfterTheBundleWasWrittenAndAFileArrivedBeforeTheRerun_TheNextBundleCarriesThatFile()
    {
        // Stopped right after write-bundle completed, before record-export ran: the chain was never advanced.
        using var stop = new CancellationTokenSource();
        var stopAfterWrite = new WorkflowProgress(Steps: new Callback<StepReport>(s =>
        {
            if (s.Name == ExportWorkflow.WriteStep && s.Outcome == StepOutcome.Completed)
            {
                stop.Cancel();
            }
        }));
        await Assert.ThrowsAsync<OperationCanceledException>(() => CreateSut().RunAsync(_lab.ExportRequest(1), stopAfterWrite, stop.Token));
        Assert.IsNull(await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None));
        var written = await ManifestSerializer.ReadFileAsync(BundleManifestLocator.Find(_lab.BundleFolder(1)), CancellationToken.None);
        // WSUS downloads a file meanwhile; bundle 1 (already written) does not hold it.
        _lab.WithContent("C3/newly-downloaded.cab", 5000, 4242);

        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);
        var second = await CreateSut().RunAsync(_lab.ExportRequest(2), null, CancellationToken.None);

        Assert.IsNull(rerun.Failure, rerun.Failure?.Message);
        Assert.AreEqual(written.Sha256, rerun.ManifestSha256, "the rerun records the bundle it had written, not a new one");
        Assert.IsNull(second.Failure, second.Failure?.Message);
        Assert.AreEqual(1, second.Files);
        Assert.IsNull((await _lab.ImportAsync(1)).Failure);
        Assert.IsNull((await _lab.ImportAsync(2)).Failure);
        var imported = WorkflowLab.TreeHash(_lab.ImportContent);
        Assert.AreEqual(_lab.ExportedContentHash()["C3/newly-downloaded.cab"], imported.GetValueOrDefault("C3/newly-downloaded.cab"));
    }

    [TestMethod]
    public async Task RunAsync_RerunOfAFinishedExportIntoTheSameFolder_SaysSoWithFolderIdSequenceAndTimeAndRunsNothing()
    {
        var first = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);
        Assert.IsNull(first.Failure, first.Failure?.Message);
        var bundleId = (await ManifestSerializer.ReadFileAsync(BundleManifestLocator.Find(first.BundleFolder), CancellationToken.None)).Manifest.BundleId;
        _lab.Clock.Advance(TimeSpan.FromHours(24));
        var bundleBefore = WorkflowLab.TreeHash(first.BundleFolder);
        var stateBefore = WorkflowLab.TreeHash(_lab.ExportState);

        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.ExportAlreadyFinished, rerun.Failure!.Kind);
        Assert.AreEqual(
            $"An export already finished in {first.BundleFolder} (bundle {bundleId}, sequence 1, 2026-11-25 14:00 UTC). "
            + "Carry it across, or choose a new --out folder for the next export.",
            rerun.Failure.Message);
        Assert.AreEqual(1L, rerun.Sequence);
        Assert.AreEqual(first.ManifestSha256, rerun.ManifestSha256);
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns, "wsusutil export is not run again");
        Assert.IsFalse(Directory.Exists(ExportWorkflow.StagingFolderFor(first.BundleFolder)));
        CollectionAssert.AreEqual(bundleBefore, WorkflowLab.TreeHash(first.BundleFolder));
        CollectionAssert.AreEqual(stateBefore, WorkflowLab.TreeHash(_lab.ExportState), "neither the chain nor the journal is touched");
    }

    [TestMethod]
    public async Task RunAsync_RerunOfAnOlderFinishedExportAfterANewerOne_SaysAlreadyFinishedForItsOwnSequence()
    {
        Assert.IsNull((await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None)).Failure);
        _lab.WithContent("C3/new-update.cab", 5000, 900);
        Assert.IsNull((await CreateSut().RunAsync(_lab.ExportRequest(2), null, CancellationToken.None)).Failure);

        var rerun = await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None);

        Assert.AreEqual(WorkflowFailureKind.ExportAlreadyFinished, rerun.Failure!.Kind);
        StringAssert.Contains(rerun.Failure.Message, "sequence 1,");
        Assert.AreEqual(2, _lab.ExportWsus.ExportRuns);
        Assert.AreEqual(2L, (await new ExportChainStore(_lab.ExportState, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None))!.LastSequence);
    }

    [TestMethod]
    public async Task RunAsync_FolderHoldsABundleNoFinishedExportOfOursWrote_IsNotCalledAFinishedExport()
    {
        Assert.IsNull((await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None)).Failure);
        // Someone copies bundle 1 into the folder the next export is pointed at.
        foreach (var file in Directory.EnumerateFiles(_lab.BundleFolder(1), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_lab.BundleFolder(2), Path.GetRelativePath(_lab.BundleFolder(1), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var outcome = await CreateSut().RunAsync(_lab.ExportRequest(2), null, CancellationToken.None);

        Assert.AreNotEqual(WorkflowFailureKind.ExportAlreadyFinished, outcome.Failure!.Kind);
    }

    [TestMethod]
    public async Task PlanAsync_FinishedExportInTheSameFolder_StopsWithTheSameMessage()
    {
        Assert.IsNull((await CreateSut().RunAsync(_lab.ExportRequest(1), null, CancellationToken.None)).Failure);

        var refused = await Assert.ThrowsAsync<WorkflowFailedException>(() => CreateSut().PlanAsync(_lab.ExportRequest(1), CancellationToken.None));

        Assert.AreEqual(WorkflowFailureKind.ExportAlreadyFinished, refused.Failure.Kind);
        StringAssert.Contains(refused.Failure.Message, "An export already finished in " + _lab.BundleFolder(1));
    }
}
