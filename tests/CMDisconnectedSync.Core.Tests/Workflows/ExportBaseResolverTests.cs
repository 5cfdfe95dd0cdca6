using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.Workflows;

[TestClass]
public sealed class ExportBaseResolverTests
{
    private WorkflowLab _lab = null!;

    [TestInitialize]
    public void CreateLab() => _lab = new WorkflowLab().WithStandardContent(files: 6);

    [TestCleanup]
    public void DeleteLab() => _lab.Dispose();

    private static ExportBaseResolver CreateSut() => new(StateFolderProtections.ForThisComputer());

    private async Task ExportAsync(int round)
    {
        var outcome = await _lab.ExportAsync(round);
        Assert.IsNull(outcome.Failure, outcome.Failure?.Message);
    }

    [TestMethod]
    public async Task ResolveAsync_NoChainYet_FullBundleWithSequenceOne()
    {
        var resolved = await CreateSut().ResolveAsync(_lab.ExportRequest(1), CancellationToken.None);

        Assert.IsNull(resolved.Baseline);
        Assert.AreEqual(1L, resolved.Sequence);
    }

    [TestMethod]
    public async Task ResolveAsync_BaseIsTheChainHead_UsesTheChainWithItsInventory()
    {
        await ExportAsync(1);

        var resolved = await CreateSut().ResolveAsync(_lab.ExportRequest(2) with { BaseBundleFolder = _lab.BundleFolder(1) }, CancellationToken.None);

        Assert.AreEqual(1L, resolved.Baseline!.Base!.Sequence);
        Assert.IsTrue(resolved.Baseline.TimestampsComparable);
        Assert.AreEqual(2L, resolved.Sequence);
    }

    [TestMethod]
    public async Task ResolveAsync_BaseIsAnOlderFullBundle_UsesItsFilesAndContinuesTheChainSequence()
    {
        await ExportAsync(1);
        _lab.WithContent("C3/new.cab", 4000, 500);
        await ExportAsync(2);

        var resolved = await CreateSut().ResolveAsync(_lab.ExportRequest(3) with { BaseBundleFolder = _lab.BundleFolder(1) }, CancellationToken.None);

        Assert.AreEqual(1L, resolved.Baseline!.Base!.Sequence);
        Assert.IsFalse(resolved.Baseline.TimestampsComparable, "a bundle's files carry hashes, not this server's timestamps");
        Assert.AreEqual(3L, resolved.Sequence);
    }

    [TestMethod]
    public async Task ResolveAsync_BaseIsAnOlderDeltaBundle_RefusedWithTheReceiptAdvice()
    {
        await ExportAsync(1);
        _lab.WithContent("C3/new.cab", 4000, 500);
        await ExportAsync(2);
        _lab.WithContent("C4/newer.cab", 4000, 501);
        await ExportAsync(3);

        var refused = await Assert.ThrowsAsync<WorkflowFailedException>(() =>
            CreateSut().ResolveAsync(_lab.ExportRequest(4) with { BaseBundleFolder = _lab.BundleFolder(2) }, CancellationToken.None));

        Assert.AreEqual(WorkflowFailureKind.InvalidRequest, refused.Failure.Kind);
        StringAssert.Contains(refused.Failure.Message, "--receipt");
    }
}
