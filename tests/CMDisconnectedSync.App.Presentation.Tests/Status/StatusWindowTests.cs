using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Status;

[TestClass]
public sealed class StatusWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeOperations _operations = new();
    private readonly FakeFileSystem _files = new();
    private readonly RecordingLauncher _launcher = new();

    [TestMethod]
    public async Task RefreshAsync_ShowsSequencesSupStatesAndRunsNewestFirst()
    {
        _operations.Status = new SyncStatusReport(
            43,
            42,
            [new SupSyncState("PS1", "SUP01", 6708, Now, Now.AddDays(-1), 0)],
            [
                new RunRecord(RunKind.Export, 41, Now.AddDays(-9), RunOutcome.Succeeded, @"C:\logs\export-41.log", null),
                new RunRecord(RunKind.Import, 42, Now.AddHours(-2), RunOutcome.Unfinished, @"C:\logs\import-42.log", "stopped in content copy"),
            ]);
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        Assert.AreEqual("43", sut.LastExportText);
        Assert.AreEqual("42", sut.LastImportText);
        Assert.AreEqual("Done, license terms missing (6708)", sut.Sups.Single().State);
        CollectionAssert.AreEqual(new[] { "Import", "Export" }, sut.Runs.Select(r => r.Kind).ToArray());
        Assert.AreEqual("Unfinished (resumes on next run)", sut.Runs[0].Outcome);
    }

    [TestMethod]
    public async Task RefreshAsync_ImportCancelledDuringVerify_ShowsItsBundleStepAndOffersResume()
    {
        var cancelled = new RunRecord(RunKind.Import, null, Now.AddMinutes(-5), RunOutcome.Cancelled, @"C:\logs\app.log", null)
        {
            BundlePath = @"E:\Transfer\CMDS-000042",
            StoppedAtStep = "Verify the bundle",
        };
        _operations.Status = new SyncStatusReport(43, 41, [], [cancelled]);
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        var row = sut.Runs.Single();
        Assert.AreEqual(@"E:\Transfer\CMDS-000042", row.Bundle);
        Assert.AreEqual("Verify the bundle", row.StoppedAt);
        Assert.AreEqual("Cancelled", row.Outcome);
        Assert.AreEqual("2026-11-25 10:55 UTC+01:00", row.When, "one date format, with the zone");
        Assert.AreSame(cancelled, StatusWindow.ResumeTarget(row));
        Assert.AreEqual(
            string.Join(
                Environment.NewLine,
                "Import, started 2026-11-25 10:55 UTC+01:00: Cancelled.",
                @"Bundle: E:\Transfer\CMDS-000042",
                "Stopped at: Verify the bundle",
                "Select Resume… to continue from that step; the steps that finished are not done again.",
                @"Log: C:\logs\app.log"),
            row.Summary,
            "the whole row, uncut, for the box under the list");
    }

    [TestMethod]
    public async Task RefreshAsync_FinishedRunOrRunWithoutBundle_OffersNoResume()
    {
        _operations.Status = new SyncStatusReport(43, 42, [],
        [
            new RunRecord(RunKind.Import, 42, Now.AddHours(-1), RunOutcome.Succeeded, @"C:\logs\app.log", null) { BundlePath = @"E:\CMDS-000042" },
            new RunRecord(RunKind.Export, null, Now.AddHours(-2), RunOutcome.Failed, @"C:\logs\app.log", "wsusutil: exit 1"),
        ]);
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        Assert.IsTrue(sut.Runs.All(r => StatusWindow.ResumeTarget(r) is null));
        Assert.AreEqual("–", sut.Runs[1].Bundle);
        StringAssert.StartsWith(sut.Runs[0].Summary, "Import of sequence 42, started ");
        Assert.DoesNotContain("Resume", sut.Runs[1].Summary, "a run that cannot be resumed is not offered Resume");
        StringAssert.Contains(sut.Runs[1].Summary, Environment.NewLine + "wsusutil: exit 1" + Environment.NewLine);
    }

    [TestMethod]
    public async Task RefreshAsync_NothingYet_SaysNoneYet()
    {
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        Assert.AreEqual("none yet", sut.LastExportText);
        Assert.AreEqual("none yet", sut.LastImportText);
    }

    [TestMethod]
    public async Task RefreshAsync_SiteUnreachable_ShowsTheError()
    {
        _operations.StatusFailure = new InvalidOperationException("Cannot connect to the SMS Provider on CM01: RPC server unavailable.");
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        Assert.AreEqual("Cannot connect to the SMS Provider on CM01: RPC server unavailable.", sut.Error);
        Assert.IsFalse(sut.IsLoading);
    }

    [TestMethod]
    public async Task RefreshAsync_SupStateUnreadable_ShowsTheRestAndSaysWhyTheSupStateIsMissing()
    {
        _operations.Status = new SyncStatusReport(
            43, 42, [], [new RunRecord(RunKind.Import, 42, Now, RunOutcome.Succeeded, @"C:\logs\import-42.log", null)],
            "Cannot reach the SMS Provider on CM01: RPC server unavailable.");
        var sut = CreateSut();

        await sut.RefreshAsync(CancellationToken.None);

        Assert.IsNull(sut.Error);
        Assert.AreEqual("Sync state per software update point not available: Cannot reach the SMS Provider on CM01: RPC server unavailable.", sut.SupProblem);
        Assert.AreEqual("42", sut.LastImportText);
        Assert.HasCount(1, sut.Runs);
    }

    [TestMethod]
    public void OpenLog_LogExists_OpensItInTheViewer()
    {
        _files.WithFile(@"C:\logs\import-42.log");
        var sut = CreateSut();

        sut.OpenLog(Row(@"C:\logs\import-42.log"));

        Assert.AreEqual("notepad.exe \"C:\\logs\\import-42.log\"", _launcher.Started.Single());
        Assert.IsNull(sut.Error);
    }

    [TestMethod]
    public void OpenLog_LogGone_ShowsWhy()
    {
        var sut = CreateSut();

        sut.OpenLog(Row(@"C:\logs\gone.log"));

        StringAssert.Contains(sut.Error, @"The log 'C:\logs\gone.log' no longer exists");
        Assert.IsEmpty(_launcher.Started);
    }

    private static RunRow Row(string log) => new("now", "Import", "42", "Succeeded", string.Empty, log);

    [TestMethod]
    public async Task OpenServerCheck_ServerHasOnlyExported_PresetsTheExportSide()
    {
        _operations.Status = new SyncStatusReport(43, null, [], []);
        var sut = CreateSut();
        await sut.RefreshAsync(CancellationToken.None);

        var check = sut.OpenServerCheck();

        Assert.AreEqual(ServerSide.Export, check.Side);
    }

    [TestMethod]
    [DataRow(null, null)]
    [DataRow(null, 42L)]
    [DataRow(43L, 42L)]
    public async Task OpenServerCheck_NewOrImportingServer_PresetsTheImportSide(long? lastExport, long? lastImport)
    {
        _operations.Status = new SyncStatusReport(lastExport, lastImport, [], []);
        var sut = CreateSut();
        await sut.RefreshAsync(CancellationToken.None);

        Assert.AreEqual(ServerSide.Import, sut.OpenServerCheck().Side);
    }

    [TestMethod]
    public async Task OpenServerCheck_AfterACheckRan_KeepsTheAdminsChoice()
    {
        _operations.Status = new SyncStatusReport(43, null, [], []);
        var sut = CreateSut();
        await sut.RefreshAsync(CancellationToken.None);
        var check = sut.OpenServerCheck();
        check.Side = ServerSide.Import;
        await check.RunAsync(CancellationToken.None);

        Assert.AreEqual(ServerSide.Import, sut.OpenServerCheck().Side);
        Assert.IsNotNull(sut.OpenServerCheck().Report);
    }

    private StatusWindow CreateSut()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        clock.SetLocalTimeZone(A.ZonePlusOne);
        return new(_operations, A.Site(), new LogViewer(_launcher, _files, [@"C:\Windows\CCM\CMTrace.exe"], "notepad.exe"),
            new ServerCheckWindow(new FakeServerCheck(), A.Site(), new TextFileWriter()), clock);
    }
}
