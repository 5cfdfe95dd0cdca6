using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class TransferProgressPageTests
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _clock = new();

    [TestMethod]
    public void Apply_CopyStepHalfway_ShowsBytesRateAndTimeLeft()
    {
        var sut = CreateSut();
        sut.Apply(A.Step(3, 4, StepState.Running, "Copy content", 0, 100 * MiB));
        _clock.Advance(TimeSpan.FromSeconds(5));

        sut.Apply(A.Step(3, 4, StepState.Running, "Copy content", 50 * MiB, 100 * MiB));

        Assert.AreEqual(50, sut.StepPercent);
        Assert.AreEqual(62, sut.OverallPercent);
        Assert.AreEqual("50 MB of 100 MB", sut.BytesText);
        Assert.AreEqual("10 MB/s", sut.RateText);
        Assert.AreEqual("5 s left", sut.RemainingText);
    }

    [TestMethod]
    public void Apply_CopyStepWithFileCounters_ShowsFilesToo()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(3, 4, StepState.Running, "Copy content", 50 * MiB, 100 * MiB) with { FilesDone = 53, FilesTotal = 1184 });

        Assert.AreEqual("50 MB of 100 MB (53 of 1,184 files)", sut.BytesText);
    }

    [TestMethod]
    public void Apply_StepWithoutBytes_HasNoPercentSoTheViewShowsActivity()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(1, 4, StepState.Running, "wsusutil export"));

        Assert.IsNull(sut.StepPercent);
        Assert.AreEqual(string.Empty, sut.BytesText);
        Assert.AreEqual(0, sut.OverallPercent);
    }

    [TestMethod]
    public void Apply_FirstReport_ListsEveryStepWithTheRestPending()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(1, 3, StepState.Running, "First"));

        CollectionAssert.AreEqual(
            new[] { StepState.Running, StepState.Pending, StepState.Pending },
            sut.Steps.Select(s => s.State).ToArray());
    }

    [TestMethod]
    public void Apply_AlreadyDoneStep_SaysItWasDoneInAnEarlierRun()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(1, 2, StepState.AlreadyDone, "First"));

        Assert.AreEqual("done in an earlier run", sut.Steps[0].Detail);
        Assert.AreEqual(50, sut.OverallPercent);
    }

    [TestMethod]
    public void Apply_AlreadyDoneStepWithTheWorkflowsReason_ShowsTheReasonNotAnEarlierRun()
    {
        var sut = CreateSut();

        // What the import reports when the Verification page hashed the bundle earlier in this same run.
        sut.Apply(A.Step(1, 2, StepState.AlreadyDone, "First") with { Detail = "hashed earlier in this run; every file has the same size and last-write time since" });

        Assert.AreEqual("already done: hashed earlier in this run; every file has the same size and last-write time since", sut.Steps[0].Detail);
    }

    [TestMethod]
    public void Apply_SupSyncReading_ShowsTheLiveState()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(4, 4, StepState.Running, "Wait for sync", sync: new SupSyncState("PS1", "SUP01", 6704, null, null, 0)));

        Assert.AreEqual("Software update point SUP01: Synchronizing (6704)", sut.SyncText);
    }

    [TestMethod]
    public Task RunAsync_Completes_ReturnsTheResultAtHundredPercent() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut();

        var result = await sut.RunAsync<string>((progress, _) =>
        {
            progress.Report(A.Step(1, 2, StepState.Completed));
            return Task.FromResult("bundle");
        });

        Assert.AreEqual("bundle", result);
        Assert.AreEqual(RunState.Completed, sut.State);
        Assert.AreEqual(100, sut.OverallPercent);
    });

    [TestMethod]
    public Task RequestCancel_WhileRunning_StopsAndOffersResume() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Export metadata", "Copy content") { BlockAtStep = 2 };
        var sut = CreateSut();
        var states = new List<RunState>();
        sut.Changed += (_, _) => states.Add(sut.State);
        var run = sut.RunAsync((progress, ct) => script.RunAsync(progress, "done", ct));

        Assert.IsTrue(sut.RequestCancel());
        var result = await run;

        Assert.IsNull(result);
        CollectionAssert.Contains(states, RunState.Cancelling);
        Assert.AreEqual(RunState.Cancelled, sut.State);
        Assert.IsTrue(sut.CanResume);
        StringAssert.Contains(sut.Message, "cancelled at \"Copy content\"");
        StringAssert.Contains(sut.Message, "Resume");
    });

    [TestMethod]
    public Task RunAsync_AfterCancel_ResumesAtTheUnfinishedStep() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Export metadata", "Copy content", "Sign") { BlockAtStep = 2 };
        var sut = CreateSut();
        var first = sut.RunAsync((progress, ct) => script.RunAsync(progress, "done", ct));
        sut.RequestCancel();
        await first;

        var result = await sut.RunAsync((progress, ct) => script.RunAsync(progress, "done", ct));

        Assert.AreEqual("done", result);
        CollectionAssert.AreEqual(new[] { 1, 2, 2, 3 }, script.StepsRun);
        Assert.AreEqual(StepState.AlreadyDone, sut.Steps[0].State);
        Assert.AreEqual(StepState.Completed, sut.Steps[2].State);
    });

    [TestMethod]
    public Task RunAsync_Throws_ShowsTheErrorAndOffersResume() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Copy content") { FailAtStep = 1 };
        var sut = CreateSut();

        var result = await sut.RunAsync((progress, ct) => script.RunAsync(progress, "done", ct));

        Assert.IsNull(result);
        Assert.AreEqual(RunState.Failed, sut.State);
        // First where it stopped and what to do in the wizard, then the whole error.
        Assert.AreEqual(
            "Export failed at step 1 of 1, \"Copy content\". Fix the cause below, then select Resume: the steps that finished are not done again."
            + Environment.NewLine + Environment.NewLine + "The media E:\\ was removed while writing content\\3A\\x.cab.",
            sut.Message);
        Assert.AreEqual("failed: the message below says why", sut.Steps[0].Detail, "the list leaves the whole error to the message");
        Assert.IsTrue(sut.CanResume);
    });

    [TestMethod]
    public Task RunAsync_Fails_FailureDetailsHoldTheWholeMessageTheStoppedStepEveryStepAndTheLog() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut(log: true);
        var message = "wsusutil import failed: " + new string('x', 600) + " See the log.";

        await sut.RunAsync<string>((progress, _) =>
        {
            progress.Report(A.Step(1, 3, StepState.Pending, "Verify the bundle"));
            progress.Report(A.Step(2, 3, StepState.Pending, "Copy content"));
            progress.Report(A.Step(3, 3, StepState.Pending, "Import the metadata (wsusutil import)"));
            progress.Report(A.Step(1, 3, StepState.Completed, "Verify the bundle"));
            progress.Report(A.Step(2, 3, StepState.Failed, "Copy content") with { Detail = message });
            return Task.FromException<string>(new InvalidOperationException(message));
        });

        StringAssert.StartsWith(sut.FailureDetails, "Export failed at step 2 of 3, \"Copy content\", on 2000-01-01 01:00 UTC+01:00.");
        StringAssert.Contains(sut.FailureDetails, message, "the whole message, not a clipped one");
        StringAssert.Contains(sut.FailureDetails, "3. Import the metadata (wsusutil import): not started");
        StringAssert.Contains(sut.FailureDetails, @"Log: C:\CMDS\logs\app.log");
        Assert.IsTrue(sut.CanOpenLog);
    });

    [TestMethod]
    public Task OpenLog_AfterAFailure_OpensTheRunsLogInTheViewer() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = CreateSut(log: true);
        await sut.RunAsync<string>((_, _) => Task.FromException<string>(new IOException("E:\\ was removed.")));

        sut.OpenLog();

        Assert.IsNull(sut.LogError);
        Assert.AreEqual("notepad.exe \"C:\\CMDS\\logs\\app.log\"", _launcher.Started.Single());
    });

    [TestMethod]
    public Task OpenLog_LogDeleted_SaysSoInsteadOfThrowing() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var sut = new TransferProgressPage(_clock, "Import") { Log = new RunLog(new LogViewer(_launcher, new FakeFileSystem(), [], "notepad.exe"), @"C:\CMDS\logs\app.log") };
        await sut.RunAsync<string>((_, _) => Task.FromException<string>(new IOException("E:\\ was removed.")));

        sut.OpenLog();

        StringAssert.Contains(sut.LogError, "no longer exists");
        Assert.IsEmpty(_launcher.Started);
    });

    [TestMethod]
    public void Apply_PendingStepsAnnounced_NamesEveryStepWithoutMovingTheBars()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(1, 2, StepState.Pending, "Verify the bundle"));
        sut.Apply(A.Step(2, 2, StepState.Pending, "Import the metadata (wsusutil import)"));

        CollectionAssert.AreEqual(new[] { "Verify the bundle", "Import the metadata (wsusutil import)" }, sut.Steps.Select(s => s.Title).ToArray());
        Assert.AreEqual(string.Empty, sut.CurrentStepTitle);
        Assert.AreEqual(0, sut.OverallPercent);
    }

    [TestMethod]
    public void Apply_DetailWithRawByteCount_ShowsItInHumanUnits()
    {
        var sut = CreateSut();

        sut.Apply(A.Step(3, 4, StepState.Completed, "Copy content") with { Detail = "1184 files copied (2583691264 bytes), 12 already present" });

        Assert.AreEqual("1184 files copied (2.4 GB), 12 already present", sut.Steps[2].Detail);
    }

    [TestMethod]
    public void RequestCancel_NothingRunning_ReturnsFalse()
    {
        Assert.IsFalse(CreateSut().RequestCancel());
    }

    [TestMethod]
    public Task RunAsync_WhileAlreadyRunning_Throws() => InlineSynchronizationContext.RunAsync(async () =>
    {
        var script = new JournaledRunScript("Copy content") { BlockAtStep = 1 };
        var sut = CreateSut();
        var run = sut.RunAsync((progress, ct) => script.RunAsync(progress, "done", ct));

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => sut.RunAsync<string>((_, _) => Task.FromResult("x")));
        sut.RequestCancel();
        await run;
    });

    private readonly RecordingLauncher _launcher = new();

    private TransferProgressPage CreateSut(bool log = false)
    {
        _clock.SetLocalTimeZone(A.ZonePlusOne);
        return log
            ? new TransferProgressPage(_clock, "Export") { Log = new RunLog(new LogViewer(_launcher, new FakeFileSystem().WithFile(@"C:\CMDS\logs\app.log"), [], "notepad.exe"), @"C:\CMDS\logs\app.log") }
            : new TransferProgressPage(_clock, "Export");
    }
}
