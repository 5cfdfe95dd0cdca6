using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

/// <summary><see cref="DeliveredDeploymentContent.From"/>: the carried files of a verified bundle, found where the writer put them.</summary>
[TestClass]
public sealed class DeliveredDeploymentContentTests
{
    private BundleScenario _scenario = null!;

    [TestInitialize]
    public void CreateScenario() => _scenario = new BundleScenario().WithContent("0A/a.cab", 5_000, seed: 1);

    [TestCleanup]
    public void DeleteScenario() => _scenario.Dispose();

    [TestMethod]
    public async Task From_UnsplitAndVolumes_ResolvesEveryFileToBytesWithTheManifestsSha256()
    {
        foreach (var maxVolumeSize in new long?[] { null, 400_000 })
        {
            using var scenario = new BundleScenario().WithContent("0A/a.cab", 5_000, seed: 1)
                .WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 300_000, seed: 4)
                .WithDeploymentContent(1002, "sub/ndp48-kb5049999-x64.exe", 250_000, seed: 5);
            await scenario.WriteBundleAsync(maxVolumeSize: maxVolumeSize);
            var bundle = await scenario.VerifiedAsync();

            var delivered = DeliveredDeploymentContent.From(bundle.Manifest, bundle.Folder);

            Assert.HasCount(2, delivered);
            foreach (var file in delivered)
            {
                var staged = scenario.DeploymentContent.Single(c => c.Request.ContentId == file.Entry.ContentId);
                Assert.AreEqual(staged.Request, file.Entry);
                Assert.AreEqual(staged.Sha256, file.Sha256);
                Assert.AreEqual(file.Sha256, Sha256Hex.OfBytes(File.ReadAllBytes(file.FullPath)), file.FullPath);
                Assert.AreEqual(maxVolumeSize is not null, file.FullPath.Contains("volume-", StringComparison.Ordinal), file.FullPath);
            }
        }
    }

    [TestMethod]
    public async Task From_BundleWithoutDeploymentContent_IsEmpty()
    {
        await _scenario.WriteBundleAsync();

        Assert.IsEmpty(DeliveredDeploymentContent.From((await _scenario.VerifiedAsync()).Manifest, _scenario.BundleFolder));
    }

    [TestMethod]
    public async Task From_FileSplitAcrossVolumes_RefusedNamingItAndTheFix()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 2_300_000, seed: 4);
        await _scenario.WriteBundleAsync(maxVolumeSize: 1_000_000);
        var bundle = await _scenario.VerifiedAsync();

        var ex = Assert.ThrowsExactly<NotSupportedException>(() => DeliveredDeploymentContent.From(bundle.Manifest, bundle.Folder));

        StringAssert.Contains(ex.Message, "windows10.0-kb5048652-x64.cab");
        StringAssert.Contains(ex.Message, "FromAsync");
    }

    [TestMethod]
    public async Task FromAsync_FileSplitAcrossVolumes_JoinedOutsideTheBundleWithItsSha256()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 2_300_000, seed: 4).WithDeploymentContent(1002, "ndp48-kb5049999-x64.exe", 70_000, seed: 5);
        await _scenario.WriteBundleAsync(maxVolumeSize: 1_000_000);
        var bundle = await _scenario.VerifiedAsync();
        var joinFolder = _scenario.Scratch("joined");

        var delivered = await DeliveredDeploymentContent.FromAsync(bundle.Manifest, bundle.Folder, joinFolder, CancellationToken.None);

        var big = delivered.Single(d => d.Entry.ContentId == 1001);
        Assert.AreEqual(Path.Combine(joinFolder, "1001", "windows10.0-kb5048652-x64.cab"), big.FullPath);
        CollectionAssert.AreEqual(File.ReadAllBytes(_scenario.DeploymentContent[0].SourcePath), File.ReadAllBytes(big.FullPath));
        var small = delivered.Single(d => d.Entry.ContentId == 1002);
        StringAssert.StartsWith(small.FullPath, bundle.Folder, "a whole file is used where it is, not copied");
        Assert.IsFalse(Directory.Exists(Path.Combine(joinFolder, "1002")));
    }

    [TestMethod]
    public async Task FromAsync_PartAlteredAfterVerification_RefusedAndNothingLeftUnderTheName()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 2_300_000, seed: 4);
        var written = await _scenario.WriteBundleAsync(maxVolumeSize: 1_000_000);
        var bundle = await _scenario.VerifiedAsync();
        var file = written.Manifest.DeploymentContent![0].File;
        var part = BundleLayout.ToFullPath(bundle.Folder, BundleLayout.PartPath(file, file.Parts![1]));
        var bytes = File.ReadAllBytes(part);
        bytes[7] ^= 0x01;
        File.WriteAllBytes(part, bytes);
        var joinFolder = _scenario.Scratch("joined");

        await Assert.ThrowsExactlyAsync<ContentHashMismatchException>(() => DeliveredDeploymentContent.FromAsync(bundle.Manifest, bundle.Folder, joinFolder, CancellationToken.None));

        Assert.IsFalse(File.Exists(Path.Combine(joinFolder, "1001", "windows10.0-kb5048652-x64.cab")));
    }
}
