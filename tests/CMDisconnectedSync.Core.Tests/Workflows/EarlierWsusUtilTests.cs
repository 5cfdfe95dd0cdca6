using System.Diagnostics;
using CMDisconnectedSync.Core.Tests.Processes;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Core.Tests.Workflows;

/// <summary>
/// Issue 19, orphaned wsusutil: each run journals the wsusutil it starts (id and start time); a rerun refuses (exit 5)
/// while one started by an earlier, killed run still runs, and a reused process id does not block. The "orphan" here is
/// a real process (sleep) whose stamp is journaled as the earlier run's wsusutil; the killed-parent case with the real
/// lab wsusutil is the harness's OrphanedWsusUtilTests.
/// </summary>
[TestClass]
public sealed class EarlierWsusUtilTests
{
    private WorkflowLab _lab = null!;

    [TestInitialize]
    public void CreateLab() => _lab = new WorkflowLab().WithStandardContent(files: 4);

    [TestCleanup]
    public void DeleteLab() => _lab.Dispose();

    [TestMethod]
    public async Task RunAsync_Import_JournalsTheWsusUtilItStartedWithItsStartTime()
    {
        Assert.IsNull((await _lab.ExportAsync(1)).Failure);

        var outcome = await _lab.ImportAsync(1);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        var recorded = WorkflowJournal.Peek(outcome.JournalPath)!.StartedProcesses;
        Assert.HasCount(1, recorded);
        Assert.AreEqual(ImportWorkflow.WsusUtilStep, recorded[0].Step);
        StringAssert.StartsWith(recorded[0].Process.StartedAt, OperatingSystem.IsLinux() ? "proc-ticks:" : "utc-ticks:");
        Assert.IsNull(new RunningProcesses().Find(recorded[0].Process.ProcessId), "wsusutil has ended");
        var exportJournal = WorkflowJournal.Peek(WorkflowJournalFiles.ExportJournal(_lab.ExportState))!;
        Assert.AreEqual(ExportWorkflow.WsusUtilStep, exportJournal.StartedProcesses.Single().Step);
    }

    [TestMethod]
    public async Task RunAsync_ImportWhileTheEarlierRunsWsusUtilStillRuns_RefusedNamingThePidThenResumesOnceItEnded()
    {
        Assert.IsNull((await _lab.ExportAsync(1)).Failure);
        using var orphan = RunningProcessesTests.Sleeper.Start();
        await KilledDuringWsusUtilAsync(orphan);

        var refused = await _lab.ImportAsync(1);
        var runsWhileRefused = _lab.ImportWsus.ImportRuns;
        orphan.Kill(entireProcessTree: true);
        await orphan.WaitForExitAsync();
        var resumed = await _lab.ImportAsync(1);

        Assert.AreEqual(WorkflowFailureKind.StateFolderInUse, refused.Failure!.Kind);
        StringAssert.Contains(refused.Failure.Message, $"process {orphan.Id}");
        StringAssert.Contains(refused.Failure.Message, "Wait for process");
        StringAssert.Contains(refused.Failure.Message, $"kill {orphan.Id}");
        Assert.AreEqual(1, runsWhileRefused, "no second wsusutil was started beside the first (the one run is the setup's)");
        Assert.IsNull(resumed.Failure, resumed.Failure?.Message);
        Assert.AreEqual(2, _lab.ImportWsus.ImportRuns);
        CollectionAssert.Contains(resumed.ResumedSteps.ToList(), ImportWorkflow.CopyStep);
    }

    [TestMethod]
    public async Task RunAsync_KilledBetweenStartingWsusUtilAndJournalingIt_FoundByTheLaunchMarkAndRefused()
    {
        if (!File.Exists("/proc/self/cmdline"))
        {
            Assert.Inconclusive("No procfs here: the command line search is Linux's (Windows searches by program name).");
        }

        // The CI failure this pins: cmdsync SIGKILLed after wsusutil appeared, before its id reached the journal.
        Assert.IsNull((await _lab.ExportAsync(1)).Failure);
        var log = _lab.Path("staging", "import-20261207-0001.log");
        using var orphan = RunningProcessesTests.Sleeper.StartWithArgument(log);
        await KilledBeforeTheStartWasJournaledAsync(new ProcessLaunchMark("sh", log, DateTime.UtcNow.AddSeconds(-5).Ticks));

        var refused = await _lab.ImportAsync(1);
        var runsWhileRefused = _lab.ImportWsus.ImportRuns;
        orphan.Kill(entireProcessTree: true);
        await orphan.WaitForExitAsync();
        var resumed = await _lab.ImportAsync(1);

        Assert.AreEqual(WorkflowFailureKind.StateFolderInUse, refused.Failure!.Kind, refused.Failure.Message);
        StringAssert.Contains(refused.Failure.Message, $"process {orphan.Id}");
        Assert.AreEqual(1, runsWhileRefused, "no second wsusutil was started beside the first");
        Assert.IsNull(resumed.Failure, resumed.Failure?.Message);
        Assert.AreEqual(2, _lab.ImportWsus.ImportRuns);
    }

