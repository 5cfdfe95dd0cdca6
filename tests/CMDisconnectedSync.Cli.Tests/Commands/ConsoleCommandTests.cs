using System.CommandLine;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Cli.Tests.Commands;

[TestClass]
public sealed class ConsoleCommandTests
{
    private string _root = null!;
    private string _console = null!;
    private List<int> _runningConsoles = null!;

    public TestContext TestContext { get; set; } = null!;

    private sealed record Hints(string? SmsAdminUiPath, string? RegistryUiInstallationDirectory) : IAdminConsoleHints;

    private sealed class Probe(List<int> running) : IConsoleProcessProbe
    {
        public IReadOnlyList<int> RunningConsoleProcessIds() => running.ToList();
    }

    [TestInitialize]
    public void CreateConsole()
    {
        _root = Path.Combine(Path.GetTempPath(), "cmdsync-console-cli-tests", Guid.NewGuid().ToString("N"));
        _console = Path.Combine(_root, "AdminConsole");
        Directory.CreateDirectory(Path.Combine(_console, "XmlStorage", "ConsoleRoot"));
        Directory.CreateDirectory(Path.Combine(_console, "bin", "i386"));
        File.WriteAllText(
            Path.Combine(_console, "XmlStorage", "ConsoleRoot", "AdministrationNode.xml"),
            "<ConsoleNodesRootDescription><RootNodeDescription NamespaceGuid=\"c192799c-82cd-43cc-bc11-12996bca800f\" Id=\"SiteConfigurationNode\">"
            + "<Queries><QueryDescription NamespaceGuid=\"aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee\" Type=\"WQL\"><Query>SELECT * FROM SMS_SCI_SysResUse</Query></QueryDescription></Queries>"
            + "</RootNodeDescription></ConsoleNodesRootDescription>");
        _runningConsoles = [];
    }

    [TestCleanup]
    public void DeleteConsole()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    /// <summary>Runs <c>cmdsync console …</c> with SMS_ADMIN_UI_PATH pointing at the temp console and the fake process list.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var globalOptions = new GlobalOptions();
        var root = new RootCommand();
        globalOptions.AddTo(root);
        var contexts = new CommandContextFactory(globalOptions, output, error);
        root.Subcommands.Add(ConsoleCommand.Create(contexts, new Hints(Path.Combine(_console, "bin", "i386"), null), new Probe(_runningConsoles), TimeProvider.System));
        var logPath = Path.Combine(_root, Guid.NewGuid().ToString("N") + ".log");
        var parse = root.Parse(["console", .. args, "--log", logPath]);
        Assert.IsEmpty(parse.Errors, string.Join("; ", parse.Errors.Select(e => e.Message)));
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private string State => Path.Combine(_root, "state");

    [TestMethod]
    public async Task InstallLegacy_ConsoleFromEnvironment_InstallsAndUninstallRemoves()
    {
        var install = await RunAsync("install", "--legacy", "--state-dir", State, "--app-path", @"E:\Apps\CMDisconnectedSync.exe");
        var installed = Directory.GetFiles(Path.Combine(_console, "XmlStorage", "Extensions"), "*.xml", SearchOption.AllDirectories);
        var firstInstalled = File.ReadAllText(installed[0]);
        var uninstall = await RunAsync("uninstall", "--state-dir", State);

        Assert.AreEqual(ExitCodes.Success, install.ExitCode, install.Error);
        // 16 actions (4 under each of three node-level parents, 3 on our node's rows, 1 on software update group rows) and our node.
        Assert.HasCount(17, installed);
        StringAssert.Contains(firstInstalled, @"E:\Apps\CMDisconnectedSync.exe");
        Assert.AreEqual(ExitCodes.Success, uninstall.ExitCode, uninstall.Error);
        Assert.IsFalse(Directory.Exists(Path.Combine(_console, "XmlStorage", "Extensions")));
    }

    [TestMethod]
    public async Task InstallLegacy_ConsoleRunning_ReturnsConsoleRunning()
    {
        _runningConsoles.Add(1234);

        var (exitCode, _, error) = await RunAsync("install", "--legacy", "--state-dir", State);

        Assert.AreEqual(ExitCodes.ConsoleRunning, exitCode);
        StringAssert.Contains(error, "1234");
    }

    [TestMethod]
    public async Task Install_WithoutLegacy_ExplainsCabImportAndChangesNothing()
    {
        var (exitCode, _, error) = await RunAsync("install", "--state-dir", State);

        Assert.AreEqual(ExitCodes.ConsoleCabImportRequired, exitCode);
        StringAssert.Contains(error, "Console Extensions");
        Assert.IsFalse(Directory.Exists(Path.Combine(_console, "XmlStorage", "Extensions")));
    }

