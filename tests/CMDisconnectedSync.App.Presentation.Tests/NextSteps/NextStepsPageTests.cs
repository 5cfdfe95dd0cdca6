using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.NextSteps;

[TestClass]
public sealed class NextStepsPageTests
{
    private readonly FakeOperations _operations = new()
    {
        NewCategories =
        [
            A.Product("Windows 11, version 24H2 and later", "Windows"),
            A.Classification("Upgrades"),
            A.Product("Microsoft 365 Apps", "Office"),
            A.Product("Windows Insider Pre-release", "Windows", allowSubscription: false),
            A.Classification("Feature Packs"),
            A.Product("Old thing", "Windows", subscribed: true),
        ],
    };

    [TestMethod]
    public async Task LoadAsync_GroupsClassificationsFirstThenProductFamiliesAlphabetically()
    {
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Classifications", "Office", "Windows" }, sut.Groups.Select(g => g.Heading).ToArray());
        CollectionAssert.AreEqual(new[] { "Feature Packs", "Upgrades" }, sut.Groups[0].Items.Select(i => i.Category.Name).ToArray());
        StringAssert.StartsWith(sut.Status, "6 new product(s)");
    }

    [TestMethod]
    public async Task LoadAsync_NewProductFamily_IsListedLastUnderCompaniesAndProductFamilies()
    {
        _operations.NewCategories = [A.ProductFamily("Azure Stack"), A.Product("Windows 11", "Windows"), A.Classification("Upgrades")];
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        CollectionAssert.AreEqual(
            new[] { "Classifications", "Windows", "Companies and product families" },
            sut.Groups.Select(g => g.Heading).ToArray());
    }

    [TestMethod]
    public async Task LoadAsync_ProductWithoutFamily_GoesUnderOtherProducts()
    {
        _operations.NewCategories = [A.Product("Lonely", family: " ")];
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        Assert.AreEqual("Other products", sut.Groups.Single().Heading);
    }

    [TestMethod]
    public async Task LoadAsync_NothingNew_SaysSo()
    {
        _operations.NewCategories = [];
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        Assert.AreEqual("No new products or classifications since the last import.", sut.Status);
        Assert.IsFalse(sut.CanSubscribe);
    }

    [TestMethod]
    public async Task SetChecked_NotSubscribableOrAlreadySubscribed_StaysUnchecked()
    {
        var sut = await LoadedSut();
        var windows = sut.Groups.Single(g => g.Heading == "Windows").Items;

        foreach (var item in windows)
        {
            sut.SetChecked(item, true);
        }

        CollectionAssert.AreEqual(new[] { false, true, false }, windows.Select(i => i.IsChecked).ToArray());
        Assert.AreEqual("not subscribable in ConfigMgr", windows.Single(i => i.Category.Name == "Windows Insider Pre-release").Note);
    }

    [TestMethod]
    public async Task SetGroupChecked_TicksEverySelectableItemOfTheHeading()
    {
        var sut = await LoadedSut();

        sut.SetGroupChecked(sut.Groups[0], true);

        Assert.IsTrue(sut.Groups[0].Items.All(i => i.IsChecked));
        Assert.IsTrue(sut.CanSubscribe);
    }

    [TestMethod]
    public async Task SubscribeSelectedAsync_SendsTheTickedIdsAndMarksThemSubscribed()
    {
        var sut = await LoadedSut();
        var upgrades = sut.Groups[0].Items.Single(i => i.Category.Name == "Upgrades");
        sut.SetChecked(upgrades, true);

        await sut.SubscribeSelectedAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "id:Upgrades" }, _operations.SubscribeRequests.Single().ToArray());
        Assert.IsTrue(upgrades.Category.IsSubscribed);
        Assert.IsFalse(upgrades.IsChecked);
        StringAssert.StartsWith(sut.Status, "Subscribed 1 of 1.");
        Assert.IsTrue(sut.NeedsFullSyncReminder);
    }

    [TestMethod]
    public async Task SubscribeSelectedAsync_SiteSubscribesOnlySome_NamesTheOthers()
    {
        _operations.SubscribeScript = ids => ids.Take(1).ToList();
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);

        await sut.SubscribeSelectedAsync(CancellationToken.None);

        StringAssert.Contains(sut.Status, "Subscribed 1 of 2. Not subscribed: Upgrades.");
        Assert.IsTrue(sut.Groups[0].Items.Single(i => i.Category.Name == "Upgrades").IsChecked);
    }

    [TestMethod]
    public async Task SubscribeSelectedAsync_Fails_ShowsTheErrorAndKeepsTheTicks()
    {
        _operations.SubscribeFailure = new InvalidOperationException("SMS Provider on CM01 refused Put() on Upgrades: access denied.");
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);

        await sut.SubscribeSelectedAsync(CancellationToken.None);

        Assert.AreEqual("SMS Provider on CM01 refused Put() on Upgrades: access denied.", sut.Error);
        Assert.IsTrue(sut.Groups[0].Items.All(i => i.IsChecked));
        Assert.IsFalse(sut.IsBusy);
    }

    [TestMethod]
    public async Task SubscribeSelectedAsync_NothingTicked_DoesNotCallTheSite()
    {
        var sut = await LoadedSut();

        await sut.SubscribeSelectedAsync(CancellationToken.None);

        Assert.IsEmpty(_operations.SubscribeRequests);
    }

    [TestMethod]
    public async Task RunFullSyncAsync_TriggersAndClearsTheReminder()
    {
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);
        await sut.SubscribeSelectedAsync(CancellationToken.None);

        await sut.RunFullSyncAsync(CancellationToken.None);

        Assert.AreEqual("RunFullSync", _operations.Calls.Last());
        Assert.IsFalse(sut.NeedsFullSyncReminder);
        StringAssert.StartsWith(sut.Status, "Full synchronization requested at");
    }

    [TestMethod]
    public async Task RunFullSyncAsync_Fails_ShowsTheError()
    {
        _operations.FullSyncFailure = new InvalidOperationException("SyncNow on CM01 returned 2.");
        var sut = await LoadedSut();

        await sut.RunFullSyncAsync(CancellationToken.None);

        Assert.AreEqual("SyncNow on CM01 returned 2.", sut.Error);
    }

    [TestMethod]
    public async Task LoadAsync_Fails_ShowsTheError()
    {
        _operations.CategoriesFailure = new InvalidOperationException("Cannot query SMS_UpdateCategoryInstance on CM01.");
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        Assert.AreEqual("Cannot query SMS_UpdateCategoryInstance on CM01.", sut.Error);
        Assert.IsEmpty(sut.Groups);
    }

    private async Task<NextStepsPage> LoadedSut()
    {
        var sut = CreateSut();
        await sut.LoadAsync(CancellationToken.None);
        return sut;
    }

    private NextStepsPage CreateSut() => new(_operations, A.Site());
}
