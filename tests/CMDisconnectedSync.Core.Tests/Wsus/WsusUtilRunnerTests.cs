using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Core.Tests.Wsus;

/// <summary>
/// What the runner refuses before starting wsusutil. The runs themselves are tested against the real lab wsusutil in
/// CMDisconnectedSync.Wsus.Tests (WsusUtilRunnerWithLabProgramTests).
/// </summary>
[TestClass]
public sealed class WsusUtilRunnerTests
{
    private string _folder = null!;
    private RecordingProcessRunner _processes = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("cmdsync-runner-").FullName;
        _processes = new RecordingProcessRunner();
    }

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private WsusUtilRunner CreateSut() => new(_processes, TestLogger.Silent, new WsusUtilRunnerOptions());

    private string Existing(string name, string text = "x")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [TestMethod]
    public async Task RunAsync_LogAlreadyExists_RefusesWithoutStartingWsusUtil()
    {
        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Export, Path.Combine(_folder, "e.xml.gz"), Existing("e.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.NamesNotUnique, result.Failure);
        StringAssert.Contains(result.Message, "already exists");
        Assert.AreEqual(0, _processes.Launches);
    }

    [TestMethod]
    public async Task RunAsync_ExportPackageAlreadyExists_RefusesWithoutStartingWsusUtil()
    {
        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Export, Existing("e.xml.gz"), Path.Combine(_folder, "e.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.NamesNotUnique, result.Failure);
        StringAssert.Contains(result.Message, "unique package name");
        Assert.AreEqual(0, _processes.Launches);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task RunAsync_ImportPackageMissingOrEmpty_RefusesWithoutStartingWsusUtil(bool exists)
    {
        var package = exists ? Existing("i.xml.gz", string.Empty) : Path.Combine(_folder, "i.xml.gz");

        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Import, package, Path.Combine(_folder, "i.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.PackageMissingOrEmpty, result.Failure);
        StringAssert.Contains(result.Message, exists ? "is empty" : "is missing");
        Assert.AreEqual(0, _processes.Launches);
    }

    [TestMethod]
    public async Task RunAsync_ExitCodeZeroButNoLogWritten_FailsOnTheMissingLog()
    {
        var package = Path.Combine(_folder, "e.xml.gz");
        _processes.OnRun = () => File.WriteAllText(package, "package bytes");

        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Export, package, Path.Combine(_folder, "e.log"), CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.LogMissingOrEmpty, result.Failure);
        Assert.AreEqual(1, _processes.Launches);
    }

    // The log fixtures are real-format wsusutil logs (WsusUtilLogFixtures: built from the decompiled BaseApi writer).

    [TestMethod]
    public async Task RunAsync_ImportLogWithImportErrorAndExitCodeZero_FailsQuotingTheMessageNotTheLine()
    {
        var package = Existing("i.xml.gz", "package bytes");
        var log = Path.Combine(_folder, "i.log");
        _processes.OnRun = () => WsusUtilLogFixtures.Write(log, WsusUtilLogFixtures.ImportWithError);

        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Import, package, log, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, result.Failure);
        CollectionAssert.AreEqual(new[] { WsusUtilLogFixtures.SqlTimeoutMessage }, result.ErrorLines.ToArray());
        StringAssert.Contains(result.Message, "reports 1 error(s)");
        StringAssert.Contains(result.Message, "  " + WsusUtilLogFixtures.SqlTimeoutMessage);
        Assert.IsFalse(result.Message.Contains("<UpdateInserted", StringComparison.Ordinal), "the XML line itself is not quoted");
    }

    [TestMethod]
    public async Task RunAsync_ExportLogWithErrorReportingTitle_SucceedsAndCountsTheUpdates()
    {
        var package = Path.Combine(_folder, "e.xml.gz");
        var log = Path.Combine(_folder, "e.log");
        _processes.OnRun = () =>
        {
            File.WriteAllText(package, "package bytes");
            WsusUtilLogFixtures.Write(log, WsusUtilLogFixtures.ExportWithErrorWordsInTitles);
        };

        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Export, package, log, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.None, result.Failure, result.Message);
        Assert.AreEqual("wsusutil export succeeded; its log lists 2 update(s) exported and no ExportError.", result.Message);
        Assert.AreEqual(2, result.Log!.Updates);
    }

    [TestMethod]
    public async Task RunAsync_ImportWhoseLogIsAnExportLog_FailsNamingTheRootElements()
    {
        // A clean export log (real format, WsusUtilLogFixtures) written by an "import" proves nothing about the import.
        var package = Existing("i.xml.gz", "package bytes");
        var log = Path.Combine(_folder, "i.log");
        _processes.OnRun = () => WsusUtilLogFixtures.Write(log, WsusUtilLogFixtures.ExportWithErrorWordsInTitles);

        var result = await CreateSut().RunAsync("wsusutil", WsusUtilOperation.Import, package, log, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, result.Failure);
        StringAssert.Contains(result.Message, "is <ExportLog>, not the <ImportLog> wsusutil import writes");
    }

    /// <summary>A process runner whose "process" is the action the test gives it (exit code 0); counts launches.</summary>
    private sealed class RecordingProcessRunner : IProcessRunner
    {
        public int Launches { get; private set; }

        public Action? OnRun { get; set; }

        public Task<ProcessOutcome> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
        {
            Launches++;
            OnRun?.Invoke();
            return Task.FromResult(new ProcessOutcome(0, false, string.Empty, string.Empty, TimeSpan.FromSeconds(1), 1));
        }
    }
}
