namespace CMDisconnectedSync.Lab.Tests;

[TestClass]
public sealed class LabContentComparisonTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-labcompare-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string Tree(string name, params (string Path, string Text)[] files)
    {
        var root = Path.Combine(_root, name);
        Directory.CreateDirectory(root);
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return root;
    }

    [TestMethod]
    public async Task CompareAsync_SameFiles_Identical()
    {
        var source = Tree("a", ("0A/x.cab", "one"), ("B1/y.txt", "two"));
        var target = Tree("b", ("0A/x.cab", "one"), ("B1/y.txt", "two"));

        var comparison = await LabContentComparison.CompareAsync(source, target, CancellationToken.None);

        Assert.IsTrue(comparison.Identical);
        Assert.AreEqual(2, comparison.Files);
        Assert.AreEqual(6L, comparison.Bytes);
    }

    [TestMethod]
    public async Task CompareAsync_SameSizeOtherBytesMissingAndExtra_ListsEachDifference()
    {
        var source = Tree("a", ("0A/x.cab", "one"), ("B1/y.txt", "two"));
        var target = Tree("b", ("0A/x.cab", "uno"), ("C2/z.exe", "extra"));

        var comparison = await LabContentComparison.CompareAsync(source, target, CancellationToken.None);

        Assert.IsFalse(comparison.Identical);
        CollectionAssert.AreEqual(
            new[] { "0A/x.cab: content differs", "B1/y.txt: missing on " + target, "C2/z.exe: only on " + target },
            comparison.Differences.ToArray());
    }
}
