using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Testing;
using CMDisconnectedSync.Testing.ConfigMgr;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class SupSyncWaiterTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    private SupSyncWaiter CreateSut() => new(_clock, Serilog.Core.Logger.None);

    private FakeSiteBuilder Site() => new FakeSiteBuilder().WithClock(_clock).WithSup("CM01.corp.example");

    private Task<SyncOutcome> RunAsync(FakeConfigMgrSite site, SyncRequest request, IProgress<SyncProgress>? progress = null)
    {
        var sup = new SoftwareUpdatePoint("CM01.corp.example", "PS1");
        var waiting = CreateSut().SyncNowAndWaitAsync(site, sup, request, progress, CancellationToken.None);
        return _clock.RunAsync(waiting, Poll);
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_SiteReports6702_SucceedsAfterTheTrigger()
    {
        var site = Site().WithSyncEnding(6702, pollsUntilFinal: 3).Build();

        var outcome = await RunAsync(site, new SyncRequest(false, TimeSpan.FromMinutes(30), Poll));

        Assert.AreEqual(SyncOutcomeKind.Succeeded, outcome.Kind);
        Assert.IsTrue(outcome.IsSuccess);
        Assert.HasCount(1, site.SyncTriggers);
        Assert.IsFalse(site.SyncTriggers[0]);
        Assert.AreEqual(6702, outcome.FinalStatus!.StateMessageId);
        Assert.AreEqual(TimeSpan.FromSeconds(30), outcome.Elapsed);
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_FullSyncRequested_TriggersAFullSync()
    {
        var site = Site().Build();

        await RunAsync(site, new SyncRequest(true, TimeSpan.FromMinutes(30), Poll));

        CollectionAssert.AreEqual(new[] { true }, site.SyncTriggers.ToArray());
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_SiteReports6703_FailsWithTheErrorCodeAndPointsToWsyncmgrLog()
    {
        var site = Site().WithSyncEnding(6703, errorCode: unchecked((int)0x80131500)).Build();

        var outcome = await RunAsync(site, SyncRequest.Default());

        Assert.AreEqual(SyncOutcomeKind.Failed, outcome.Kind);
        Assert.IsFalse(outcome.IsSuccess);
        StringAssert.Contains(outcome.Message, "0x80131500");
        StringAssert.Contains(outcome.Message, "wsyncmgr.log");
        StringAssert.Contains(outcome.Message, "CM01.corp.example");
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_SiteReports6708_SucceedsAndNamesMissingLicenseTermsAsTheCause()
    {
        var site = Site().WithSyncEnding(6708).Build();

        var outcome = await RunAsync(site, SyncRequest.Default());

        Assert.AreEqual(SyncOutcomeKind.SucceededWithPendingLicenseTerms, outcome.Kind);
        Assert.IsTrue(outcome.IsSuccess);
        StringAssert.Contains(outcome.Message, "license-terms");
        StringAssert.Contains(outcome.Message, "WsusContent");
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_SiteReports6707_ReportsContentOutOfSync()
    {
        var site = Site().WithSyncEnding(6707).Build();

        var outcome = await RunAsync(site, SyncRequest.Default());

        Assert.AreEqual(SyncOutcomeKind.ContentOutOfSync, outcome.Kind);
        Assert.IsFalse(outcome.IsSuccess);
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_SyncNeverFinishes_TimesOutAtTheTimeoutWithTheLastStatus()
    {
        var site = Site().WithSyncThatNeverFinishes().Build();

        var outcome = await RunAsync(site, new SyncRequest(false, TimeSpan.FromMinutes(10), Poll));

        Assert.AreEqual(SyncOutcomeKind.TimedOut, outcome.Kind);
        Assert.AreEqual(TimeSpan.FromMinutes(10), outcome.Elapsed);
        Assert.AreEqual(SyncState.InProgress, outcome.FinalStatus!.State);
        StringAssert.Contains(outcome.Message, "cmdsync sync --sync-timeout 2h");
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_OldSuccessBeforeTheTrigger_IsNotMistakenForTheResult()
    {
        // Last night's 6702 is still the status when we trigger; only the new sync's failure counts.
        var site = Site()
            .WithLastSync("CM01.corp.example", 6702, _clock.GetUtcNow().AddHours(-10))
            .WithSyncEnding(6703, errorCode: 5, pollsUntilFinal: 4)
            .Build();

        var outcome = await RunAsync(site, SyncRequest.Default());

        Assert.AreEqual(SyncOutcomeKind.Failed, outcome.Kind);
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_WhileWaiting_ReportsEveryStatusRead()
    {
        var site = Site().WithSyncEnding(6702, pollsUntilFinal: 3).Build();
        var reports = new List<SyncProgress>();

        await RunAsync(site, SyncRequest.Default(), new SynchronousProgress(reports));

        CollectionAssert.AreEqual(
            new[] { SyncState.InProgress, SyncState.InProgress, SyncState.Succeeded },
            reports.Select(r => r.Status!.State).ToArray());
        Assert.IsTrue(reports.All(r => r.IsAfterTrigger));
    }

    [TestMethod]
    public async Task SyncNowAndWaitAsync_ProviderUnreachable_ThrowsTheProviderError()
    {
        var site = Site().WithProviderFailure(ConfigMgrFailure.ProviderUnreachable, "CM01 unreachable").Build();

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() => RunAsync(site, SyncRequest.Default()));

        Assert.AreEqual(ConfigMgrFailure.ProviderUnreachable, error.Failure);
    }

    private sealed class SynchronousProgress(List<SyncProgress> reports) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value) => reports.Add(value);
    }
}
