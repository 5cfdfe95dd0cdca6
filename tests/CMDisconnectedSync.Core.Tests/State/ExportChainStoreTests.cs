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
    [DataRow(ExportChainStore.PointerFileName)]
    public async Task RecordExportAsync_PowerCutBetweenItsWrites_NextDeltaOnTheChainsHeadStillDeliversEveryFile(string fileThatNeverLands)
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
        // The replacement of this one file never lands (what a power cut between the writes leaves): a folder where its
        // temp file goes makes that write fail, in the pointer's folder or in the new generation's.
        var folder = fileThatNeverLands == ExportChainStore.PointerFileName
            ? store.Folder
            : Path.Combine(store.Folder, ExportChainStore.GenerationsFolderName, GenerationOf(second));
        var blocked = Path.Combine(folder, fileThatNeverLands + HashingFileCopier.PartialSuffix);
        Directory.CreateDirectory(blocked);
        await Assert.ThrowsAsync<Exception>(() => store.RecordExportAsync(second, secondPlan.Current, CancellationToken.None));
        Directory.Delete(blocked);

        var chain = (await store.LoadAsync(CancellationToken.None))!;
        var next = await scenario.PlanAsync(chain.ToDeltaBase());

        // The disconnected side holds the files of every bundle up to the head the chain names; the next bundle must complete it.
        var delivered = first.Manifest.Files.Concat(chain.LastSequence == 2 ? second.Manifest.Files : []);
        var afterNext = next.ApplyTo(delivered.Select(f => new InventoryEntry { Path = f.Path, Size = f.Size, LastWriteUtc = DateTimeOffset.MinValue }));
        CollectionAssert.AreEquivalent(new[] { "0A/a.cab", "0B/b.cab", "0C/c.cab" }, afterNext.Keys.ToList());
        // Every write but the pointer's goes to the new generation: the head is still sequence 1, whole.
        Assert.AreEqual(1L, chain.LastSequence);
        Assert.IsNull(chain.Repair);
    }

    // The old layout (root pair, no pointer), as an older cmdsync left it: read for migration, repaired as before.
    [TestMethod]
    public async Task LoadAsync_OldLayoutInventoryOneExportBehindTheManifest_RepairsItFromTheManifestAndSaysSo()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan);
        WriteOldLayout(store.Folder, first, firstPlan.Current);
        var inventoryOfFirst = File.ReadAllBytes(Path.Combine(store.Folder, ExportChainStore.LastInventoryFileName));
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondBase = (await store.LoadAsync(CancellationToken.None))!.ToDeltaBase();
        var secondPlan = await scenario.PlanAsync(secondBase);
        WriteOldLayout(store.Folder, await scenario.WriteBundleAsync(sequence: 2, bundleBase: secondBase.Base, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2")), secondPlan.Current);
        File.WriteAllBytes(Path.Combine(store.Folder, ExportChainStore.LastInventoryFileName), inventoryOfFirst);

        var chain = (await store.LoadAsync(CancellationToken.None))!;
        var next = await scenario.PlanAsync(chain.ToDeltaBase());

        Assert.AreEqual(2L, chain.LastSequence);
        StringAssert.Contains(chain.Repair, "sequence 1");
        Assert.IsEmpty(next.Files, "bundle 2's file is known to be on the other side; nothing is sent twice");
        Assert.AreEqual(3, next.UnchangedCount);
    }

    [TestMethod]
    public async Task LoadAsync_OldLayoutInventoryNewerThanTheManifest_RefusesNamingBothFilesAndTheFix()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        WriteOldLayout(store.Folder, await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan), firstPlan.Current);
        var manifestOfFirst = File.ReadAllBytes(Path.Combine(store.Folder, ExportChainStore.LastManifestFileName));
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondPlan = await scenario.PlanAsync((await store.LoadAsync(CancellationToken.None))!.ToDeltaBase());
        WriteOldLayout(store.Folder, await scenario.WriteBundleAsync(sequence: 2, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2")), secondPlan.Current);
        File.WriteAllBytes(Path.Combine(store.Folder, ExportChainStore.LastManifestFileName), manifestOfFirst);

        var refused = await Assert.ThrowsAsync<StateFileException>(() => store.LoadAsync(CancellationToken.None));

        StringAssert.Contains(refused.Message, ExportChainStore.LastInventoryFileName);
        StringAssert.Contains(refused.Message, "sequence 2");
        StringAssert.Contains(refused.Message, "sequence 1");
        StringAssert.Contains(refused.Message, "delete " + ExportChainStore.LastInventoryFileName);
    }

    [TestMethod]
    public async Task RecordExportAsync_OnAnOldLayout_MigratesToOneGenerationAndRemovesTheRootPair()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1);
        var store = CreateSut(scenario.Scratch("chain"));
        var firstPlan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan);
        WriteOldLayout(store.Folder, first, firstPlan.Current);
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondBase = (await store.LoadAsync(CancellationToken.None))!.ToDeltaBase();
        var secondPlan = await scenario.PlanAsync(secondBase);
        var second = await scenario.WriteBundleAsync(sequence: 2, bundleBase: secondBase.Base, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2"));

        await store.RecordExportAsync(second, secondPlan.Current, CancellationToken.None);

        var chain = (await store.LoadAsync(CancellationToken.None))!;
        Assert.AreEqual(2L, chain.LastSequence);
        Assert.AreEqual(second.ManifestSha256, chain.LastManifestSha256);
        Assert.IsFalse(File.Exists(Path.Combine(store.Folder, ExportChainStore.LastManifestFileName)), "the old layout's manifest is gone");
        Assert.IsFalse(File.Exists(Path.Combine(store.Folder, ExportChainStore.LastInventoryFileName)), "the old layout's inventory is gone");
        CollectionAssert.AreEqual(new[] { GenerationOf(second) }, Generations(store.Folder));
        Assert.AreEqual(Path.Combine(store.Folder, ExportChainStore.GenerationsFolderName, GenerationOf(second), ExportChainStore.LastManifestFileName),
            ExportChainStore.HeadManifestPath(store.Folder));
    }

    // Issue 19: each point a kill can stop RecordExportAsync at, left as the kill leaves it (the files of the interrupted
    // record of sequence 2 beside a complete record of sequence 1): the head is one whole export, and the next
    // export's sweep leaves nothing but the head.
    [TestMethod]
    [DataRow("generation manifest half-written", 1L)]
    [DataRow("generation manifest written, inventory half-written", 1L)]
    [DataRow("generation written, pointer half-written", 1L)]
    [DataRow("pointer flipped, old generation not yet removed", 2L)]
    [DataRow("pointer flipped over an old layout, root pair not yet removed", 2L)]
    public async Task LoadAsync_AfterAKillAtEachPointOfRecordExport_ReadsOneWholeHeadAndTheSweepLeavesOnlyIt(string killPoint, long expectedHead)
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1).WithContent("0B/b.cab", 2000, seed: 2);
        var oldLayout = killPoint.Contains("old layout", StringComparison.Ordinal);
        var before = scenario.Scratch("before");
        var after = scenario.Scratch("after");
        var firstPlan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: firstPlan);
        if (oldLayout)
        {
            WriteOldLayout(before, first, firstPlan.Current);
        }
        else
        {
            await CreateSut(before).RecordExportAsync(first, firstPlan.Current, CancellationToken.None);
        }

        CopyTree(before, after);
        scenario.WithContent("0C/c.cab", 10, seed: 3);
        var secondBase = (await CreateSut(after).LoadAsync(CancellationToken.None))!.ToDeltaBase();
        var secondPlan = await scenario.PlanAsync(secondBase);
        var second = await scenario.WriteBundleAsync(sequence: 2, bundleBase: secondBase.Base, plan: secondPlan, outputFolder: scenario.Scratch("bundle-2"));
        await CreateSut(after).RecordExportAsync(second, secondPlan.Current, CancellationToken.None);
        var killed = scenario.Scratch("killed");
        var newGeneration = Path.Combine(ExportChainStore.GenerationsFolderName, GenerationOf(second));
        var partial = HashingFileCopier.PartialSuffix;
        switch (killPoint)
        {
            case "generation manifest half-written":
                CopyTree(before, killed);
                CopyFile(after, killed, Path.Combine(newGeneration, ExportChainStore.LastManifestFileName), Path.Combine(newGeneration, ExportChainStore.LastManifestFileName + partial), truncate: true);
                break;
            case "generation manifest written, inventory half-written":
                CopyTree(before, killed);
                CopyFile(after, killed, Path.Combine(newGeneration, ExportChainStore.LastManifestFileName));
                CopyFile(after, killed, Path.Combine(newGeneration, ExportChainStore.LastInventoryFileName), Path.Combine(newGeneration, ExportChainStore.LastInventoryFileName + partial), truncate: true);
                break;
            case "generation written, pointer half-written":
                CopyTree(before, killed);
                CopyFile(after, killed, Path.Combine(newGeneration, ExportChainStore.LastManifestFileName));
                CopyFile(after, killed, Path.Combine(newGeneration, ExportChainStore.LastInventoryFileName));
                CopyFile(after, killed, ExportChainStore.PointerFileName, ExportChainStore.PointerFileName + partial, truncate: true);
                break;
            default:
                // After the flip, before the superseded files were removed: the new state plus everything of the old one.
                CopyTree(before, killed);
                CopyTree(after, killed);
                break;
        }

        var chain = (await CreateSut(killed).LoadAsync(CancellationToken.None))!;
        var swept = StateFolderLeftovers.Sweep(killed, CMDisconnectedSync.Workflows.WorkflowJournalFiles.ExportWorkflowName, TimeProvider.System, Serilog.Core.Logger.None);
        var afterSweep = (await CreateSut(killed).LoadAsync(CancellationToken.None))!;

        Assert.AreEqual(expectedHead, chain.LastSequence, killPoint);
        Assert.AreEqual(expectedHead == 2 ? second.ManifestSha256 : first.ManifestSha256, chain.LastManifestSha256);
        Assert.IsNull(chain.Repair, "no half-updated chain to repair");
        Assert.AreEqual(chain.LastManifestSha256, afterSweep.LastManifestSha256);
        Assert.HasCount(chain.Inventory.Entries.Count, afterSweep.Inventory.Entries);
        Assert.IsNotEmpty(swept, "the kill's leftovers were swept");
        var left = Directory.EnumerateFileSystemEntries(killed, "*", SearchOption.AllDirectories).Select(e => Path.GetRelativePath(killed, e)).OrderBy(e => e, StringComparer.Ordinal).ToList();
        var head = oldLayout && expectedHead == 1
            ? new[] { ExportChainStore.LastInventoryFileName, ExportChainStore.LastManifestFileName }
            : [
                ExportChainStore.PointerFileName,
                ExportChainStore.GenerationsFolderName,
                Path.Combine(ExportChainStore.GenerationsFolderName, GenerationOf(expectedHead == 2 ? second : first)),
                Path.Combine(ExportChainStore.GenerationsFolderName, GenerationOf(expectedHead == 2 ? second : first), ExportChainStore.LastInventoryFileName),
                Path.Combine(ExportChainStore.GenerationsFolderName, GenerationOf(expectedHead == 2 ? second : first), ExportChainStore.LastManifestFileName),
            ];
        CollectionAssert.AreEquivalent(head, left, string.Join(", ", left));
    }

    [TestMethod]
    public async Task LoadAsync_PointerNamesAGenerationWhoseInventoryIsMissing_RefusesNamingTheFile()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 1000, seed: 1);
        var store = CreateSut(scenario.Scratch("chain"));
        var plan = await scenario.PlanAsync();
        var first = await scenario.WriteBundleAsync(sequence: 1, plan: plan);
        await store.RecordExportAsync(first, plan.Current, CancellationToken.None);
        File.Delete(Path.Combine(store.Folder, ExportChainStore.GenerationsFolderName, GenerationOf(first), ExportChainStore.LastInventoryFileName));

        var refused = await Assert.ThrowsAsync<StateFileException>(() => store.LoadAsync(CancellationToken.None));

        StringAssert.Contains(refused.Message, ExportChainStore.LastInventoryFileName);
        StringAssert.Contains(refused.Message, ExportChainStore.PointerFileName);
    }

    private static ExportChainStore CreateSut(string folder) => new(folder, StateFolderProtections.ForThisComputer());

    private static string GenerationOf(BundleWriteResult bundle) =>
        bundle.Manifest.Sequence.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "-" + bundle.ManifestSha256.Substring(0, 16).ToLowerInvariant();

    private static List<string> Generations(string folder) =>
        Directory.EnumerateDirectories(Path.Combine(folder, ExportChainStore.GenerationsFolderName)).Select(d => Path.GetFileName(d)!).ToList();

    /// <summary>The pair as cmdsync wrote it before the generation layout: root files, manifest first.</summary>
    private static void WriteOldLayout(string folder, BundleWriteResult bundle, ContentInventory exported)
    {
        Directory.CreateDirectory(folder);
        var inventory = exported.WithHashes(bundle.Manifest.Files) with { ExportSequence = bundle.Manifest.Sequence, ExportManifestSha256 = bundle.ManifestSha256 };
        File.WriteAllBytes(Path.Combine(folder, ExportChainStore.LastManifestFileName), bundle.ManifestBytes);
        File.WriteAllBytes(Path.Combine(folder, ExportChainStore.LastInventoryFileName),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(inventory, BundleJsonContext.Default.ContentInventory));
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            CopyFile(from, to, Path.GetRelativePath(from, file));
        }
    }

    /// <summary>Copies one file of a state folder; <paramref name="truncate"/> keeps its first half, as a write cut short leaves it.</summary>
    private static void CopyFile(string from, string to, string relative, string? asRelative = null, bool truncate = false)
    {
        var target = Path.Combine(to, asRelative ?? relative);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var bytes = File.ReadAllBytes(Path.Combine(from, relative));
        File.WriteAllBytes(target, truncate ? bytes[..(bytes.Length / 2)] : bytes);
    }
}
