using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Status;

[TestClass]
public sealed class ServerCheckWindowTests
{
    private readonly FakeServerCheck _check = new();
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-servercheck-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private ServerCheckWindow CreateSut() => new(_check, A.Site(), new TextFileWriter());

    [TestMethod]
    public async Task RunAsync_NoSiteKnown_ChecksThisServerAsTheExportSideWithoutAskingForASite()
    {
        // The home window on an export WSUS server outside the hierarchy: no console connection, no site prompt.
        var sut = new ServerCheckWindow(_check, null, new TextFileWriter());

        await sut.RunAsync(CancellationToken.None);

        Assert.AreEqual("Check this server", sut.Title);
        StringAssert.StartsWith(sut.Intro, "Checks this computer, as the internet-facing (export) server, against");
        Assert.AreEqual((ServerSide.Export, (SiteTarget?)null), _check.Requests.Single());
    }

    [TestMethod]
    public async Task RunAsync_AllConfirmed_SaysSoAndListsEveryFinding()
    {
        _check.Findings = [FakeServerCheck.Finding("wsus.registry.setupKey", FindingStatus.Confirmed), FakeServerCheck.Finding("console.path", FindingStatus.Confirmed)];
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.IsNull(sut.Error);
        Assert.AreEqual(
            "Everything CMDisconnectedSync relies on is as expected on SUP01. 2 checks: 2 confirmed, 0 differ, 0 missing, 0 not applicable, 0 access denied.",
            sut.Summary);
        CollectionAssert.AreEqual(new[] { "Confirmed", "Confirmed" }, sut.Rows.Select(r => r.Status).ToArray());
        Assert.IsFalse(sut.Rows.Any(r => r.NeedsAttention));
        Assert.IsTrue(sut.CanSave);
    }

    [TestMethod]
    public async Task RunAsync_ProblemsFound_CountsThemAndMarksOnlyThoseRows()
    {
        _check.Findings =
        [
            FakeServerCheck.Finding("configmgr.sup.syncSource", FindingStatus.Differs, "Microsoft Update"),
            FakeServerCheck.Finding("console.path", FindingStatus.Missing),
            FakeServerCheck.Finding("configmgr.rbac.syncNow", FindingStatus.AccessDenied),
            FakeServerCheck.Finding("console.hierarchy.approvedExtensionsOnly", FindingStatus.NotApplicable),
            FakeServerCheck.Finding("wsus.registry.setupKey", FindingStatus.Confirmed),
        ];
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        StringAssert.StartsWith(sut.Summary, "3 findings need attention on SUP01");
        StringAssert.EndsWith(sut.Summary, "5 checks: 1 confirmed, 1 differ, 1 missing, 1 not applicable, 1 access denied.");
        CollectionAssert.AreEqual(new[] { "Differs", "Missing", "Access denied", "Not applicable", "Confirmed" }, sut.Rows.Select(r => r.Status).ToArray());
        CollectionAssert.AreEqual(new[] { true, true, true, false, false }, sut.Rows.Select(r => r.NeedsAttention).ToArray());
    }

    [TestMethod]
    public async Task RunAsync_ChecksTheChosenSideOfTheSite()
    {
        var sut = CreateSut();
        sut.Side = ServerSide.Export;

        await sut.RunAsync(CancellationToken.None);

        Assert.AreEqual((ServerSide.Export, A.Site()), _check.Requests.Single());
        StringAssert.Contains(sut.Intro, "internet-facing (export) server of CM01.contoso.com (PS1)");
    }

    [TestMethod]
    public async Task RunAsync_WhileRunning_CannotRunOrSaveAgain()
    {
        _check.Gate = new TaskCompletionSource();
        var sut = CreateSut();

        var run = sut.RunAsync(CancellationToken.None);

        Assert.IsTrue(sut.IsRunning);
        Assert.IsFalse(sut.CanRun);
        Assert.IsFalse(sut.CanSave);
        _check.Gate.SetResult();
        await run;
        Assert.IsTrue(sut.CanRun);
    }

