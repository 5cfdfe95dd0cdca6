using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Core.Tests.State;

[TestClass]
public sealed class ExportChainStoreTests
{
    [TestMethod]
    public async Task LoadAsync_BeforeFirstExport_IsNull()
    {
        using var temp = new TempFolder("chain");

        Assert.IsNull(await CreateSut(temp.Path).LoadAsync(CancellationToken.None));
    }

    [TestMethod]
    public async Task RecordExportAsync_ThenNextDelta_SendsOnlyWhatChanged()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var store = CreateSut(scenario.Scratch("chain"));
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

    [TestMethod]
    [DataRow(ExportChainStore.LastManifestFileName)]
    [DataRow(ExportChainStore.LastInventoryFileName)]
    public async Task RecordExportAsync_PowerCutBetweenItsTwoFiles_NextDeltaOnTheChainsHeadStillDeliversEveryFile(string fileLeftAtItsOldVersion)
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan);
        await store.RecordExportAsync(first, firstPlan.Current, CancellationToken.None);
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondBase = (await store.LoadAsync(CancellationToken.None))!.ToDeltaBase();
        var secondPlan = await scenario.PlanAsync(secondBase);
        var second = await scenario.WriteBundleAsync(sequence: 2, bundleBase: secondBase.Base, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2"));
        // The replacement of this one file never lands (what a power cut between the two writes leaves).
        var blocked = Path.Combine(store.Folder, fileLeftAtItsOldVersion + HashingFileCopier.PartialSuffix);
        Directory.CreateDirectory(blocked);
        await Assert.ThrowsAsync<Exception>(() => store.RecordExportAsync(second, secondPlan.Current, CancellationToken.None));
        Directory.Delete(blocked);

        var chain = (await store.LoadAsync(CancellationToken.None))!;
        var next = await scenario.PlanAsync(chain.ToDeltaBase());

        // The disconnected side holds the files of every bundle up to the head the chain names; the next bundle must complete it.
        var delivered = first.Manifest.Files.Concat(chain.LastSequence == 2 ? second.Manifest.Files : []);
        var afterNext = next.ApplyTo(delivered.Select(f => new InventoryEntry { Path = f.Path, Size = f.Size, LastWriteUtc = DateTimeOffset.MinValue }));
        CollectionAssert.AreEquivalent(new[] { "0A/a.cab", "0B/b.cab", "0C/c.cab" }, afterNext.Keys.ToList());
    }

    [TestMethod]
    public async Task LoadAsync_InventoryOneExportBehindTheManifest_RepairsItFromTheManifestAndSaysSo()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        await store.RecordExportAsync(await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan), firstPlan.Current, CancellationToken.None);
        var inventoryOfFirst = File.ReadAllBytes(Path.Combine(store.Folder, ExportChainStore.LastInventoryFileName));
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondBase = (await store.LoadAsync(CancellationToken.None))!.ToDeltaBase();
        var secondPlan = await scenario.PlanAsync(secondBase);
        await store.RecordExportAsync(
            await scenario.WriteBundleAsync(sequence: 2, bundleBase: secondBase.Base, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2")), secondPlan.Current, CancellationToken.None);
        File.WriteAllBytes(Path.Combine(store.Folder, ExportChainStore.LastInventoryFileName), inventoryOfFirst);

        var chain = (await store.LoadAsync(CancellationToken.None))!;
        var next = await scenario.PlanAsync(chain.ToDeltaBase());

        Assert.AreEqual(2L, chain.LastSequence);
        StringAssert.Contains(chain.Repair, "sequence 1");
        Assert.IsEmpty(next.Files, "bundle 2's file is known to be on the other side; nothing is sent twice");
        Assert.AreEqual(3, next.UnchangedCount);
    }

    [TestMethod]
    public async Task LoadAsync_InventoryNewerThanTheManifest_RefusesNamingBothFilesAndTheFix()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        await store.RecordExportAsync(await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan), firstPlan.Current, CancellationToken.None);
        var manifestOfFirst = File.ReadAllBytes(Path.Combine(store.Folder, ExportChainStore.LastManifestFileName));
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondPlan = await scenario.PlanAsync((await store.LoadAsync(CancellationToken.None))!.ToDeltaBase());
        await store.RecordExportAsync(await scenario.WriteBundleAsync(sequence: 2, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2")), secondPlan.Current, CancellationToken.None);
        File.WriteAllBytes(Path.Combine(store.Folder, ExportChainStore.LastManifestFileName), manifestOfFirst);

        var refused = await Assert.ThrowsAsync<StateFileException>(() => store.LoadAsync(CancellationToken.None));

        StringAssert.Contains(refused.Message, ExportChainStore.LastInventoryFileName);
        StringAssert.Contains(refused.Message, "sequence 2");
        StringAssert.Contains(refused.Message, "sequence 1");
        StringAssert.Contains(refused.Message, "delete " + ExportChainStore.LastInventoryFileName);
    }

    private static ExportChainStore CreateSut(string folder) => new(folder, StateFolderProtections.ForThisComputer());
}
