using CMDisconnectedSync.App.Presentation.Content;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Content;

[TestClass]
public sealed class ContentRequestDialogTests
{
    private readonly FakeOperations _operations = new();

    private ContentRequestDialog CreateSut(int? groupId = null) => new(_operations, A.Site(), groupId);

    [TestMethod]
    public async Task LoadAsync_FromTheConsoleRow_TicksThatGroupAndShowsFilesAndSize()
    {
        var sut = CreateSut(16777400);

        await sut.LoadAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Patch Tuesday 2026-12" }, sut.Groups.Where(g => g.IsChecked).Select(g => g.Group.Name).ToArray());
        CollectionAssert.AreEqual(new[] { 16777400 }, _operations.PreparedSelections.Single().GroupIds.ToArray());
        Assert.AreEqual("2 file(s), 2.0 MB in total, for 2 update(s).", sut.SummaryText);
        CollectionAssert.AreEqual(new[] { "1 content already in a deployment package." }, sut.LeftOut.ToArray());
        Assert.AreEqual(@"C:\Users\admin\Documents\CMDisconnectedSync\content-request-PS1.json", sut.OutputPath);
        Assert.IsTrue(sut.CanSave);
    }

    [TestMethod]
    public async Task LoadAsync_GroupTheSiteNoLongerHas_SaysSoAndLetsTheAdminPick()
    {
        var sut = CreateSut(99);

        await sut.LoadAsync(CancellationToken.None);

        StringAssert.Contains(sut.Error, "no software update group with CI_ID 99");
        Assert.HasCount(2, sut.Groups);
        Assert.IsTrue(sut.CanChangeSelection);
        Assert.IsFalse(sut.CanSave);
        Assert.IsEmpty(_operations.PreparedSelections);
    }

    [TestMethod]
    public async Task LoadAsync_FromNextSteps_TicksNothingAndAsksForAChoice()
    {
        var sut = CreateSut();

        await sut.LoadAsync(CancellationToken.None);

        Assert.AreEqual("Tick one or more software update groups, or every required update.", sut.SummaryText);
        Assert.IsFalse(sut.CanSave);
    }

    [TestMethod]
    public async Task SetIncludeRequiredAsync_WithAGroup_PreparesBothTogether()
    {
        var sut = CreateSut(16777401);
        await sut.LoadAsync(CancellationToken.None);

        await sut.SetIncludeRequiredAsync(true, CancellationToken.None);

        var last = _operations.PreparedSelections[^1];
        Assert.IsTrue(last.Required);
        CollectionAssert.AreEqual(new[] { 16777401 }, last.GroupIds.ToArray());
        StringAssert.StartsWith(sut.SummaryText, "3 file(s)");
    }

    [TestMethod]
    public async Task SetGroupCheckedAsync_AnswerForAnOlderSelection_IsDropped()
    {
        var sut = CreateSut();
        await sut.LoadAsync(CancellationToken.None);
        var slow = new TaskCompletionSource<bool>();
        _operations.PrepareGate = slow;
        var first = sut.SetGroupCheckedAsync(sut.Groups[0], true, CancellationToken.None);
        _operations.PrepareGate = null;

        await sut.SetGroupCheckedAsync(sut.Groups[1], true, CancellationToken.None);
        slow.SetResult(true);
        await first;

        StringAssert.StartsWith(sut.SummaryText, "4 file(s)");
        Assert.AreEqual("req16777400-16777401", sut.Draft!.RequestId);
        Assert.IsFalse(sut.IsBusy);
    }

    [TestMethod]
    public async Task OutputPath_EditedByTheAdmin_IsKeptWhenTheSelectionChanges()
    {
        var sut = CreateSut(16777400);
        await sut.LoadAsync(CancellationToken.None);

        sut.OutputPath = @"E:\Transfer\december.json";
        await sut.SetIncludeRequiredAsync(true, CancellationToken.None);

        Assert.AreEqual(@"E:\Transfer\december.json", sut.OutputPath);
    }

    [TestMethod]
    public async Task SaveAsync_WritesThePreparedRequestWhereChosenAndSaysWhatNext()
    {
        var sut = CreateSut(16777400);
        await sut.LoadAsync(CancellationToken.None);
        sut.OutputPath = @"E:\Transfer\december.json";

        await sut.SaveAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { ("req16777400", @"E:\Transfer\december.json") }, _operations.SavedContentRequests);
        StringAssert.Contains(sut.ResultText, "Written to the request file above, december.json (4 file(s), 4.0 MB).");
        StringAssert.Contains(sut.ResultText, @"content-requests\req16777400.json");
        StringAssert.Contains(sut.ResultText, "'cmdsync content fetch --request december.json --out <folder>'");
        Assert.IsFalse(sut.CanSave);
        Assert.IsFalse(sut.CanChangeSelection);
    }

    [TestMethod]
    public async Task SaveAsync_NoPath_AsksForOneAndWritesNothing()
    {
        var sut = CreateSut(16777400);
        await sut.LoadAsync(CancellationToken.None);
        sut.OutputPath = "  ";

        await sut.SaveAsync(CancellationToken.None);

        StringAssert.StartsWith(sut.Error, "Choose where to write the request file");
        Assert.IsEmpty(_operations.SavedContentRequests);
    }

    [TestMethod]
    public async Task SaveAsync_BackendRefuses_ShowsItsMessageAndStaysOpenForAnotherPath()
    {
        _operations.SaveContentRequestFailure = new UnauthorizedAccessException(@"Cannot write the content request 'E:\r.json': access denied. Choose a writable folder.");
        var sut = CreateSut(16777400);
        await sut.LoadAsync(CancellationToken.None);

        await sut.SaveAsync(CancellationToken.None);

        StringAssert.Contains(sut.Error, @"'E:\r.json'");
        Assert.IsNull(sut.Result);
        Assert.IsTrue(sut.CanSave);
    }

    [TestMethod]
    public async Task LoadAsync_NothingToRequest_CannotWrite()
    {
        _operations.PrepareScript = s => new ContentRequestDraft("empty", 0, 0, 1, [], @"C:\r.json");
        var sut = CreateSut(16777400);

        await sut.LoadAsync(CancellationToken.None);

        StringAssert.StartsWith(sut.SummaryText, "Nothing to request");
        Assert.IsFalse(sut.CanSave);
    }

    [TestMethod]
    public async Task LoadAsync_SiteUnreachable_ShowsTheBackendsMessage()
    {
        _operations.UpdateGroupsFailure = new InvalidOperationException("Cannot connect to the SMS Provider on CM01.contoso.com: access denied.");
        var sut = CreateSut(16777400);

        await sut.LoadAsync(CancellationToken.None);

        StringAssert.StartsWith(sut.Error, "Cannot connect to the SMS Provider on CM01.contoso.com");
        Assert.IsEmpty(sut.Groups);
        Assert.IsFalse(sut.IsBusy);
    }
}
