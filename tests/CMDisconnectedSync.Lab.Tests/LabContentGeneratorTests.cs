using System.Security.Cryptography;
using CMDisconnectedSync.Lab;

namespace CMDisconnectedSync.Lab.Tests;

[TestClass]
public sealed class LabContentGeneratorTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-lab-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private static Dictionary<string, string> HashTree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))),
            StringComparer.Ordinal);

    [TestMethod]
    public void Generate_TinySpec_WritesPayloadAndLicenseTermsInTwoHexFolders()
    {
        var written = LabContentGenerator.Generate(_root, LabContentSpec.Tiny);

        Assert.HasCount(28, written);
        Assert.AreEqual(4, written.Count(p => p.EndsWith(".txt", StringComparison.Ordinal)));
        foreach (var relative in written)
        {
            var folder = relative.Split('/')[0];
            var name = Path.GetFileNameWithoutExtension(relative);
            Assert.AreEqual(name.Substring(38), folder, relative);
            Assert.IsTrue(File.Exists(Path.Combine(_root, relative)), relative);
        }

        var payloadBytes = written.Where(p => !p.EndsWith(".txt", StringComparison.Ordinal))
            .Sum(p => new FileInfo(Path.Combine(_root, p)).Length);
        Assert.IsTrue(payloadBytes > LabContentSpec.Tiny.TotalPayloadBytes * 0.95 && payloadBytes <= LabContentSpec.Tiny.TotalPayloadBytes,
            $"payload bytes {payloadBytes}");
    }

    [TestMethod]
    public void Generate_SameSpecTwice_GivesIdenticalTrees()
    {
        var first = Path.Combine(_root, "a");
        var second = Path.Combine(_root, "b");

        LabContentGenerator.Generate(first, LabContentSpec.Tiny);
        LabContentGenerator.Generate(second, LabContentSpec.Tiny);

        CollectionAssert.AreEquivalent(HashTree(first).ToList(), HashTree(second).ToList());
    }

    [TestMethod]
    public void SimulateSync_AddsAndChangesExactlyTheFilesItReports()
    {
        LabContentGenerator.Generate(_root, LabContentSpec.Tiny);
        var before = HashTree(_root);

        var touched = LabContentGenerator.SimulateSync(_root, added: 3, changed: 2, seed: 1);

        var after = HashTree(_root);
        var differing = after.Where(kv => !before.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key).ToList();
        CollectionAssert.AreEquivalent(touched.ToList(), differing);
        Assert.HasCount(6, touched, "3 added + 2 changed + 1 new license terms file");
        Assert.HasCount(before.Count + 4, after);
    }
}
