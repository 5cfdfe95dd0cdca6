using System.Text.Json;
using CMDisconnectedSync.Cli.Tests.Workflows;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.Testing;
using CMDisconnectedSync.Testing.ConfigMgr;
using CMDisconnectedSync.Testing.Wsus;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// <c>cmdsync export</c>, <c>import</c> and <c>status</c> end to end through the real CLI, with the lab wsusutil as a
/// real child process: exit codes, --json, --what-if, resume hints.
/// </summary>
[TestClass]
public sealed class WorkflowVerbsTests
{
    private static LabSigningKeyFiles _keys = null!;
    private static readonly DateTimeOffset LabNow = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(LabNow);
    private string _root = null!;
    private LabWorkflowHost _exportHost = null!;
    private LabWorkflowHost _importHost = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CreateLabKeyAsync(TestContext context) => _keys = await LabSigningKeyFiles.CreateAsync("cmdsync-cli-wf-keys-", LabNow);

    [ClassCleanup]
    public static void DeleteLabKey() => _keys.Dispose();

    [TestInitialize]
    public async Task CreateLabAsync()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-cli-wf-").FullName;
        for (var i = 0; i < 12; i++)
        {
            Write($"export/WsusContent/{i:X2}/update-{i}.cab", 3000 + (i * 1000), i);
        }

