using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;
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
    public async Task RequestContent_OpensTheContentRequestForThisSiteWithNoGroupTicked()
    {
        var dialog = CreateSut().RequestContent();

        await dialog.LoadAsync(CancellationToken.None);

        CollectionAssert.Contains(_operations.Calls, "GetSoftwareUpdateGroups CM01.contoso.com");
        Assert.HasCount(2, dialog.Groups);
        Assert.IsTrue(dialog.Groups.All(g => !g.IsChecked));
        Assert.IsEmpty(_operations.PreparedSelections);
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
    public async Task SetChecked_NotSubscribable_StaysUncheckedAndSaysWhy()
    {
        var sut = await LoadedSut();
        var insider = sut.Groups.Single(g => g.Heading == "Windows").Items.Single(i => i.Category.Name == "Windows Insider Pre-release");

        sut.SetChecked(insider, true);

        Assert.IsFalse(insider.IsChecked);
        Assert.IsFalse(insider.IsSelectable);
        Assert.AreEqual("ConfigMgr does not allow subscribing it", insider.Note);
    }

    [TestMethod]
    public async Task SetChecked_AlreadySubscribed_LooksSubscribedAndCannotBeUnticked()
    {
        var sut = await LoadedSut();
        var old = sut.Groups.Single(g => g.Heading == "Windows").Items.Single(i => i.Category.Name == "Old thing");
        Assert.IsTrue(old.IsChecked, "a subscribed item is shown ticked, unlike one that cannot be subscribed");

        sut.SetChecked(old, false);

        Assert.IsTrue(old.IsChecked);
        Assert.IsFalse(old.IsSelectable, "shown disabled");
        Assert.IsFalse(old.IsPending, "nothing to save for it");
        Assert.AreEqual("already subscribed", old.Note);
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
        Assert.IsTrue(upgrades.IsChecked, "now shown as subscribed: ticked and disabled");
        Assert.IsFalse(upgrades.IsSelectable);
        Assert.AreEqual("already subscribed", upgrades.Note);
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
    public async Task RunFullSyncAsync_WaitsForTheResultShowsEachStateAndClearsTheReminder()
    {
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);
        await sut.SubscribeSelectedAsync(CancellationToken.None);
        var gate = new TaskCompletionSource<FullSyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        IProgress<SupSyncState>? reporter = null;
        _operations.FullSyncScript = (progress, _) =>
        {
            reporter = progress;
            return gate.Task;
        };

        var run = sut.RunFullSyncAsync(CancellationToken.None);
        Assert.IsTrue(sut.IsSyncing);
        Assert.IsTrue(sut.IsBusy, "Subscribe and Finish wait while the sync runs");
        Assert.IsTrue(sut.CanCancelSync);
        var shown = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Changed += (_, _) =>
        {
            if (sut.SyncText.Contains("6704", StringComparison.Ordinal))
            {
                shown.TrySetResult(sut.SyncText);
            }
        };
        reporter!.Report(A.SyncState(6704));
        Assert.AreEqual("Synchronizing (6704) on CM01.contoso.com", await shown.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.IsTrue(sut.NeedsFullSyncReminder, "not done until the sync succeeded");
        gate.SetResult(new FullSyncResult(true, A.SyncState(6702), TimeSpan.FromMinutes(2), "Synchronization of CM01.contoso.com succeeded (6702)."));
        await run;

        Assert.AreEqual("RunFullSync", _operations.Calls.Last());
        Assert.IsFalse(sut.IsSyncing);
        Assert.IsFalse(sut.NeedsFullSyncReminder);
        Assert.IsNull(sut.CloseQuestion);
        Assert.AreEqual("Synchronization of CM01.contoso.com succeeded (6702).", sut.Status);
        Assert.IsNull(sut.Error);
    }

    [TestMethod]
    public async Task RunFullSyncAsync_SyncFails_ShowsCoresMessageAndKeepsTheReminder()
    {
        _operations.FullSyncScript = (_, _) => Task.FromResult(new FullSyncResult(false, A.SyncState(6703), TimeSpan.FromMinutes(1),
            "Synchronization on CM01.contoso.com failed (6703, error 0x80072EE2). Check wsyncmgr.log."));
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);
        await sut.SubscribeSelectedAsync(CancellationToken.None);

        await sut.RunFullSyncAsync(CancellationToken.None);

        Assert.AreEqual("Synchronization on CM01.contoso.com failed (6703, error 0x80072EE2). Check wsyncmgr.log.", sut.Error);
        Assert.IsTrue(sut.NeedsFullSyncReminder);
    }

    [TestMethod]
    public async Task CancelFullSync_WhileWaiting_StopsWaitingAndSaysConfigMgrContinues()
    {
        _operations.FullSyncScript = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("not reached");
        };
        var sut = await LoadedSut();

        var run = sut.RunFullSyncAsync(CancellationToken.None);
        sut.CancelFullSync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsFalse(sut.IsSyncing);
        Assert.IsFalse(sut.IsBusy);
        StringAssert.StartsWith(sut.Error, "Stopped waiting for the full synchronization; ConfigMgr continues it.");
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
    public async Task CloseQuestion_TickedButNotSubscribed_AsksNamingThem()
    {
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);

        var question = sut.CloseQuestion;

        StringAssert.StartsWith(question, "2 ticked product(s) or classification(s) are not subscribed yet: Feature Packs, Upgrades.");
    }

    [TestMethod]
    public async Task CloseQuestion_NothingTicked_AsksNothing()
    {
        var sut = await LoadedSut();

        Assert.IsNull(sut.CloseQuestion, "subscribed items are ticked too, but there is nothing to lose");
    }

    [TestMethod]
    public async Task CloseQuestion_SubscribedWithoutFullSync_RemindsOfTheSync()
    {
        var sut = await LoadedSut();
        sut.SetGroupChecked(sut.Groups[0], true);
        await sut.SubscribeSelectedAsync(CancellationToken.None);

        StringAssert.StartsWith(sut.CloseQuestion, "Categories were subscribed but no full synchronization was run.");
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

    [TestMethod]
    public void ReceiptText_OnItsOwn_SaysWhatSavingAReceiptIsFor()
    {
        var sut = CreateSut();

        StringAssert.StartsWith(sut.ReceiptText, "Save receipt for the export side… writes what this server's WsusContent holds");
        Assert.AreEqual("receipt.json", sut.SuggestedReceiptFileName);
        Assert.IsTrue(sut.CanSaveReceipt);
    }

    [TestMethod]
    public void ShowImportReceipt_Written_NamesItsPathFilesAndSequenceAndProposesItsName()
    {
        var sut = CreateSut();
        var changes = 0;
        sut.Changed += (_, _) => changes++;

        sut.ShowImportReceipt(new SavedReceipt(@"D:\CMDS\State\receipts\receipt-000042.json", @"D:\CMDS\State\receipts\receipt-000042.json.sha256", 1196, 42));

        StringAssert.StartsWith(sut.ReceiptText, @"Receipt for the export side: D:\CMDS\State\receipts\receipt-000042.json (1,196 files, last accepted sequence 42).");
        Assert.AreEqual("receipt-000042.json", sut.SuggestedReceiptFileName);
        Assert.AreEqual(1, changes);
    }

    [TestMethod]
    public void ShowImportReceipt_NotWritten_SaysSaveReceiptWritesOne()
    {
        var sut = CreateSut();

        sut.ShowImportReceipt(null);

        StringAssert.StartsWith(sut.ReceiptText, "No state receipt was written after the import (the log says why).");
        Assert.AreEqual("receipt.json", sut.SuggestedReceiptFileName);
    }

    [TestMethod]
    public async Task SaveReceiptAsync_Chosen_WritesItThereAndSaysHowTheExportUsesIt()
    {
        var sut = CreateSut();

        await sut.SaveReceiptAsync(@" E:\Transfer\receipt.json ", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { @"E:\Transfer\receipt.json" }, _operations.ReceiptDestinations);
        Assert.IsNull(sut.Error);
        Assert.IsFalse(sut.IsBusy);
        StringAssert.StartsWith(sut.Status, @"Receipt saved: E:\Transfer\receipt.json and receipt.json.sha256 (28 files).");
        StringAssert.Contains(sut.Status, "What a state receipt says is missing");
    }

    [TestMethod]
    public async Task SaveReceiptAsync_Fails_ShowsTheBackendsMessage()
    {
        _operations.SaveReceiptFailure = new IOException(@"Access to the path 'E:\Transfer\receipt.json' is denied.");
        var sut = CreateSut();

        await sut.SaveReceiptAsync(@"E:\Transfer\receipt.json", CancellationToken.None);

        Assert.AreEqual(@"Access to the path 'E:\Transfer\receipt.json' is denied.", sut.Error);
        Assert.IsFalse(sut.IsBusy);
        Assert.IsTrue(sut.CanSaveReceipt);
    }

    [TestMethod]
    public async Task SaveReceiptAsync_DialogCancelled_WritesNothing()
    {
        var sut = CreateSut();

        await sut.SaveReceiptAsync("  ", CancellationToken.None);

        Assert.IsEmpty(_operations.ReceiptDestinations);
    }

    private NextStepsPage CreateSut() => new(_operations, A.Site());
}
