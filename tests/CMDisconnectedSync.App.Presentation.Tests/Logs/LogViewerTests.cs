using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Logs;

[TestClass]
public sealed class LogViewerTests
{
    private const string Log = @"C:\CMDS\logs\import-42.log";
    private const string ClientCmTrace = @"C:\Windows\CCM\CMTrace.exe";
    private const string SiteCmTrace = @"D:\Program Files\Microsoft Configuration Manager\tools\CMTrace.exe";
    private readonly FakeFileSystem _files = new FakeFileSystem().WithFile(Log);
    private readonly RecordingLauncher _launcher = new();

    [TestMethod]
    public void Open_CmTraceInstalled_UsesTheFirstOneFound()
    {
        _files.WithFile(SiteCmTrace);

        var viewer = CreateSut().Open(Log);

        Assert.AreEqual(SiteCmTrace, viewer);
        Assert.AreEqual(SiteCmTrace + " \"" + Log + "\"", _launcher.Started.Single());
    }

    [TestMethod]
    public void Open_NoCmTrace_FallsBackToNotepad()
    {
        var viewer = CreateSut().Open(Log);

        Assert.AreEqual("notepad.exe", viewer);
    }

    [TestMethod]
    public void Open_MissingLog_ThrowsNamingTheLog()
    {
        var error = Assert.ThrowsExactly<FileNotFoundException>(() => CreateSut().Open(@"C:\CMDS\logs\gone.log"));

        StringAssert.Contains(error.Message, @"C:\CMDS\logs\gone.log");
        Assert.IsEmpty(_launcher.Started);
    }

    [TestMethod]
    public void Candidates_FromTheEnvironment_ClientFirstThenSiteServerToolsThenWindows()
    {
        var variables = new Dictionary<string, string> { ["WINDIR"] = Path.GetFullPath("Windows"), ["SMS_LOG_PATH"] = Path.GetFullPath(Path.Combine("CM", "Logs")) };

        var candidates = CmTraceLocations.Candidates(name => variables.TryGetValue(name, out var value) ? value : null);

        Assert.HasCount(3, candidates);
        StringAssert.EndsWith(candidates[0], "CMTrace.exe");
        StringAssert.Contains(candidates[0], "CCM");
        Assert.AreEqual(Path.GetFullPath(Path.Combine("CM", "tools", "CMTrace.exe")), candidates[1]);
    }

    [TestMethod]
    public void Candidates_NothingSet_IsEmpty() =>
        Assert.IsEmpty(CmTraceLocations.Candidates(_ => null));

    private LogViewer CreateSut() => new(_launcher, _files, [ClientCmTrace, SiteCmTrace], "notepad.exe");
}
