using System.Diagnostics;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests.Processes;

/// <summary>The real process runner, driving the lab wsusutil as its child.</summary>
[TestClass]
public sealed class ProcessRunnerTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new TempFolder("cmdsync-process-");

    [TestCleanup]
    public void DeleteFolder() => _folder.Delete();

    private static ProcessRunner CreateSut() => new();

    private ProcessLaunch LabExport(string fault, List<string>? outputLines = null) =>
        new(LabWsusUtil.Path, ["export", _folder.Combine("p.xml.gz"), _folder.Combine("p.log")])
        {
            Environment = new Dictionary<string, string> { [LabWsusUtil.FaultVariable] = fault, [LabWsusUtil.ContentVariable] = _folder.Path },
            OnOutputLine = outputLines is null ? null : line => { lock (outputLines) { outputLines.Add(line); } },
        };

    [TestMethod]
    public async Task RunAsync_ProgramExits_ReturnsExitCodeAndBothStreams()
    {
        var lines = new List<string>();

        var outcome = await CreateSut().RunAsync(LabExport("exit-code", lines), CancellationToken.None);

        Assert.AreEqual(1, outcome.ExitCode);
        Assert.IsFalse(outcome.TimedOut);
        StringAssert.Contains(outcome.StandardOutput, "Exporting update metadata");
        StringAssert.Contains(outcome.StandardError, "lab fault 'exit-code'");
        CollectionAssert.Contains(lines, "Exporting update metadata. This may take a while.");
    }

    [TestMethod]
    public async Task RunAsync_TimeoutPasses_KillsWaitsAndReportsTimedOut()
    {
        var launch = LabExport("hang") with { Timeout = TimeSpan.FromSeconds(1) };

        var outcome = await CreateSut().RunAsync(launch, CancellationToken.None);

        Assert.IsTrue(outcome.TimedOut);
        Assert.IsFalse(IsRunning(outcome.ProcessId));
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_KillsWaitsAndThrows()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var lines = new List<string>();

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => CreateSut().RunAsync(LabExport("hang", lines), cancellation.Token));

        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(30), $"returned after {watch.Elapsed}");
        Assert.IsFalse(IsRunning(ProcessIdFromOutput(lines)), "the hung lab process must be gone when the runner throws");
    }

    // A terminal's Ctrl+C reaches the whole process group, so wsusutil can die of it before our cancellation stops it:
    // that is an interrupted run (rerun to resume, exit 3), not a wsusutil failure (exit 42).
    [TestMethod]
    public async Task RunAsync_ProgramEndedBySigInt_ThrowsOperationCanceled()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Needs a POSIX shell and SIGINT; on Windows a Ctrl+C exit is STATUS_CONTROL_C_EXIT.");
        }

        var launch = new ProcessLaunch("/bin/sh", ["-c", "kill -INT $$"]);

        var exception = await Assert.ThrowsExactlyAsync<OperationCanceledException>(() => CreateSut().RunAsync(launch, CancellationToken.None));

        StringAssert.Contains(exception.Message, "interrupted (Ctrl+C)");
    }

    [TestMethod]
    public async Task RunAsync_ProgramFailsWithAnotherCode_ReturnsItsExitCode()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Needs a POSIX shell.");
        }

        var outcome = await CreateSut().RunAsync(new ProcessLaunch("/bin/sh", ["-c", "exit 129"]), CancellationToken.None);

        Assert.AreEqual(129, outcome.ExitCode);
    }

    [TestMethod]
    public async Task RunAsync_ProgramMissing_ThrowsProcessStartException()
    {
        var launch = new ProcessLaunch(_folder.Combine("no-such-tool"), []);

        var exception = await Assert.ThrowsExactlyAsync<ProcessStartException>(() => CreateSut().RunAsync(launch, CancellationToken.None));

        StringAssert.Contains(exception.Message, "no-such-tool");
    }

    /// <summary>The hung lab process says its id on standard output before hanging (its log is still in %TEMP%).</summary>
    private static int ProcessIdFromOutput(List<string> lines)
    {
        string line;
        lock (lines)
        {
            line = lines.First(l => l.StartsWith("Lab fault 'hang': process ", StringComparison.Ordinal));
        }

        var id = line.Substring("Lab fault 'hang': process ".Length).Split(' ')[0];
        return int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