    [TestMethod]
    public async Task InstallLegacy_ConsolePathWithoutXmlStorage_ReturnsConsoleNotFound()
    {
        var (exitCode, _, error) = await RunAsync("install", "--legacy", "--console-path", _root, "--state-dir", State);

        Assert.AreEqual(ExitCodes.ConsoleNotFound, exitCode);
        StringAssert.Contains(error, _root);
    }

    [TestMethod]
    public async Task Uninstall_NothingInstalled_ReturnsNotInstalled()
    {
        var (exitCode, _, _) = await RunAsync("uninstall", "--state-dir", State);

        Assert.AreEqual(ExitCodes.ConsoleExtensionNotInstalled, exitCode);
    }

    [TestMethod]
    public async Task Discover_Filter_ListsTheMatchingQueryWithItsWql()
    {
        var (exitCode, output, _) = await RunAsync("discover", "--filter", "SMS_SCI_SysResUse");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
        StringAssert.Contains(output, "SELECT * FROM SMS_SCI_SysResUse");
        StringAssert.Contains(output, "1 entries.");
    }

    [TestMethod]
    public async Task Discover_Json_WritesOneObjectWithEntriesAndKindNames()
    {
        var (exitCode, output, _) = await RunAsync("discover", "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual(ExitCodes.Success, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.AreEqual(_console, json.RootElement.GetProperty("adminConsole").GetString());
        var kinds = json.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        CollectionAssert.AreEquivalent(new[] { "Node", "Query" }, kinds);
    }

    [TestMethod]
    public async Task InstallLegacyAndUninstall_Json_EachWriteOneResultObject()
    {
        var install = await RunAsync("install", "--legacy", "--state-dir", State, "--app-path", @"E:\Apps\CMDisconnectedSync.exe", "--json");
        var uninstall = await RunAsync("uninstall", "--state-dir", State, "--json");

        Assert.AreEqual(ExitCodes.Success, install.ExitCode, install.Error);
        using var installed = System.Text.Json.JsonDocument.Parse(install.Output);
        Assert.AreEqual("installed", installed.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(17, installed.RootElement.GetProperty("written").GetInt32());
        Assert.AreEqual(_console, installed.RootElement.GetProperty("adminConsole").GetString());
        Assert.AreEqual(ExitCodes.Success, uninstall.ExitCode, uninstall.Error);
        using var removed = System.Text.Json.JsonDocument.Parse(uninstall.Output);
        Assert.AreEqual("removed", removed.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(17, removed.RootElement.GetProperty("removed").GetInt32());
    }

    [TestMethod]
    public async Task Install_WithoutLegacyJson_WritesOneObjectWithTheCabSteps()
    {
        var (exitCode, output, _) = await RunAsync("install", "--state-dir", State, "--json");

        Assert.AreEqual(ExitCodes.ConsoleCabImportRequired, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual(ExitCodes.ConsoleCabImportRequired, json.RootElement.GetProperty("exitCode").GetInt32());
        Assert.IsGreaterThan(0, json.RootElement.GetProperty("steps").GetArrayLength());
    }

    [TestMethod]
    public async Task InstallLegacy_ConsoleRunningJson_WritesOneFailureObject()
    {
        _runningConsoles.Add(1234);

        var (exitCode, output, _) = await RunAsync("install", "--legacy", "--state-dir", State, "--json");

        Assert.AreEqual(ExitCodes.ConsoleRunning, exitCode);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual("failed", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.ConsoleRunning, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "1234");
    }

    [TestMethod]
    public async Task InstallLegacy_WithRolePaneGuid_AddsExportAndImportUnderThatPane()
    {
        const string pane = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";

        var install = await RunAsync("install", "--legacy", "--state-dir", State, "--role-pane-guid", pane);

        Assert.AreEqual(ExitCodes.Success, install.ExitCode, install.Error);
        var roleActions = Directory.GetFiles(Path.Combine(_console, "XmlStorage", "Extensions", "Actions", pane)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(new[] { "10_ExportForDisconnectedSup.xml", "20_ImportUpdatesBundle.xml" }, roleActions);
    }

    [TestMethod]
    public async Task GenerateCabStage_WithoutTheAppsPublishFolder_ExitsUsageNamingTheExe()
    {
        var stage = Path.Combine(_root, "stage");

        var (exitCode, _, error) = await RunAsync("generate", "--cab-stage", stage);

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "CMDisconnectedSync.exe");
        StringAssert.Contains(error, "--payload");
    }

    [TestMethod]
    public async Task GenerateCabStage_WithPayloadAndRolePaneGuid_StagesTheWizardAndTheRoleActions()
    {
        var app = Path.Combine(_root, "publish", "App");
        Directory.CreateDirectory(app);
        File.WriteAllBytes(Path.Combine(app, "CMDisconnectedSync.exe"), [0x4D, 0x5A]);
        File.WriteAllBytes(Path.Combine(app, "Serilog.dll"), [0x4D, 0x5A, 1]);
        var stage = Path.Combine(_root, "stage");

        var (exitCode, _, error) = await RunAsync("generate", "--cab-stage", stage, "--payload", app, "--role-pane-guid", "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        var staged = Directory.GetFiles(stage).Select(Path.GetFileName).ToList();
        CollectionAssert.IsSubsetOf(new[] { "CMDisconnectedSync.exe", "Serilog.dll", "manifest.xml", "SupRole.10_ExportForDisconnectedSup.xml" }, staged);
    }

    [TestMethod]
    public async Task Generate_Json_WritesOneObjectWithTheFileCount()
    {
        var folder = Path.Combine(_root, "console-xml");

        var (exitCode, output, error) = await RunAsync("generate", "--out", folder, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.AreEqual("generated", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(folder, json.RootElement.GetProperty("reviewTree").GetProperty("folder").GetString());
        Assert.AreEqual(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length, json.RootElement.GetProperty("reviewTree").GetProperty("files").GetInt32());
    }

    [TestMethod]
    public async Task Discover_BrokenConsoleRootXml_ReturnsConsoleRootUnreadable()
    {
        File.WriteAllText(Path.Combine(_console, "XmlStorage", "ConsoleRoot", "Broken.xml"), "<unclosed>");

        var (exitCode, _, error) = await RunAsync("discover");

        Assert.AreEqual(ExitCodes.ConsoleRootUnreadable, exitCode);
        StringAssert.Contains(error, "Broken.xml");
    }

    [TestMethod]
    public async Task GenerateCheck_FreshOutputThenEdited_ReportsDriftExitCode()
    {
        var output = Path.Combine(_root, "console-xml");
        var generate = await RunAsync("generate", "--out", output);
        var clean = await RunAsync("generate", "--out", output, "--check");
        File.AppendAllText(Path.Combine(output, "extension", "manifest.xml"), " ");
        var drifted = await RunAsync("generate", "--out", output, "--check");

        Assert.AreEqual(ExitCodes.Success, generate.ExitCode, generate.Error);
        Assert.AreEqual(ExitCodes.Success, clean.ExitCode, clean.Error);
        Assert.AreEqual(ExitCodes.ConsoleXmlDrift, drifted.ExitCode);
        StringAssert.Contains(drifted.Error, "extension/manifest.xml");
    }

    [TestMethod]
    public async Task GenerateCheck_RepositoryConsoleXml_MatchesTheCliVersion()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "CMDisconnectedSync.sln")))
        {
            repository = repository.Parent;
        }

        Assert.IsNotNull(repository, "tests must run inside the repository");
        var (exitCode, _, error) = await RunAsync("generate", "--out", Path.Combine(repository.FullName, "console-xml"), "--check");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
    }

    [TestMethod]
    public async Task Generate_NoOutput_ReturnsUsage()
    {
        var (exitCode, _, _) = await RunAsync("generate");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
    }

    [TestMethod]
    public void Guarded_AccessDeniedWritingTheConsoleFolder_ExitsFileSystemFailedAskingForElevation()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var globalOptions = new GlobalOptions();
        var root = new RootCommand();
        globalOptions.AddTo(root);
        using var context = new CommandContextFactory(globalOptions, output, error).Create(root.Parse(["--log", Path.Combine(_root, "cmdsync.log")]));
        var denied = @"C:\Program Files (x86)\Microsoft Endpoint Manager\AdminConsole\XmlStorage\Extensions\Actions";

        // Linux tests run as root, where no folder refuses a write: the installer's UnauthorizedAccessException is raised here.
        var exitCode = ConsoleCommand.Guarded(context, () => throw new UnauthorizedAccessException($"Access to the path '{denied}' is denied."));

        Assert.AreEqual(ExitCodes.FileSystemFailed, exitCode);
        StringAssert.Contains(error.ToString(), denied);
        StringAssert.Contains(error.ToString(), "run cmdsync elevated (as a local Administrator)");
    }
}
