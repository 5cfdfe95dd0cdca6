using System.CommandLine;
using System.Text.Json;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Testing;
using CMDisconnectedSync.Testing.ConfigMgr;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Commands;

[TestClass]
public sealed class ConfigMgrCommandsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-cli-configmgr-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private FakeSiteBuilder Site() => new FakeSiteBuilder().WithClock(_clock).WithSup("CM01.corp.example");

    /// <summary>Runs cmdsync's ConfigMgr verbs against <paramref name="site"/>, driving the fake clock through any wait.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunAsync(FakeConfigMgrSite site, params string[] args) =>
        await RunOnAsync(["CM01", "CM01.corp.example"], site, args);

    /// <summary>As <see cref="RunAsync"/>, on a computer with these names.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunOnAsync(string[] thisComputer, FakeConfigMgrSite site, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var globalOptions = new GlobalOptions();
        var root = new RootCommand("cmdsync under test");
        globalOptions.AddTo(root);
        var support = new ConfigMgrVerbSupport(
            new CommandContextFactory(globalOptions, output, error), _ => new FakeConnector(site), _clock) { ThisServerNames = thisComputer };
        root.Subcommands.Add(CategoriesCommand.Create(support));
        root.Subcommands.Add(SyncCommand.Create(support));

        string[] all = [.. args, "--log", Path.Combine(_root, "cmdsync.log"), "--state-folder", Path.Combine(_root, "state")];
        if (all[0] == "sync")
        {
            all = [.. args, "--log", Path.Combine(_root, "cmdsync.log")];
        }

        var parse = root.Parse(all);
        Assert.IsEmpty(parse.Errors, string.Join("; ", parse.Errors.Select(e => e.Message)));
        var exitCode = await _clock.RunAsync(parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }), TimeSpan.FromSeconds(15));
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Sync_SiteSucceeds_ExitsZeroAndSaysSo()
    {
        var site = Site().WithSyncEnding(6702).Build();

        var (exitCode, output, _) = await RunAsync(site, "sync");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "succeeded (state 6702)");
        CollectionAssert.AreEqual(new[] { false }, site.SyncTriggers.ToArray());
    }

    // Issue 16 item 5: WQL lists the replica CM02 first; its row still shows last night's failure. 'cmdsync sync' on CM01,
    // the sync source, reports CM01's result.
    [TestMethod]
    public async Task Sync_SeveralSupsWithAReplicaListedFirst_ReportsThisServersResult()
    {
        var site = new FakeSiteBuilder().WithClock(_clock)
            .WithReplicaSup("CM02.corp.example", 6703, _clock.GetUtcNow().AddHours(-10), errorCode: unchecked((int)0x80072EE2))
            .WithSup("CM01.corp.example")
            .WithSyncEnding(6702)
            .Build();

        var (exitCode, output, _) = await RunOnAsync(["CM01"], site, "sync");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "on CM01.corp.example (site PS1) succeeded");
    }

    [TestMethod]
    public async Task Sync_SeveralSupsAndNoneHere_ExitsSiteMisconfiguredWithoutTriggering()
    {
        var site = new FakeSiteBuilder().WithClock(_clock)
            .WithReplicaSup("CM02.corp.example", 6702, _clock.GetUtcNow().AddHours(-10))
            .WithSup("CM01.corp.example")
            .Build();

        var (exitCode, output, _) = await RunOnAsync(["ADMIN-PC"], site, "sync", "--json");

        Assert.AreEqual(ExitCodes.ConfigMgrSiteMisconfigured, exitCode);
        StringAssert.Contains(output, "CM02.corp.example, CM01.corp.example");
        StringAssert.Contains(output, "none of them is this computer (ADMIN-PC)");
        Assert.IsEmpty(site.SyncTriggers);
    }

    [TestMethod]
    public async Task Sync_Full_TriggersAFullSync()
    {
        var site = Site().Build();

        await RunAsync(site, "sync", "--full");

        CollectionAssert.AreEqual(new[] { true }, site.SyncTriggers.ToArray());
    }

    [TestMethod]
    public async Task Sync_SiteFails6703_ExitsSyncFailedPointingToWsyncmgrLog()
    {
        var site = Site().WithSyncEnding(6703, errorCode: unchecked((int)0x80244010)).Build();

        var (exitCode, _, error) = await RunAsync(site, "sync");

        Assert.AreEqual(ExitCodes.ConfigMgrSyncFailed, exitCode);
        StringAssert.Contains(error, "0x80244010");
        StringAssert.Contains(error, "wsyncmgr.log");
    }

    [TestMethod]
    public async Task Sync_NoResultWithinTimeout_ExitsTimedOut()
    {
        var site = Site().WithSyncThatNeverFinishes().Build();

        var (exitCode, _, _) = await RunAsync(site, "sync", "--timeout", "00:05:00");

        Assert.AreEqual(ExitCodes.ConfigMgrSyncTimedOut, exitCode);
    }

    [TestMethod]
    public async Task Sync_SyncSourceIsMicrosoftUpdate_WarnsWithTheFixAndStillSyncs()
    {
        var site = Site().WithSyncSource(SyncSource.MicrosoftUpdate).Build();

        var (exitCode, _, error) = await RunAsync(site, "sync");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(error, "WARNING: Site PS1 is set to synchronize from Microsoft Update");
        StringAssert.Contains(error, "Do not synchronize from Microsoft Update or upstream data source");
    }

    [TestMethod]
    public async Task Sync_SiteWithoutSoftwareUpdatePoint_ExitsSiteMisconfigured()
    {
        var site = new FakeSiteBuilder().WithClock(_clock).Build();

        var (exitCode, _, _) = await RunAsync(site, "sync");

        Assert.AreEqual(ExitCodes.ConfigMgrSiteMisconfigured, exitCode);
    }

    [TestMethod]
    public async Task Sync_ProviderDeniesAccess_ExitsAccessDenied()
    {
        var site = Site().WithProviderFailure(ConfigMgrFailure.AccessDenied, "denied").Build();

        var (exitCode, _, _) = await RunAsync(site, "sync");

        Assert.AreEqual(ExitCodes.ConfigMgrAccessDenied, exitCode);
    }

    [TestMethod]
    public async Task CategoriesSubscribe_AllowSubscriptionFalse_ExitsNotSubscribableAndChangesNothing()
    {
        var site = Site().WithProduct("Windows 12").WithProduct("Windows Embedded Legacy", allowSubscription: false).Build();

        var (exitCode, _, _) = await RunAsync(site, "categories", "subscribe", "Windows 12", "Windows Embedded Legacy");

        Assert.AreEqual(ExitCodes.ConfigMgrCategoryNotSubscribable, exitCode);
        Assert.IsEmpty(site.SubscribeCalls);
    }

    [TestMethod]
    public async Task CategoriesSubscribe_WithSync_SubscribesThenRunsAFullSync()
    {
        var site = Site().WithProduct("Windows 12").Build();

        var (exitCode, output, _) = await RunAsync(site, "categories", "subscribe", "Windows 12", "--sync");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "Subscribed: Windows 12");
        CollectionAssert.AreEqual(new[] { true }, site.SyncTriggers.ToArray());
    }

    [TestMethod]
    public async Task CategoriesListNew_AfterSnapshotAndSync_ListsOnlyTheArrivedCategoriesAsJson()
    {
        var site = Site()
            .WithProduct("Windows 11", subscribed: true)
            .WithClassification("Security Updates", subscribed: true)
            .WithProductArrivingWithSync("Windows 12", family: "Windows")
            .WithClassificationArrivingWithSync("Feature Packs")
            .Build();

        Assert.AreEqual(ExitCodes.Success, (await RunAsync(site, "categories", "snapshot")).ExitCode);
        Assert.AreEqual(ExitCodes.Success, (await RunAsync(site, "sync")).ExitCode);
        var (exitCode, output, _) = await RunAsync(site, "categories", "list", "--new", "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        using var json = JsonDocument.Parse(output);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("title").GetString() + ": "
                + string.Join(", ", g.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString())))
            .ToArray();
        CollectionAssert.AreEqual(new[] { "Classifications: Feature Packs", "Windows: Windows 12" }, groups);
    }

    [TestMethod]
    public async Task CategoriesList_All_MarksSubscribedAndNotSubscribable()
    {
        var site = Site().WithProduct("Windows 11", subscribed: true).WithCompany("Microsoft").Build();

        var (exitCode, output, _) = await RunAsync(site, "categories", "list");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "[x] Windows 11");
        StringAssert.Contains(output, "[-] Microsoft");
    }

    [TestMethod]
    public async Task CliApplication_CategoriesWithoutConsole_FailsWithConsoleNotInstalled()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SMS_ADMIN_UI_PATH")))
        {
            Assert.Inconclusive("A ConfigMgr console is installed here; this test checks the behaviour without one.");
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(
            ["categories", "list", "--site-server", "CM01.corp.example", "--json", "--log", Path.Combine(_root, "real.log")], output, error);

        Assert.AreEqual(ExitCodes.ConfigMgrConsoleNotInstalled, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        StringAssert.StartsWith(json.RootElement.GetProperty("error").GetString(), "No ConfigMgr console is installed");
    }

    private sealed class FakeConnector(FakeConfigMgrSite site) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) =>
            Task.FromResult<IConfigMgrSite>(site);
    }
}
