using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class PreflightPageTests
{
    private readonly FakeOperations _operations = new();

    [TestMethod]
    public async Task RunAsync_AllPassedOrWarning_CanContinue()
    {
        _operations.PreflightResult = [A.Check("a", CheckStatus.Pass), A.Check("b", CheckStatus.Warn)];
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.IsTrue(sut.CanContinue);
        Assert.AreEqual("1 passed, 1 warning(s), 0 failed. Ready to continue.", sut.Summary);
        Assert.AreEqual("RunPreflight Import CM01.contoso.com", _operations.Calls.Single());
    }

    [TestMethod]
    public async Task RunAsync_OneFailed_BlocksAndKeepsTheFixHint()
    {
        _operations.PreflightResult = [A.Check("a", CheckStatus.Pass), A.Check("wsus", CheckStatus.Fail, "Start the WSUS service")];
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.IsFalse(sut.CanContinue);
        Assert.IsTrue(sut.HasFailures);
        Assert.AreEqual("Start the WSUS service", sut.Checks[1].FixHint);
        StringAssert.Contains(sut.Summary, "1 failed");
    }

    [TestMethod]
    public async Task RunAsync_BackendThrows_ShowsTheMessageAndBlocks()
    {
        _operations.PreflightFailure = new InvalidOperationException("Cannot reach WMI on CM01: access denied.");
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.AreEqual("Cannot reach WMI on CM01: access denied.", sut.Error);
        Assert.IsFalse(sut.CanContinue);
    }

    [TestMethod]
    public async Task RunAsync_NoChecksReturned_DoesNotLetTheAdminContinue()
    {
        _operations.PreflightResult = [];
        var sut = CreateSut();

        await sut.RunAsync(CancellationToken.None);

        Assert.IsFalse(sut.CanContinue);
    }

    [TestMethod]
    public async Task RunAsync_AgainAfterAFix_ReplacesTheResults()
    {
        _operations.PreflightResult = [A.Check("wsus", CheckStatus.Fail)];
        var sut = CreateSut();
        await sut.RunAsync(CancellationToken.None);
        _operations.PreflightResult = [A.Check("wsus", CheckStatus.Pass)];

        await sut.RunAsync(CancellationToken.None);

        Assert.IsTrue(sut.CanContinue);
        Assert.HasCount(2, _operations.Calls);
    }

    [TestMethod]
    public async Task RunAsync_RaisesChangedWhenStartingAndWhenDone()
    {
        var sut = CreateSut();
        var running = new List<bool>();
        sut.Changed += (_, _) => running.Add(sut.IsRunning);

        await sut.RunAsync(CancellationToken.None);

        CollectionAssert.AreEqual(new[] { true, false }, running);
    }

    private PreflightPage CreateSut() => new(_operations, PreflightKind.Import, A.Site());
}
