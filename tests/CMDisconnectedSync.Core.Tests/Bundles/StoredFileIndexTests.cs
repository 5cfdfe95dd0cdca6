using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class StoredFileIndexTests
{
    [TestMethod]
    [DataRow(null)]
    [DataRow(1_000_000L)]
    public async Task FindAndDescribe_EveryStoredFile_AgreeWithLayout(long? maxVolumeSize)
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 10).WithContent("0B/big.cab", 2_500_000, seed: 2).WithContent("0C/c.cab", 0);
        var written = await scenario.WriteBundleAsync(maxVolumeSize: maxVolumeSize);
        var sut = new StoredFileIndex(written.Manifest);

        var expected = BundleLayout.ExpectedFiles(written.Manifest).Where(f => f.Sha256 is not null).ToList();

        Assert.AreEqual(expected.Count, sut.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.AreEqual(expected[i], sut.Describe(i));
            Assert.AreEqual(i, sut.Find(expected[i].RelativePath), expected[i].RelativePath);
        }
    }

    [TestMethod]
    public async Task Find_PartsOfASplitMetadataPackage_AreFoundLikeContentParts()
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 10);
        File.WriteAllBytes(scenario.MetadataPackage, BundleScenario.Bytes(300_000, 9));
        var written = await scenario.WriteBundleAsync(maxVolumeSize: 200_000);
        var sut = new StoredFileIndex(written.Manifest);
        var package = written.Manifest.Metadata.Package;

        foreach (var part in package.Parts!)
        {
            var item = sut.Find(BundleLayout.PartPath(package, part));
            Assert.AreNotEqual(-1, item, BundleLayout.PartPath(package, part));
            Assert.AreEqual(new StoredFile(BundleLayout.PartPath(package, part), $"{package.Path} (part {part.Index} of {package.Parts.Count})", part.Size, part.Sha256, part.Volume), sut.Describe(item));
        }
    }

    [TestMethod]
    [DataRow("content/0A/a.cab.001")]
    [DataRow("volume-001/content/0A/a.cab")]
    [DataRow("content/0A/A.CAB")]
    [DataRow("metadata/other.log")]
    [DataRow("parts/0A/a.cab.001")]
    [DataRow("content/")]
    public async Task Find_PathTheManifestDoesNotPlace_IsMinusOne(string relative)
    {
        using var scenario = new BundleScenario().WithContent("0A/a.cab", 10);
        var written = await scenario.WriteBundleAsync();

        Assert.AreEqual(-1, new StoredFileIndex(written.Manifest).Find(relative));
    }
}