    [TestMethod]
    public async Task RunAsync_LaunchMarkWhoseProcessNeverStartedOrEnded_DoesNotBlock()
    {
        Assert.IsNull((await _lab.ExportAsync(1)).Failure);
        await KilledBeforeTheStartWasJournaledAsync(new ProcessLaunchMark("sh", _lab.Path("staging", "never-started.log"), DateTime.UtcNow.Ticks));

        var outcome = await _lab.ImportAsync(1);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual(2, _lab.ImportWsus.ImportRuns);
    }

    [TestMethod]
    public async Task RunAsync_PidReusedByAnotherProcess_DoesNotBlock()
    {
        Assert.IsNull((await _lab.ExportAsync(1)).Failure);
        using var stranger = RunningProcessesTests.Sleeper.Start();
        // The journal's wsusutil had this id but another start time: the id now belongs to an unrelated process.
        await KilledDuringWsusUtilAsync(stranger, startedAt: "proc-ticks:1");

        var outcome = await _lab.ImportAsync(1);
        stranger.Kill(entireProcessTree: true);

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.AreEqual(2, _lab.ImportWsus.ImportRuns);
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task RunAsync_ExportAskedToWait_WaitsForTheEarlierWsusUtilThenRuns()
    {
        using var orphan = RunningProcessesTests.Sleeper.Start();
        var journal = WorkflowJournal.Open(WorkflowJournalFiles.ExportJournal(_lab.ExportState), WorkflowJournalFiles.ExportWorkflowName,
            Path.GetFullPath(_lab.BundleFolder(1)) + "#1", _lab.Clock);
        journal.MarkStarted(ExportWorkflow.WsusUtilStep);
        journal.MarkProcessStarted(ExportWorkflow.WsusUtilStep, new RunningProcesses().Find(orphan.Id)!);
        var ender = Task.Run(async () =>
        {
            await Task.Delay(3000);
            orphan.Kill(entireProcessTree: true);
        });
        var waited = Stopwatch.StartNew();

        var outcome = await new ExportWorkflow(_lab.ExportServices()).RunAsync(_lab.ExportRequest(1) with { WaitForEarlierWsusUtil = TimeSpan.FromMinutes(1) }, null, CancellationToken.None);
        await ender;

        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
        Assert.IsGreaterThanOrEqualTo(2.5, waited.Elapsed.TotalSeconds, "it waited for the earlier wsusutil");
        Assert.AreEqual(1, _lab.ExportWsus.ExportRuns);
    }

    /// <summary>What a kill -9 of cmdsync between starting wsusutil and journaling its id leaves: only the launch mark.</summary>
    private async Task KilledBeforeTheStartWasJournaledAsync(ProcessLaunchMark launch) =>
        (await WsusUtilStepStartedAgainAsync()).MarkProcessLaunching(ImportWorkflow.WsusUtilStep, launch);

    /// <summary>What a kill -9 of cmdsync during wsusutil leaves: <paramref name="process"/> journaled as the wsusutil the killed run started.</summary>
    private async Task KilledDuringWsusUtilAsync(Process process, string? startedAt = null)
    {
        var journal = await WsusUtilStepStartedAgainAsync();
        var stamp = new RunningProcesses().Find(process.Id)!;
        journal.MarkProcessStarted(ImportWorkflow.WsusUtilStep, startedAt is null ? stamp : stamp with { StartedAt = startedAt });
    }

    /// <summary>A failed first attempt gives the journal its run key; then the wsusutil step starts again in it.</summary>
    private async Task<WorkflowJournal> WsusUtilStepStartedAgainAsync()
    {
        _lab.ImportWsus.Fault = "exit-code";
        var first = await _lab.ImportAsync(1);
        _lab.ImportWsus.Fault = null;
        Assert.AreEqual(WorkflowFailureKind.WsusUtilFailed, first.Failure?.Kind);
        var snapshot = WorkflowJournal.Peek(first.JournalPath)!;
        var journal = WorkflowJournal.Open(first.JournalPath, snapshot.Workflow, snapshot.RunKey, _lab.Clock);
        journal.MarkStarted(ImportWorkflow.WsusUtilStep);
        return journal;
    }
}