        Write("export/WsusContent/B7/license-terms.txt", 700, 99);
        Directory.CreateDirectory(P("disconnected/WsusContent"));
        _exportHost = new LabWorkflowHost(new WsusUtilLabServer(P("export/WsusContent"), P("export/db.txt"), _clock), _clock);
        _importHost = new LabWorkflowHost(new WsusUtilLabServer(P("disconnected/WsusContent"), P("disconnected/db.txt"), _clock), _clock,
            new FakeSiteBuilder().WithClock(_clock).WithSup("CM01.corp.example").WithProductArrivingWithSync("Windows Server 2025").Build());
        var (exitCode, _, error) = await RunAsync(_importHost, "keys", "trust", _keys.Certificate, "--state", P("disconnected/state"));
        Assert.AreEqual(ExitCodes.Success, exitCode, error);
    }

    [TestCleanup]
    public void DeleteLab() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => Path.Combine(_root, relative);

    private void Write(string relative, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        File.WriteAllBytes(P(relative), bytes);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(LabWorkflowHost host, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await _clock.RunAsync(CliApplication.RunAsync([.. args, "--log", P("cmdsync.log")], output, error, host), TimeSpan.FromSeconds(15));
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<(int ExitCode, string Output, string Error)> ExportAsync(params string[] extra) =>
        RunAsync(_exportHost, ["export", "--out", P("media/bundle-001"), "--sign-pfx", _keys.Pfx, "--password-file", _keys.PasswordFile, "--state", P("export/state"), .. extra]);

    private Task<(int ExitCode, string Output, string Error)> ImportAsync(params string[] extra) =>
        RunAsync(_importHost, ["import", P("media/bundle-001"), "--state", P("disconnected/state"), .. extra]);

    private static Dictionary<string, string> Tree(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), f => Sha256Hex.OfBytes(File.ReadAllBytes(f)))
            : [];

    [TestMethod]
    public async Task ExportThenImport_WithSite_ExitZeroJsonResultsAndIdenticalContent()
    {
        var export = await ExportAsync("--json");
        Assert.AreEqual(ExitCodes.Success, export.ExitCode, export.Output + export.Error);
        using var exported = JsonDocument.Parse(export.Output);
        Assert.AreEqual("exported", exported.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(13, exported.RootElement.GetProperty("files").GetInt32());

        var import = await ImportAsync("--site-server", "CM01.corp.example", "--json");

        Assert.AreEqual(ExitCodes.Success, import.ExitCode, import.Output + import.Error);
        using var imported = JsonDocument.Parse(import.Output);
        Assert.AreEqual("imported", imported.RootElement.GetProperty("result").GetString());
        Assert.AreEqual("Succeeded", imported.RootElement.GetProperty("sync").GetProperty("kind").GetString());
        StringAssert.Contains(imported.RootElement.GetProperty("nextSteps").GetRawText(), "Windows Server 2025");
        CollectionAssert.AreEquivalent(Tree(P("export/WsusContent")).ToList(), Tree(P("disconnected/WsusContent")).ToList());
    }

    [TestMethod]
    public async Task Import_TextOutput_NamesCopiesAcceptanceAndNextSteps()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);

        var (exitCode, output, error) = await ImportAsync("--site-server", "CM01.corp.example");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "13 files copied");
        StringAssert.Contains(output, "Accepted  sequence 1");
        StringAssert.Contains(output, "Windows Server 2025");
        StringAssert.Contains(output, "[4/9] Snapshot the site's products and classifications");
    }

    [TestMethod]
    public async Task Import_TamperedFile_ExitsWithTheHashMismatchCodeAndWritesNothing()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        var victim = Directory.EnumerateFiles(P("media/bundle-001/content"), "*.cab", SearchOption.AllDirectories).First();
        File.AppendAllText(victim, "x");

        var (exitCode, _, error) = await ImportAsync();

        Assert.AreEqual(ExitCodes.BundleSizeMismatch, exitCode, error);
        Assert.IsEmpty(Tree(P("disconnected/WsusContent")));
    }

    [TestMethod]
    [DataRow("exit-code", ExitCodes.WsusUtilExitCode)]
    [DataRow("error-line", ExitCodes.WsusUtilLogErrors)]
    [DataRow("empty-package", ExitCodes.WsusUtilNoOutput)]
    public async Task Export_WsusUtilFault_ExitsWithItsCodeAndStatusSaysResume(string fault, int expected)
    {
        _exportHost.Wsus.Fault = fault;

        var (exitCode, _, error) = await ExportAsync();
        var status = await RunAsync(_exportHost, "status", "--state", P("export/state"));

        Assert.AreEqual(expected, exitCode, error);
        StringAssert.Contains(error, "wsusutil");
        StringAssert.Contains(status.Output, "UNFINISHED");
        StringAssert.Contains(status.Output, "Rerun the same export command to resume");
    }

    [TestMethod]
    public async Task Status_AfterAFailedImport_NamesTheRunByItsBundlePathAndStepNotAHashKey()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        var victim = Directory.EnumerateFiles(P("media/bundle-001/content"), "*.cab", SearchOption.AllDirectories).First();
        File.AppendAllText(victim, "x");
        Assert.AreNotEqual(ExitCodes.Success, (await ImportAsync()).ExitCode);

        var status = await RunAsync(_importHost, "status", "--state", P("disconnected/state"));
        var json = await RunAsync(_importHost, "status", "--state", P("disconnected/state"), "--json");

        StringAssert.Contains(status.Output, P("media/bundle-001") + ": UNFINISHED, failed at step 'Check the bundle (signature, signer, sequence, files)'");
        Assert.IsFalse(System.Text.RegularExpressions.Regex.IsMatch(status.Output, "[0-9a-f]{64}"), "no 64-hex run key in the text: " + status.Output);
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var run = document.RootElement.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("workflow").GetString() == "import");
        Assert.AreEqual(P("media/bundle-001"), run.GetProperty("bundle").GetString());
        Assert.AreEqual("failed", run.GetProperty("outcome").GetString());
    }

    [TestMethod]
    public async Task Import_WhatIf_PrintsThePlanAndChangesNothing()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        var stateBefore = Tree(P("disconnected/state"));

        var (exitCode, output, error) = await ImportAsync("--what-if");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "WHAT-IF: nothing was changed.");
        StringAssert.Contains(output, "13 files");
        Assert.IsEmpty(Tree(P("disconnected/WsusContent")));
        CollectionAssert.AreEquivalent(stateBefore.ToList(), Tree(P("disconnected/state")).ToList());
        Assert.AreEqual(0, _importHost.Wsus.ImportRuns);
    }

    [TestMethod]
    public async Task Import_RerunOfAFinishedImport_ExitsZeroAndSaysAlreadyImportedNotReplay()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        Assert.AreEqual(ExitCodes.Success, (await ImportAsync("--no-sync")).ExitCode);

        var (exitCode, output, error) = await ImportAsync("--no-sync");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, $"(sequence 1) in {P("media/bundle-001")} was already imported on 2026-11-25 ");
        StringAssert.Contains(output, " UTC; nothing to do.");
        Assert.DoesNotContain("replay", output + error);
        Assert.AreEqual(1, _importHost.Wsus.ImportRuns);
    }

    [TestMethod]
    public async Task Import_RerunOfAFinishedImportJsonAndWhatIf_ReportAlreadyImported()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        Assert.AreEqual(ExitCodes.Success, (await ImportAsync("--no-sync")).ExitCode);

        var json = await ImportAsync("--no-sync", "--json");
        var whatIf = await ImportAsync("--what-if");

        Assert.AreEqual(ExitCodes.Success, json.ExitCode, json.Output + json.Error);
        using var document = JsonDocument.Parse(json.Output);
        Assert.AreEqual("already-imported", document.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(1, document.RootElement.GetProperty("sequence").GetInt32());
        Assert.AreEqual(ExitCodes.Success, whatIf.ExitCode, whatIf.Output + whatIf.Error);
        StringAssert.Contains(whatIf.Output, "nothing to do");
    }

    [TestMethod]
    public async Task Export_RerunOfAFinishedExport_ExitsUsageNamesTheBundleAndRunsNoWsusutil()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);

        var (exitCode, output, error) = await ExportAsync();

        Assert.AreEqual(ExitCodes.Usage, exitCode, output + error);
        StringAssert.Contains(error, $"An export already finished in {P("media/bundle-001")} (bundle ");
        StringAssert.Matches(error, new System.Text.RegularExpressions.Regex(@", sequence 1, 2026-11-25 \d\d:\d\d UTC\)\. Carry it across, or choose a new --out folder for the next export\."));
        Assert.DoesNotContain("resume", error);
        Assert.AreEqual(1, _exportHost.Wsus.ExportRuns);
    }

    [TestMethod]
    public async Task Export_WhatIf_ExitsZeroAndWritesNoBundle()
    {
        var (exitCode, output, error) = await ExportAsync("--what-if");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "13 files");
        Assert.IsFalse(Directory.Exists(P("media/bundle-001")));
        Assert.AreEqual(0, _exportHost.Wsus.ExportRuns);
    }

    [TestMethod]
    public async Task Import_ExpressSettingDiffers_ExitsWithThePreflightSettingsCode()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        _importHost.Wsus.Settings = _importHost.Wsus.Settings with { ExpressFiles = true };

        var (exitCode, _, error) = await ImportAsync();

        Assert.AreEqual(ExitCodes.PreflightWsusSettingsMismatch, exitCode, error);
        StringAssert.Contains(error, "Languages and express files");
    }

    [TestMethod]
    public async Task Status_AfterImport_ShowsTheAcceptedSequenceAndAFinishedRun()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        Assert.AreEqual(ExitCodes.Success, (await ImportAsync("--no-sync")).ExitCode);

        var (exitCode, output, _) = await RunAsync(_importHost, "status", "--state", P("disconnected/state"), "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(1, json.RootElement.GetProperty("lastAccepted").GetProperty("sequence").GetInt32());
        // The export journal lives in the export server's state folder: only the import run is listed (no null entry for the other).
        var runs = json.RootElement.GetProperty("runs");
        Assert.AreEqual(1, runs.GetArrayLength());
        Assert.AreEqual("import", runs[0].GetProperty("workflow").GetString());
        Assert.IsTrue(runs[0].GetProperty("finished").GetBoolean());
    }

    [TestMethod]
    public async Task Export_RealCompositionOffWindows_ExitsWsusNotInstalled()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("On Windows the real composition reads this machine's WSUS; this test checks the honest refusal elsewhere.");
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(
            ["export", "--out", P("media/real"), "--sign-pfx", _keys.Pfx, "--password-file", _keys.PasswordFile, "--state", P("real-state"), "--log", P("cmdsync.log")], output, error);

        Assert.AreEqual(ExitCodes.WsusNotInstalled, exitCode, error.ToString());
        StringAssert.Contains(error.ToString(), "WSUS is not installed");
        Assert.IsFalse(Directory.Exists(P("media/real")));
    }

    [TestMethod]
    public async Task Import_BothDeploymentPackageOptions_IsAUsageErrorBeforeAnythingRuns()
    {
        var (exitCode, _, error) = await RunAsync(_importHost, "import", P("media/bundle-001"), "--state", P("disconnected/state"),
            "--deployment-package", "PS100012", "--new-deployment-package", "2026-12", "--package-source", @"\\CM01\Sources\2026-12");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "not both");
        Assert.AreEqual(0, _importHost.Wsus.ImportRuns);
    }

    [TestMethod]
    public async Task Import_NewDeploymentPackageWithoutSource_IsAUsageErrorNamingTheOption()
    {
        var (exitCode, _, error) = await RunAsync(_importHost, "import", P("media/bundle-001"), "--state", P("disconnected/state"), "--new-deployment-package", "2026-12");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "--package-source");
    }

    [TestMethod]
    public void RenderText_DeploymentContentAdded_ReportsPackageFilesBytesChecksAndDistribution()
    {
        var outcome = new CMDisconnectedSync.Workflows.ImportOutcome
        {
            BundleFolder = "E:\\Transfer\\bundle-0043",
            JournalPath = "import.journal.jsonl",
            Accepted = true,
            DeploymentContent = new CMDisconnectedSync.Workflows.DeploymentContentOutcome("0123456789abcdef0123456789abcdef", new CMDisconnectedSync.DeploymentContent.DeploymentPackage("PS100012", "Patch Tuesday", @"\\CM01\Sources\PT"),
                Created: false, ContentIds: [1001, 1002], Files: 3, Bytes: 3 * 1024 * 1024, DistributionPointsRefreshed: true, ContentsAlreadyInPackages: 1, DigestsMatched: 3, SignaturesValid: 1, SignaturesNotChecked: 1),
        };

        var text = CMDisconnectedSync.Cli.Commands.ImportCommand.RenderText(outcome, "cmdsync.log");

        StringAssert.Contains(text, "Package   PS100012 'Patch Tuesday', source \\\\CM01\\Sources\\PT");
        StringAssert.Contains(text, "added   3 files (3.0 MiB) of contents 1001, 1002");
        StringAssert.Contains(text, "3 Microsoft digests matched; Authenticode: 1 verified, 1 not checked here");
        StringAssert.Contains(text, "being sent to its distribution points");
        StringAssert.Contains(text, "1 contents already in a deployment package");
    }

    [TestMethod]
    public async Task Help_ExportAndImport_TeachWithExamples()
    {
        var export = await RunAsync(_exportHost, "export", "--help");
        var import = await RunAsync(_importHost, "import", "--help");

        StringAssert.Contains(export.Output, "cmdsync export --out E:\\Transfer\\bundle-0042");
        StringAssert.Contains(import.Output, "cmdsync import E:\\Transfer\\bundle-0042 --site-server");
    }

    [TestMethod]
    public async Task Import_NoSiteServerButConsoleHasALastConnection_SyncsThatSiteAndListsNextSteps()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);
        var host = new LabWorkflowHost(_importHost.Wsus, _clock,
            new FakeSiteBuilder().WithClock(_clock).WithSup("CM01.corp.example").WithProductArrivingWithSync("Windows Server 2025").Build(),
            consoleLastConnection: "CM01.corp.example");

        var (exitCode, output, error) = await RunAsync(host, "import", P("media/bundle-001"), "--state", P("disconnected/state"));

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "[4/9] Snapshot the site's products and classifications");
        StringAssert.Contains(output, "Windows Server 2025");
        Assert.DoesNotContain("not synchronized", output + error);
    }

    [TestMethod]
    public async Task Import_NoSiteServerAndNoConsoleConnection_ImportsAndSaysConfigMgrWasNotSynchronized()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);

        var (exitCode, output, error) = await ImportAsync();

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "Accepted  sequence 1");
        var line = output.Split(Environment.NewLine).Single(l => l.Contains("ConfigMgr was not synchronized", StringComparison.Ordinal));
        StringAssert.Contains(line, "--site-server");
        StringAssert.Contains(line, "cmdsync sync");
    }

    [TestMethod]
    public async Task Import_NoSiteServerAndNoConsoleConnectionJson_HasTheNotSynchronizedField()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);

        var (exitCode, output, error) = await ImportAsync("--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("imported", json.RootElement.GetProperty("result").GetString());
        StringAssert.Contains(json.RootElement.GetProperty("configMgrNotSynchronized").GetString(), "cmdsync sync");
    }

    [TestMethod]
    public async Task Import_NoSyncWithoutAnySite_SaysNothingAboutConfigMgr()
    {
        Assert.AreEqual(ExitCodes.Success, (await ExportAsync()).ExitCode);

        var (exitCode, output, error) = await ImportAsync("--no-sync");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        Assert.DoesNotContain("not synchronized", output + error);
    }

    [TestMethod]
    public async Task Export_NoSignerJson_WritesOneUsageFailureObject()
    {
        var (exitCode, output, _) = await RunAsync(_exportHost, "export", "--out", P("media/bundle-001"), "--state", P("export/state"), "--json");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("failed", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Usage, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "--sign-pfx");
    }

    [TestMethod]
    public async Task Export_SigningPfxMissing_Exits26WithOneLineAndNoStackTrace()
    {
        var missing = P("keys/no-such.pfx");

        var (exitCode, output, error) = await RunAsync(_exportHost, "export", "--out", P("media/bundle-001"), "--sign-pfx", missing, "--password-file", _keys.PasswordFile, "--state", P("export/state"));

        Assert.AreEqual(ExitCodes.SigningCertificateUnavailable, exitCode);
        Assert.AreEqual(string.Empty, output);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, error);
        StringAssert.Contains(lines[0], missing);
        StringAssert.Contains(lines[0], "cmdsync keys new");
        Assert.IsFalse(Directory.Exists(P("media/bundle-001")), "nothing was written");
    }

    [TestMethod]
    public async Task Export_SigningPfxWrongPassword_Exits26WithOneLineAndNoStackTrace()
    {
        var wrong = P("keys/wrong-password.txt");
        Directory.CreateDirectory(P("keys"));
        await File.WriteAllTextAsync(wrong, "not-the-password\n", TestContext.CancellationToken);

        var (exitCode, output, error) = await RunAsync(_exportHost, "export", "--out", P("media/bundle-001"), "--sign-pfx", _keys.Pfx, "--password-file", wrong, "--state", P("export/state"));

        Assert.AreEqual(ExitCodes.SigningCertificateUnavailable, exitCode);
        Assert.AreEqual(string.Empty, output);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, error);
        StringAssert.Contains(lines[0], _keys.Pfx);
        StringAssert.Contains(lines[0], "Check the password");
        Assert.DoesNotContain("   at ", error, "no stack trace for an ordinary mistake");
    }

    [TestMethod]
    public async Task Export_WsusUtilFails_TheFailureIsPrintedOnce()
    {
        _exportHost.Wsus.Fault = "exit-code";

        var (exitCode, output, error) = await ExportAsync();

        Assert.AreEqual(ExitCodes.WsusUtilExitCode, exitCode, output + error);
        var all = output + error;
        Assert.AreEqual(1, all.Split("ended with exit code 1").Length - 1, all);
    }
}
