using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Lab.Tests.ConfigMgr;

[TestClass]
public sealed class LabConfigMgrSiteTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _clock = null!;
    private LabScenario _scenario = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _clock = new FakeTimeProvider(Start);
        _scenario = await LabScenario.CreateAsync(_clock);
    }

    [TestCleanup]
    public void DeleteLab() => _scenario.Dispose();

    private LabConfigMgrSite CreateSut() => _scenario.Site();

    private async Task<List<SupSyncStatus>> SyncAndReadUntilFinalAsync(LabConfigMgrSite site, bool fullSync = false)
    {
        await site.TriggerSyncAsync(fullSync, CancellationToken.None);
        var seen = new List<SupSyncStatus>();
        for (var read = 0; read < 3; read++)
        {
            _clock.Advance(TimeSpan.FromSeconds(30));
            seen.Add((await site.GetSyncStatusesAsync(CancellationToken.None)).Single());
        }

        return seen;
    }

    [TestMethod]
    public async Task New_FreshLab_IsADisconnectedSiteWithOneSupAndNoCategories()
    {
        var site = CreateSut();

        Assert.AreEqual(LabEnvironment.SiteCode, site.SiteCode);
        Assert.AreEqual(SyncSource.DoNotSynchronize, await site.GetSyncSourceAsync(CancellationToken.None));
        Assert.AreEqual(LabEnvironment.DisconnectedServerName, (await site.GetSoftwareUpdatePointsAsync(CancellationToken.None)).Single().ServerName);
        Assert.IsEmpty(await site.GetUpdateCategoriesAsync(CancellationToken.None));
        Assert.IsEmpty(await site.GetSyncStatusesAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task TriggerSyncAsync_ThenStatusReads_Moves6701To6704To6702WithStateTimes()
    {
        var site = CreateSut();

        await site.TriggerSyncAsync(fullSync: false, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var started = (await site.GetSyncStatusesAsync(CancellationToken.None)).Single();
        _clock.Advance(TimeSpan.FromSeconds(10));
        var inProgress = (await site.GetSyncStatusesAsync(CancellationToken.None)).Single();
        _clock.Advance(TimeSpan.FromSeconds(10));
        var done = (await site.GetSyncStatusesAsync(CancellationToken.None)).Single();

        Assert.AreEqual(SyncStateMessages.Started, started.StateMessageId);
        Assert.AreEqual(Start, started.StateTime);
        Assert.AreEqual(SyncStateMessages.InProgressWsus, inProgress.StateMessageId);
        Assert.AreEqual(Start.AddSeconds(20), inProgress.StateTime);
        Assert.AreEqual(SyncStateMessages.Done, done.StateMessageId);
        Assert.AreEqual(Start.AddSeconds(30), done.StateTime);
        Assert.AreEqual(Start.AddSeconds(30), done.LastSuccessfulSyncTime);
        CollectionAssert.AreEqual(new[] { false }, site.SyncTriggers.ToArray());
    }

    [TestMethod]
    public async Task SyncAfterImport_CategoriesImportedByWsus_AppearUnsubscribedOnlyWhenTheSyncEnds()
    {
        var import = await _scenario.TransferAsync();
        Assert.IsTrue(import.Succeeded, import.Message);
        var site = CreateSut();

        await site.TriggerSyncAsync(fullSync: false, CancellationToken.None);
        await site.GetSyncStatusesAsync(CancellationToken.None);
        await site.GetSyncStatusesAsync(CancellationToken.None);
        var duringSync = await site.GetUpdateCategoriesAsync(CancellationToken.None);
        await site.GetSyncStatusesAsync(CancellationToken.None);
        var afterSync = await site.GetUpdateCategoriesAsync(CancellationToken.None);

        Assert.IsEmpty(duringSync);
        Assert.IsTrue(afterSync.Any(c => c.Name == "Windows 11" && c.Type == UpdateCategoryType.Product && !c.IsSubscribed));
        Assert.IsTrue(afterSync.Any(c => c.Name == "Security Updates" && c.Type == UpdateCategoryType.Classification));
    }

    [TestMethod]
    public async Task SecondRound_NewContentWithANewProduct_OnlyThoseCategoriesAreNewAndEarlierSubscriptionsStay()
    {
        await _scenario.TransferAsync();
        var site = CreateSut();
        await SyncAndReadUntilFinalAsync(site);
        var windows11 = (await site.GetUpdateCategoriesAsync(CancellationToken.None)).Single(c => c.Name == "Windows 11");
        await site.SubscribeAsync([windows11.UniqueId], CancellationToken.None);
        var before = (await site.GetUpdateCategoriesAsync(CancellationToken.None)).Select(c => c.UniqueId).ToHashSet();

        _scenario.Lab.SimulateExportServerSync(added: 2, changed: 1, seed: 0, _clock);
        await _scenario.TransferAsync();
        await SyncAndReadUntilFinalAsync(site);
        var after = await site.GetUpdateCategoriesAsync(CancellationToken.None);

        var arriving = LabCategoryCatalog.ForSync(0);
        CollectionAssert.AreEquivalent(
            new[] { arriving.Product, arriving.Classification },
            after.Where(c => !before.Contains(c.UniqueId)).Select(c => c.Name).ToArray());
        Assert.IsTrue(after.Single(c => c.Name == "Windows 11").IsSubscribed);
    }

    [TestMethod]
    public async Task Sync_LicenseTermsFilesNotCopied_EndsWith6708()
    {
        await _scenario.TransferAsync(copyLicenseTerms: false);
        var site = CreateSut();

        var seen = await SyncAndReadUntilFinalAsync(site);

        Assert.AreEqual(SyncStateMessages.DonePendingLicenseTerms, seen[^1].StateMessageId);
    }

    [TestMethod]
    public async Task Sync_PayloadFileMissing_EndsWith6707()
    {
        await _scenario.TransferAsync();
        File.Delete(Directory.EnumerateFiles(_scenario.Lab.DisconnectedServer.ContentDirectory, "*.cab", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(_scenario.Lab.DisconnectedServer.ContentDirectory, "*.exe", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(_scenario.Lab.DisconnectedServer.ContentDirectory, "*.msu", SearchOption.AllDirectories)).First());
        var site = CreateSut();

        var seen = await SyncAndReadUntilFinalAsync(site);

        Assert.AreEqual(SyncStateMessages.ContentOutOfSync, seen[^1].StateMessageId);
    }

    [TestMethod]
    public async Task SubscribeAsync_Company_RefusedBecauseItDoesNotAllowSubscription()
    {
        await _scenario.TransferAsync();
        var site = CreateSut();
        await SyncAndReadUntilFinalAsync(site);
        var company = (await site.GetUpdateCategoriesAsync(CancellationToken.None)).Single(c => c.Type == UpdateCategoryType.Company);

        var exception = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => site.SubscribeAsync([company.UniqueId], CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.CategoryNotSubscribable, exception.Failure);
        Assert.IsFalse((await site.GetUpdateCategoriesAsync(CancellationToken.None)).Single(c => c.Type == UpdateCategoryType.Company).IsSubscribed);
    }

    [TestMethod]
    public async Task UserHasPermissionsAsync_LabAccount_IsFullAdministrator()
    {
        Assert.IsTrue(await CreateSut().UserHasPermissionsAsync("SMS_Site", RbacPermissions.Read | RbacPermissions.Modify | RbacPermissions.Administer, CancellationToken.None));
    }

    [TestMethod]
    public async Task SubscribeAsync_UnknownId_ThrowsNamingTheId()
    {
        var exception = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => CreateSut().SubscribeAsync(["Product:nope"], CancellationToken.None));

        StringAssert.Contains(exception.Message, "Product:nope");
    }

    [TestMethod]
    public async Task SupSyncWaiter_OverTheLabSite_ReturnsSucceeded()
    {
        await _scenario.TransferAsync();
        var site = new LabConfigMgrSite(_scenario.Lab.SiteFolder, _scenario.Lab.DisconnectedServer, TimeProvider.System, LabScenario.Logger);
        var sup = (await site.GetSoftwareUpdatePointsAsync(CancellationToken.None)).Single();

        var outcome = await new SupSyncWaiter(TimeProvider.System, LabScenario.Logger)
            .SyncNowAndWaitAsync(site, sup, new SyncRequest(false, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20)), null, CancellationToken.None);

        Assert.AreEqual(SyncOutcomeKind.Succeeded, outcome.Kind, outcome.Message);
    }

    [TestMethod]
    public async Task ConnectAsync_OtherServerName_ThrowsProviderUnreachableNamingTheLabServer()
    {
        var connector = new LabConfigMgrSiteConnector(_scenario.Lab.SiteFolder, _scenario.Lab.DisconnectedServer, _clock, LabScenario.Logger);

        var exception = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => connector.ConnectAsync("CM01", CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.ProviderUnreachable, exception.Failure);
        StringAssert.Contains(exception.Message, LabEnvironment.DisconnectedServerName);
        Assert.AreEqual(LabEnvironment.SiteCode, (await connector.ConnectAsync(null, CancellationToken.None)).SiteCode);
    }
}
