using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Delta;
using FsCheck;
using FsCheck.Fluent;

namespace CMDisconnectedSync.Core.Tests.Delta;

[TestClass]
public sealed class DeltaPlannerTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static DeltaPlanner CreateSut() => new();

    private static InventoryEntry Entry(string path, long size, DateTimeOffset? written = null, string? sha = null) =>
        new() { Path = path, Size = size, LastWriteUtc = written ?? Monday, Sha256 = sha };

    [TestMethod]
    public async Task PlanAsync_NoBase_EveryFileIsNew()
    {
        var plan = await CreateSut().PlanAsync("/unused", ContentInventory.From([Entry("a", 1), Entry("b", 2)]), null, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "a", "b" }, plan.Files.Select(f => f.Path).ToArray());
        Assert.IsTrue(plan.Files.All(f => f.Change == ContentChange.New));
    }

    [TestMethod]
    public async Task PlanAsync_SameSizeAndTimeAsPreviousExport_IsUnchangedWithoutReading()
    {
        var baseline = new DeltaBase(new BundleBase(1, new string('a', 64)), ContentInventory.From([Entry("0A/x.cab", 10, sha: new string('c', 64))]), TimestampsComparable: true);

        // The content root does not exist: any attempt to read the file would throw.
        var plan = await CreateSut().PlanAsync("/does/not/exist", ContentInventory.From([Entry("0A/x.cab", 10)]), baseline, CancellationToken.None);

        Assert.IsEmpty(plan.Files);
        Assert.AreEqual(1, plan.UnchangedCount);
        Assert.AreEqual(new string('c', 64), plan.Current.Entries[0].Sha256);
    }

    [TestMethod]
    public async Task PlanAsync_SizeChanged_IsChanged()
    {
        var baseline = new DeltaBase(null, ContentInventory.From([Entry("x", 10)]), TimestampsComparable: true);

        var plan = await CreateSut().PlanAsync("/unused", ContentInventory.From([Entry("x", 11)]), baseline, CancellationToken.None);

        Assert.AreEqual(ContentChange.Changed, plan.Files.Single().Change);
    }

    [TestMethod]
    public async Task PlanAsync_ReceiptBaseSameSize_HashesToDecide()
    {
        using var temp = new TempFolder("delta");
        var same = temp.WriteFile("same.cab", [1, 2, 3]);
        temp.WriteFile("edited.cab", [9, 9, 9]);
        var receipt = ContentInventory.From([Entry("same.cab", 3, sha: BundleScenario.Sha([1, 2, 3])), Entry("edited.cab", 3, sha: BundleScenario.Sha([1, 2, 3])), Entry("gone.cab", 5)]);
        var current = ContentInventory.From([Entry("same.cab", 3, File.GetLastWriteTimeUtc(same)), Entry("edited.cab", 3)]);

        var plan = await CreateSut().PlanAsync(temp.Path, current, new DeltaBase(null, receipt, TimestampsComparable: false), CancellationToken.None);

        Assert.AreEqual("edited.cab", plan.Files.Single().Path);
        Assert.AreEqual(BundleScenario.Sha([9, 9, 9]), plan.Files.Single().KnownSha256);
        CollectionAssert.AreEqual(new[] { "gone.cab" }, plan.RemovedPaths.ToArray());
        Assert.AreEqual(1, plan.UnchangedCount);
    }

    [TestMethod]
    public void PlanAsync_AnyBaseAndNewTree_AppliedToBaseReproducesNew()
    {
        // Trees over a small path alphabet so bases and new trees overlap: kept, resized, rewritten (same size,
        // other bytes and time), touched (same bytes, other time), added, removed. Each file's bytes are a function
        // of (size, version); its last-write time is Monday + version hours.
        var paths = Enumerable.Range(0, 10).Select(i => $"{i % 3:X2}/f{i}.cab").ToArray();
        var file = Gen.Zip(Gen.Elements(paths), Gen.Zip(Gen.Choose(0, 3), Gen.Choose(0, 2)));
        var tree = Gen.ListOf(file).Select(l => l.GroupBy(f => f.Item1).Select(g => (Path: g.Key, Size: g.First().Item2.Item1, Version: g.First().Item2.Item2)).ToList());

        var property = Prop.ForAll(Gen.Zip(tree, tree).ToArbitrary(), t =>
        {
            var (baseTree, newTree) = t;
            using var temp = new TempFolder("delta-prop");
            foreach (var f in newTree)
            {
                var full = temp.WriteFile(f.Path, Content(f.Size, f.Version));
                File.SetLastWriteTimeUtc(full, Monday.AddHours(f.Version).UtcDateTime);
            }

            var baseline = ContentInventory.From(baseTree.Select(f => Entry(f.Path, f.Size, Monday.AddHours(f.Version), BundleScenario.Sha(Content(f.Size, f.Version)))));
            var current = ContentInventory.From(newTree.Select(f => Entry(f.Path, f.Size, Monday.AddHours(f.Version))));
            var plan = CreateSut().PlanAsync(temp.Path, current, new DeltaBase(null, baseline, TimestampsComparable: true), CancellationToken.None).GetAwaiter().GetResult();

            var applied = plan.ApplyTo(baseline.Entries);
            var baseBytes = baseTree.ToDictionary(f => f.Path, f => Content(f.Size, f.Version));
            var mustSend = newTree.Where(f => !baseBytes.TryGetValue(f.Path, out var old) || !old.AsSpan().SequenceEqual(Content(f.Size, f.Version))).Select(f => f.Path).OrderBy(p => p, StringComparer.Ordinal);
            return applied.Count == newTree.Count
                && newTree.All(f => applied.TryGetValue(f.Path, out var size) && size == f.Size)
                && plan.Files.Select(f => f.Path).SequenceEqual(mustSend);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    private static byte[] Content(int size, int version) => Enumerable.Range(0, size).Select(i => (byte)((version * 31) + i)).ToArray();
}
