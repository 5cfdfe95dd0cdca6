using System.CommandLine;
using System.Text.Json;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Testing.ConfigMgr;
using CMDisconnectedSync.Testing.DeploymentContent;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Commands;

[TestClass]
public sealed class ContentCommandTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-cli-content-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string StateFolder => Path.Combine(_root, "state");

    private SiteWithContent Site() => new(
        new FakeSiteBuilder().WithClock(_clock).WithSup("CM01.corp.example").Build(),
        new InMemoryContentCatalog()
            .WithUpdate(16777301, "5005565", "2026-12 Cumulative Update (KB5005565)", numMissing: 4)
            .WithUpdate(16777302, "5005600", "2026-12 .NET update (KB5005600)")
            .WithFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 400_000)
            .WithFile(16777302, 1002, "ndp-enu.exe", 2_000, language: 1033)
            .WithFile(16777302, 1003, "ndp-deu.exe", 2_100, language: 1031)
            .WithGroup(16777400, "Patch Tuesday 2026-12", 16777301, 16777302));

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(IConfigMgrSite site, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var globalOptions = new GlobalOptions();
        var root = new RootCommand("cmdsync under test");
        globalOptions.AddTo(root);
        var support = new ConfigMgrVerbSupport(new CommandContextFactory(globalOptions, output, error), _ => new Connector(site), _clock);
        root.Subcommands.Add(ContentCommand.Create(support));
        // 'content request' keeps a copy in the state folder: never the machine's own in a test.
        string[] state = args.Contains("request") && !args.Contains("--state") ? ["--state", StateFolder] : [];
        var parse = root.Parse([.. args, .. state, "--log", Path.Combine(_root, "cmdsync.log")]);
        Assert.IsEmpty(parse.Errors, string.Join("; ", parse.Errors.Select(e => e.Message)));
        var exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Request_Group_WritesTheRequestTheExportSideReads()
    {
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, _) = await RunAsync(Site(), "content", "request", "--group", "Patch Tuesday 2026-12", "--language", "1033", "--out", path);

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "2 files (402,000 bytes) of 2 updates written to");
        StringAssert.Contains(output, "1 files in other languages");
        StringAssert.Contains(output, "'cmdsync content fetch --request request.json --out <folder>'");
        StringAssert.Contains(output, "'cmdsync export ... --content-request request.json'");
        StringAssert.Contains(output, "'cmdsync import <bundle> --deployment-package <PackageID>'");
        var request = ContentRequestSerializer.ReadFile(path);
        Assert.AreEqual("PS1", request.SiteCode);
        CollectionAssert.AreEqual(new uint[] { 1001, 1002 }, request.Files.Select(f => f.ContentId).ToArray());
        CollectionAssert.AreEqual(new[] { "Patch Tuesday 2026-12" }, request.Selection.Groups.ToArray());
    }

    [TestMethod]
    public async Task Request_GroupId_WritesTheGroupsFilesAndRecordsTheCiId()
    {
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, _) = await RunAsync(Site(), "content", "request", "--group-id", "16777400", "--out", path);

        Assert.AreEqual(ExitCodes.Success, exitCode, output);
        var request = ContentRequestSerializer.ReadFile(path);
        CollectionAssert.AreEqual(new uint[] { 1001, 1002, 1003 }, request.Files.Select(f => f.ContentId).ToArray());
        CollectionAssert.AreEqual(new[] { "CI:16777400" }, request.Selection.Groups.ToArray());
    }

    [TestMethod]
    public async Task Request_Json_ReportsCountsAndPath()
    {
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, _) = await RunAsync(Site(), "content", "request", "--required", "--out", path, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("written", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(1, json.RootElement.GetProperty("files").GetInt32());
        Assert.AreEqual(path, json.RootElement.GetProperty("path").GetString());
    }

    [TestMethod]
    public async Task Request_UnknownGroup_Exits70NamingItAndWritesNothing()
    {
        var path = Path.Combine(_root, "request.json");

        var (exitCode, _, error) = await RunAsync(Site(), "content", "request", "--group", "Patch Tuesday 2027-01", "--out", path);

        Assert.AreEqual(ExitCodes.ContentSelectionUnknown, exitCode);
        StringAssert.Contains(error, "software update group 'Patch Tuesday 2027-01'");
        Assert.IsFalse(File.Exists(path));
    }

    [TestMethod]
    public async Task Request_NoSelection_IsAUsageError()
    {
        var (exitCode, _, error) = await RunAsync(Site(), "content", "request", "--out", Path.Combine(_root, "r.json"));

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "--group");
    }

    [TestMethod]
    public async Task Request_EverythingAlreadyPackaged_WritesNoFileAndSaysSo()
    {
        var site = Site();
        site.Catalog.WithPackage("PS100012", "Updates", _root, 1001);
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, _) = await RunAsync(site, "content", "request", "--update", "KB5005565", "--out", path);

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "Nothing to request");
        Assert.IsFalse(File.Exists(path));
    }

    [TestMethod]
    public async Task Request_Written_KeepsTheSameRequestInTheStateFolderForTheImport()
    {
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, _) = await RunAsync(Site(), "content", "request", "--group", "Patch Tuesday 2026-12", "--out", path);

        Assert.AreEqual(ExitCodes.Success, exitCode);
        var request = ContentRequestSerializer.ReadFile(path);
        var kept = KeptContentRequests.PathFor(StateFolder, request.RequestId);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(kept));
        StringAssert.Contains(output, "Kept a copy in " + kept);
    }

    [TestMethod]
    public async Task Request_LabGroup_WritesARealRequestFromTheLabSiteTables()
    {
        var lab = await CMDisconnectedSync.Lab.LabEnvironment.CreateAsync(Path.Combine(_root, "lab"), CMDisconnectedSync.Lab.LabContentSpec.Tiny, _clock, CancellationToken.None);
        Directory.CreateDirectory(lab.DownloadsFolder);
        using var downloads = CMDisconnectedSync.Lab.Downloads.LabDownloadServer.Start(lab.DownloadsFolder);
        lab.CreateDeploymentContent(downloads.BaseUri);
        var site = new CMDisconnectedSync.Lab.ConfigMgr.LabConfigMgrSite(lab.SiteFolder, lab.DisconnectedServer, _clock, Serilog.Core.Logger.None);
        var path = Path.Combine(_root, "request.json");

        var (exitCode, output, error) = await RunAsync(site, "content", "request", "--group", CMDisconnectedSync.Lab.ConfigMgr.LabDeploymentContent.PatchTuesdayGroup, "--out", path);

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        StringAssert.Contains(output, "Left out: 1 contents already in a deployment package.");
        var request = ContentRequestSerializer.ReadFile(path);
        Assert.AreEqual(CMDisconnectedSync.Lab.LabEnvironment.SiteCode, request.SiteCode);
        CollectionAssert.AreEqual(new uint[] { 1001, 1001, 1002, 1003 }, request.Files.Select(f => f.ContentId).ToArray());
        Assert.IsTrue(File.Exists(KeptContentRequests.PathFor(StateFolder, request.RequestId)));
    }

    private sealed class Connector(IConfigMgrSite site) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) => Task.FromResult(site);
    }
}
