using CMDisconnectedSync.App.Presentation.Home;
using CMDisconnectedSync.App.Presentation.Launch;

namespace CMDisconnectedSync.App.Presentation.Tests.Home;

[TestClass]
public sealed class HomeWindowTests
{
    [TestMethod]
    public void Entries_AreExportImportStatusAndCheckThisServerInThatOrder()
    {
        var sut = CreateSut();

        CollectionAssert.AreEqual(
            new[] { HomeCommand.Export, HomeCommand.Import, HomeCommand.Status, HomeCommand.CheckThisServer },
            sut.Entries.Select(e => e.Command).ToArray());
        CollectionAssert.AreEqual(
            new[] { "&Export…", "&Import…", "&Status", "&Check this server" },
            sut.Entries.Select(e => e.Label).ToArray());
    }

    [TestMethod]
    public void Entries_ExportSaysItNeedsNoConfigMgr()
    {
        var export = CreateSut().Entries.Single(e => e.Command == HomeCommand.Export);

        StringAssert.Contains(export.Description, "internet-facing WSUS server");
        StringAssert.Contains(export.Description, "no ConfigMgr");
    }

    [TestMethod]
    public void Title_NamesThisComputer()
    {
        Assert.AreEqual("CMDisconnectedSync on WSUS01", CreateSut().Title);
    }

    [TestMethod]
    [DataRow(HomeCommand.Export, LaunchAction.Export)]
    [DataRow(HomeCommand.Import, LaunchAction.Import)]
    [DataRow(HomeCommand.Status, LaunchAction.Status)]
    public void ActionOf_OpensTheSameWindowAsTheConsoleAction(HomeCommand command, LaunchAction expected)
    {
        Assert.AreEqual(expected, HomeWindow.ActionOf(command));
    }

    [TestMethod]
    public void Report_ShowsTheNoticeAndRaisesChanged()
    {
        var sut = CreateSut();
        var raised = 0;
        sut.Changed += (_, _) => raised++;

        sut.Report("No site was chosen, so the import did not open.");

        Assert.AreEqual("No site was chosen, so the import did not open.", sut.Notice);
        Assert.AreEqual(1, raised);
    }

    [TestMethod]
    public void ExportClosed_AfterARealExport_SaysWhereTheBundleIsAndWhatToDoNext()
    {
        var sut = CreateSut();

        sut.ExportClosed(TestDoubles.A.ExportResult());

        StringAssert.StartsWith(sut.Notice, @"Exported sequence 43 to E:\Transfer\CMDS-000043. Carry that whole folder");
    }

    [TestMethod]
    public void ExportClosed_AfterOnlyAPlan_SaysNothing()
    {
        var sut = CreateSut();

        sut.ExportClosed(TestDoubles.A.ExportResult(whatIf: true));

        Assert.AreEqual(string.Empty, sut.Notice);
    }

    private static HomeWindow CreateSut() => new("WSUS01");
}