    [TestMethod]
    public async Task RunAsync_CheckCannotStart_ShowsItsMessage()
    {
        _check.Failure = new InvalidOperationException("The ConfigMgr SDK could not be loaded from C:\\Console\\bin: file not found.");
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.AreEqual("The ConfigMgr SDK could not be loaded from C:\\Console\\bin: file not found.", sut.Error);
        Assert.IsFalse(sut.IsRunning);
        Assert.IsFalse(sut.CanSave);
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_SaysSo()
    {
        _check.Gate = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource();
        var sut = CreateSut();

        var run = sut.RunAsync(cancel.Token);
        await cancel.CancelAsync();
        await run;

        Assert.AreEqual("The check was cancelled.", sut.Error);
    }

    [TestMethod]
    public async Task Side_ChangedAfterARun_ClearsTheResultOfTheOtherSide()
    {
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);

        sut.Side = ServerSide.Export;

        Assert.IsNull(sut.Report);
        Assert.IsEmpty(sut.Rows);
        Assert.AreEqual(string.Empty, sut.Summary);
    }

    [TestMethod]
    public async Task Describe_ProblemRow_ShowsFoundExpectedSourceAndWhatNow()
    {
        _check.Findings = [FakeServerCheck.Finding("configmgr.sup.syncSource", FindingStatus.Differs, "Microsoft Update", "Set the sync source to 'Do not synchronize'.")];
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);

        var text = ServerCheckWindow.Describe(sut.Rows.Single());

        StringAssert.Contains(text, "configmgr.sup.syncSource: assumption of configmgr.sup.syncSource");
        StringAssert.Contains(text, "Found: Microsoft Update");
        StringAssert.Contains(text, "Expected: expected value");
        StringAssert.Contains(text, "Source: source of configmgr.sup.syncSource");
        StringAssert.Contains(text, "What now: Set the sync source to 'Do not synchronize'.");
    }

    [TestMethod]
    public async Task SaveReport_WritableFolder_WritesTheJsonReportAndSaysWhere()
    {
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);
        var path = Path.Combine(_folder, sut.SuggestedFileName);

        sut.SaveReport(path);

        Assert.AreEqual(sut.Report!.JsonReport + Environment.NewLine, File.ReadAllText(path));
        Assert.AreEqual($"Report saved to {path}. Attach it to a support request as it is.", sut.Notice);
        Assert.IsNull(sut.Error);
        CollectionAssert.AreEqual(new[] { path }, Directory.GetFiles(_folder), "no partial file left beside the report");
    }

    [TestMethod]
    public async Task SaveReport_ExistingReport_IsReplacedWhole()
    {
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);
        var path = Path.Combine(_folder, "report.json");
        File.WriteAllText(path, new string('x', 10_000));

        sut.SaveReport(path);

        Assert.AreEqual(sut.Report!.JsonReport + Environment.NewLine, File.ReadAllText(path));
    }

    [TestMethod]
    public async Task SaveReport_FolderMissing_ErrorNamesThePathAndTheFix()
    {
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);
        var path = Path.Combine(_folder, "gone", "report.json");

        sut.SaveReport(path);

        StringAssert.StartsWith(sut.Error, $"Cannot save the report to {path}: ");
        StringAssert.EndsWith(sut.Error, "Choose a folder you can write to.");
        Assert.IsNull(sut.Notice);
    }

    [TestMethod]
    public async Task SuggestedFileName_NamesMachineSideAndTime()
    {
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);

        Assert.AreEqual("cmdsync-doctor-SUP01-import-20261125-103005.json", sut.SuggestedFileName);
    }

    [TestMethod]
    public void SaveReport_BeforeARun_Throws()
    {
        var sut = CreateSut();

        Assert.ThrowsExactly<InvalidOperationException>(() => sut.SaveReport(Path.Combine(_folder, "r.json")));
    }
}
