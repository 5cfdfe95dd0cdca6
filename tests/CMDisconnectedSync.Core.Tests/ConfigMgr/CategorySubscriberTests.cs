using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Testing.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class CategorySubscriberTests
{
    private static CategorySubscriber CreateSut() => new(Serilog.Core.Logger.None);

    [TestMethod]
    public async Task SubscribeAsync_ByNameAndById_SubscribesBothOnce()
    {
        var site = new FakeSiteBuilder().WithProduct("Windows 12").WithClassification("Feature Packs").Build();
        var featurePacksId = FakeSiteBuilder.IdFor("UpdateClassification", "Feature Packs");

        var result = await CreateSut().SubscribeAsync(site, ["windows 12", featurePacksId, "Windows 12"], CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Windows 12", "Feature Packs" }, result.Subscribed.Select(c => c.Name).ToArray());
        Assert.HasCount(2, site.SubscribeCalls);
        Assert.IsTrue(site.Categories.All(c => c.IsSubscribed));
    }

    [TestMethod]
    public async Task SubscribeAsync_AllowSubscriptionFalse_ThrowsAndSubscribesNothing()
    {
        var site = new FakeSiteBuilder()
            .WithProduct("Windows 12")
            .WithProduct("Windows Embedded Legacy", allowSubscription: false)
            .Build();

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(
            () => CreateSut().SubscribeAsync(site, ["Windows 12", "Windows Embedded Legacy"], CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.CategoryNotSubscribable, error.Failure);
        StringAssert.Contains(error.Message, "Windows Embedded Legacy");
        StringAssert.Contains(error.Message, "AllowSubscription = false");
        Assert.IsEmpty(site.SubscribeCalls);
    }

    [TestMethod]
    public async Task SubscribeAsync_UnknownName_ThrowsNamingItAndHowToList()
    {
        var site = new FakeSiteBuilder().WithProduct("Windows 12").Build();

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(
            () => CreateSut().SubscribeAsync(site, ["Windows 13"], CancellationToken.None));

        StringAssert.Contains(error.Message, "'Windows 13' matches no product");
        StringAssert.Contains(error.Message, "cmdsync categories list");
    }

    [TestMethod]
    public async Task SubscribeAsync_AmbiguousName_ListsTheUniqueIdsToChooseFrom()
    {
        var site = new FakeSiteBuilder()
            .WithProduct("Tools", family: "Windows", uniqueId: "id-windows-tools")
            .WithProduct("Tools", family: "Office", uniqueId: "id-office-tools")
            .Build();

        var error = await Assert.ThrowsExactlyAsync<ConfigMgrException>(
            () => CreateSut().SubscribeAsync(site, ["Tools"], CancellationToken.None));

        StringAssert.Contains(error.Message, "id-windows-tools");
        StringAssert.Contains(error.Message, "id-office-tools");
    }

    [TestMethod]
    public async Task SubscribeAsync_AlreadySubscribed_WritesNothingForIt()
    {
        var site = new FakeSiteBuilder().WithProduct("Windows 11", subscribed: true).Build();

        var result = await CreateSut().SubscribeAsync(site, ["Windows 11"], CancellationToken.None);

        Assert.IsEmpty(result.Subscribed);
        Assert.HasCount(1, result.AlreadySubscribed);
        Assert.IsEmpty(site.SubscribeCalls);
    }
}
