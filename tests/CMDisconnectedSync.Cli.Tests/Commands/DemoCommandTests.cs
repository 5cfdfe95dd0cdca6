using CMDisconnectedSync.Cli;

namespace CMDisconnectedSync.Cli.Tests.Commands;

[TestClass]
public sealed class DemoCommandTests
{
    private string _folder = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Path.Combine(Path.GetTempPath(), "cmdsync-demotest-" + Guid.NewGuid().ToString("N"));

    [TestCleanup]
    public void DeleteFolder()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var logPath = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".log");
        var exitCode = await CliApplication.RunAsync([.. args, "--log", logPath], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Demo_Small_RunsAllThreeRoundsEndToEndAndEndsWithTheNewCategories()
    {
        var (exitCode, output, error) = await RunAsync("demo", "--small", "--folder", _folder);

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "DEMO LAB");
        StringAssert.Contains(output, "Sequence   2 (delta against sequence 1)");
        StringAssert.Contains(output, "SMS_SUPSyncStatus 6701 -> 6704 -> 6702");
        Assert.AreEqual(3, output.Split("WsusContent byte-identical on both servers").Length - 1, output);
        var offered = output.Substring(output.LastIndexOf("Next steps page offers now", StringComparison.Ordinal));
        StringAssert.Contains(offered, "Upgrades");
        StringAssert.Contains(offered, ".NET 8.0");
        Assert.DoesNotContain("Windows 11", offered, "round 1's categories were subscribed; only the new ones are offered");
        Assert.IsTrue(Directory.Exists(Path.Combine(_folder, "media", "bundle-002")), "--folder keeps the lab");
    }

    [TestMethod]
    public async Task Demo_Small_ThirdRoundPutsTheRequestedGroupsFilesIntoTheLabPackageByteForByte()
    {
        var (exitCode, output, error) = await RunAsync("demo", "--small", "--folder", _folder);

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        var round3 = output.Substring(output.IndexOf("Round 3: deployment content", StringComparison.Ordinal));
        StringAssert.Contains(round3, "asks for 4 update files");
        StringAssert.Contains(round3, "Deployment 4 requested update files");
        StringAssert.Contains(round3, "and 4 deployment content files");
        StringAssert.Contains(round3, "added to deployment package LAB00001");
        StringAssert.Contains(round3, "4 Microsoft digests matched");
        StringAssert.Contains(round3, "the package holds every requested file byte-identical");
        // Checked here on our own, not through the demo's comparison: every file the request lists sits in the package's
        // source folder, byte-identical to the file the simulated Microsoft download server served.
        var request = CMDisconnectedSync.DeploymentContent.ContentRequestSerializer.ReadFile(Path.Combine(_folder, "media", "request.json"));
        Assert.HasCount(4, request.Files);
        var downloads = Directory.GetFiles(Path.Combine(_folder, "microsoft-downloads"), "*", SearchOption.AllDirectories);
        foreach (var file in request.Files)
        {
            var placed = Path.Combine(_folder, "package-sources", "LAB00001", file.ContentId.ToString(System.Globalization.CultureInfo.InvariantCulture), file.FileName);
            var served = downloads.Single(d => Path.GetFileName(d) == file.FileName);
            CollectionAssert.AreEqual(File.ReadAllBytes(served), File.ReadAllBytes(placed), file.FileName);
        }
    }

    [TestMethod]
    public async Task Demo_WsusUtilFaultCued_FailsAtTheExportWithTheRunnersMessageAndNonZeroExit()
    {
        var (exitCode, output, _) = await RunAsync("demo", "--small", "--folder", _folder, "--wsusutil-fault", "error-line");

        Assert.AreEqual(ExitCodes.WsusUtilLogErrors, exitCode);
        StringAssert.Contains(output, "DEMO FAILED in round 1: Export failed at wsusutil-export");
        StringAssert.Contains(output, "SqlException");
        Assert.DoesNotContain("DEMO LAB SUCCEEDED", output);
    }

    [TestMethod]
    public async Task Demo_FolderNotEmpty_RefusesWithoutTouchingIt()
    {
        Directory.CreateDirectory(_folder);
        var precious = Path.Combine(_folder, "precious.txt");
        await File.WriteAllTextAsync(precious, "keep me");

        var (exitCode, output, error) = await RunAsync("demo", "--small", "--folder", _folder);

        Assert.AreNotEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output + error, "not empty");
        Assert.AreEqual("keep me", await File.ReadAllTextAsync(precious));
        Assert.HasCount(1, Directory.GetFileSystemEntries(_folder));
    }

    [TestMethod]
    public async Task Demo_Json_WritesOneObjectWithEveryRound()
    {
        var (exitCode, output, error) = await RunAsync("demo", "--small", "--folder", _folder, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual("succeeded", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(_folder, json.RootElement.GetProperty("labFolder").GetString());
        var rounds = json.RootElement.GetProperty("rounds");
        Assert.AreEqual(3, rounds.GetArrayLength());
        Assert.AreEqual(2, rounds[1].GetProperty("sequence").GetInt32());
        Assert.IsTrue(rounds[1].GetProperty("contentIdentical").GetBoolean());
        Assert.AreEqual(4, rounds[2].GetProperty("deploymentContentFiles").GetInt32());
        Assert.IsTrue(rounds[2].GetProperty("packageIdentical").GetBoolean());
        StringAssert.Contains(error, "DEMO LAB", "the narration goes to standard error under --json");
    }

    [TestMethod]
    public async Task Demo_FolderHoldsAnEarlierLab_ExitsUsageSayingExactlyHowToStartAgain()
    {
        // What Ctrl+C leaves behind: a lab folder with its marker (the file LabEnvironment writes first) and part of a lab.
        Directory.CreateDirectory(Path.Combine(_folder, "export-server"));
        await File.WriteAllTextAsync(Path.Combine(_folder, CMDisconnectedSync.Lab.LabEnvironment.MarkerFileName), "lab", TestContext.CancellationToken);

        var (exitCode, output, error) = await RunAsync("demo", "--small", "--folder", _folder);

        Assert.AreEqual(ExitCodes.Usage, exitCode, output + error);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, error);
        StringAssert.Contains(lines[0], "holds the lab of an earlier demo run");
        StringAssert.Contains(lines[0], $"rm -r '{_folder}'");
        StringAssert.Contains(lines[0], $"Remove-Item -Recurse -Force '{_folder}'");
        StringAssert.Contains(lines[0], "give another --folder");
        Assert.HasCount(2, Directory.GetFileSystemEntries(_folder), "the folder is left as it was");
    }

    [TestMethod]
    public async Task Demo_FolderHoldsAnEarlierLabWithJson_WritesOneUsageObject()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, CMDisconnectedSync.Lab.LabEnvironment.MarkerFileName), "lab", TestContext.CancellationToken);

        var (exitCode, output, _) = await RunAsync("demo", "--folder", _folder, "--json");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual("failed", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Usage, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "is not resumed");
    }

    [TestMethod]
    public async Task Demo_CtrlCWithFolderThenRerun_SaysHowToStartAgainThenExitsUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var logPath = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".log");
        // The full-size lab takes seconds to build: Ctrl+C (as the CLI's own listener delivers it) arrives while it is built.
        ctrlC.CancelAfter(TimeSpan.FromMilliseconds(400));

        var cancelled = await CliApplication.RunAsync(["demo", "--folder", _folder, "--log", logPath], output, error, new global::CMDisconnectedSync.Cli.Workflows.WindowsWorkflowHost(), ctrlC.Token);

        Assert.AreEqual(ExitCodes.Cancelled, cancelled, output.ToString() + error);
        StringAssert.Contains(error.ToString(), $"Cancelled. The lab in {_folder} is incomplete and is not resumed.");
        var (rerun, _, rerunError) = await RunAsync("demo", "--folder", _folder);
        Assert.AreEqual(ExitCodes.Usage, rerun, rerunError);
        StringAssert.Contains(rerunError, "give another --folder");
    }
}
