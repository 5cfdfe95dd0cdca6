using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;

namespace CMDisconnectedSync.Core.Tests.Delta;

[TestClass]
public sealed class ContentInventoryTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly string ShaA = new('a', 64);
    private static readonly string ShaB = new('b', 64);

    private static InventoryEntry Entry(string path, long size) => new() { Path = path, Size = size, LastWriteUtc = Monday };

    private static BundleFileEntry File(string path, long size, string sha) => new() { Path = path, Size = size, Sha256 = sha };

    private static ContentInventory CreateSut() =>
        ContentInventory.From([Entry("0A/a.cab", 10), Entry("0A/b.cab", 20), Entry("0B/c.cab", 30), Entry("0C/d.cab", 40)]);

    [TestMethod]
    public void WithHashes_FilesInCanonicalOrder_HashesOnlyPathsWithTheSameSize()
    {
        var result = CreateSut().WithHashes([File("0A/0.cab", 5, ShaB), File("0A/b.cab", 20, ShaA), File("0B/c.cab", 31, ShaB), File("0C/d.cab", 40, ShaB)]);

        CollectionAssert.AreEqual(new[] { null, ShaA, null, ShaB }, result.Entries.Select(e => e.Sha256).ToArray());
        CollectionAssert.AreEqual(new[] { "0A/a.cab", "0A/b.cab", "0B/c.cab", "0C/d.cab" }, result.Entries.Select(e => e.Path).ToArray());
    }

    [TestMethod]
    public void WithHashes_FilesOutOfOrder_GivesTheSameResultAsInOrder()
    {
        var files = new[] { File("0C/d.cab", 40, ShaB), File("0A/b.cab", 20, ShaA), File("0B/c.cab", 31, ShaB) };

        var unordered = CreateSut().WithHashes(files);
        var ordered = CreateSut().WithHashes(files.OrderBy(f => f.Path, StringComparer.Ordinal));

        CollectionAssert.AreEqual(ordered.Entries.ToArray(), unordered.Entries.ToArray());
        CollectionAssert.AreEqual(new[] { null, ShaA, null, ShaB }, unordered.Entries.Select(e => e.Sha256).ToArray());
    }

    [TestMethod]
    public void WithHashes_EntriesNotSorted_StillFindsEveryHash()
    {
        // Entries is settable by anyone (a receipt read from JSON): the merge must not be trusted with unsorted input.
        var inventory = new ContentInventory { Entries = [Entry("0C/d.cab", 40), Entry("0A/b.cab", 20)] };

        var result = inventory.WithHashes([File("0A/b.cab", 20, ShaA), File("0C/d.cab", 40, ShaB)]);

        CollectionAssert.AreEqual(new[] { "0A/b.cab", "0C/d.cab" }, result.Entries.Select(e => e.Path).ToArray());
        CollectionAssert.AreEqual(new[] { ShaA, ShaB }, result.Entries.Select(e => e.Sha256).ToArray());
    }

    [TestMethod]
    public void From_UnsortedEntries_SortsThemOrdinal()
    {
        var result = ContentInventory.From([Entry("b", 1), Entry("B", 1), Entry("a/c", 1), Entry("a.c", 1)]);

        CollectionAssert.AreEqual(new[] { "B", "a.c", "a/c", "b" }, result.Entries.Select(e => e.Path).ToArray());
    }
}
