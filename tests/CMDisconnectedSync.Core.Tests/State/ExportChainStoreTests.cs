using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Core.Tests.State;

[TestClass]
public sealed class ExportChainStoreTests
{
    [TestMethod]
    public async Task LoadAsync_BeforeFirstExport_IsNull()
    {
        using var temp = new TempFolder("chain");

        Assert.IsNull(await new ExportChainStore(temp.Path).LoadAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task RecordExportAsync_ThenNextDelta_SendsOnlyWhatChanged()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var store = new ExportChainStore(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan);
        await store.RecordExportAsync(first, firstPlan.Current, CancellationToken.None);

        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var chain = await store.LoadAsync(CancellationToken.None);
        var secondPlan = await scenario.PlanAsync(chain!.ToDeltaBase());

        Assert.AreEqual(2L, chain.NextSequence);
        Assert.AreEqual(first.ManifestSha256, chain.LastManifestSha256);
        Assert.AreEqual(first.ManifestSha256, chain.ToDeltaBase().Base!.ManifestSha256);
        Assert.AreEqual("0C/c.cab", secondPlan.Files.Single().Path);
        Assert.AreEqual(2, secondPlan.UnchangedCount);
        Assert.IsTrue(chain.Inventory.Entries.All(e => e.Sha256 is not null));
    }
}
