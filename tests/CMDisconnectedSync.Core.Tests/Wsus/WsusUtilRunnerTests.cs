using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Processes;
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
