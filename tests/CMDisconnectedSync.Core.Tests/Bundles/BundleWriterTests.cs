using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class BundleWriterTests
{
    private BundleScenario _scenario = null!;

    [TestInitialize]
    public void CreateScenario() => _scenario = new BundleScenario()
        .WithContent("0A/a.cab", 5_000, seed: 1)
        .WithContent("0B/b.cab", 2_600_000, seed: 2);

    [TestCleanup]
    public void DeleteScenario() => _scenario.Dispose();

    private Task<BundleWriteResult> CreateSut(long? maxVolumeSize = null) => _scenario.WriteBundleAsync(sequence: 12, maxVolumeSize: maxVolumeSize);

    [TestMethod]
    public async Task WriteAsync_Unsplit_LaysOutManifestSignatureMetadataAndContent()
    {
        var written = await CreateSut();

        foreach (var relative in new[] { "manifest.json", "manifest.json.p7s", "metadata/export.xml.gz", "metadata/export.log", "content/0A/a.cab", "content/0B/b.cab" })
        {
            Assert.IsTrue(File.Exists(BundleLayout.ToFullPath(_scenario.BundleFolder, relative)), relative);
        }

        Assert.AreEqual(12L, written.Manifest.Sequence);
        Assert.AreEqual(_scenario.Clock.GetUtcNow(), written.Manifest.CreatedAtUtc);
        Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(Path.Combine(_scenario.ContentRoot, "0B", "b.cab"))), written.Manifest.Files.Single(f => f.Path == "0B/b.cab").Sha256);
        CollectionAssert.AreEqual(written.ManifestBytes, File.ReadAllBytes(Path.Combine(_scenario.BundleFolder, "manifest.json")));
    }

    [TestMethod]
    public async Task WriteAsync_MaxVolumeSize_SplitsLargeFileIntoPartsWithinLimit()
    {
        var written = await CreateSut(maxVolumeSize: 1_000_000);

        var big = written.Manifest.Files.Single(f => f.Path == "0B/b.cab");
        Assert.IsNotNull(big.Parts);
        Assert.AreEqual(2_600_000L, big.Parts.Sum(p => p.Size));
        Assert.IsTrue(File.Exists(Path.Combine(_scenario.BundleFolder, "volume-001", "manifest.json")));
        foreach (var volume in Directory.GetDirectories(_scenario.BundleFolder))
        {
            var bytes = Directory.GetFiles(volume, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Assert.IsLessThanOrEqualTo(1_000_000L, bytes, volume);
        }
    }

    [TestMethod]
    public async Task WriteAsync_SplitContentFileNamedLikeTheSplitPackage_RefusesBecauseTheirPartsWouldCollide()
    {
        File.WriteAllBytes(_scenario.MetadataPackage, BundleScenario.Bytes(1_200_000, 9));
        _scenario.WithContent("export.xml.gz", 1_200_000, seed: 10);

        var refused = await Assert.ThrowsExactlyAsync<IOException>(() => CreateSut(maxVolumeSize: 1_000_000));

        StringAssert.Contains(refused.Message, "'export.xml.gz'");
        StringAssert.Contains(refused.Message, "--max-volume-size");
    }

    [TestMethod]
    public async Task WriteAsync_NonEmptyOutputFolder_RefusesToOverwrite()
    {
        Directory.CreateDirectory(_scenario.BundleFolder);
        File.WriteAllText(Path.Combine(_scenario.BundleFolder, "keep.txt"), "admin's file");

        var ex = await Assert.ThrowsExactlyAsync<IOException>(() => CreateSut());

        StringAssert.Contains(ex.Message, _scenario.BundleFolder);
    }

    [TestMethod]
    public async Task WriteAsync_SymlinkInContent_IsRefusedNamingIt()
    {
        var outside = _scenario.Scratch("outside.txt");
        File.WriteAllText(outside, "secret");
        File.CreateSymbolicLink(Path.Combine(_scenario.ContentRoot, "0A", "link.cab"), outside);

        var ex = await Assert.ThrowsExactlyAsync<UnsafePathException>(() => CreateSut());

        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
        Assert.AreEqual("0A/link.cab", ex.Entry);
    }

    [TestMethod]
    [DataRow(null, DisplayName = "whole file (Linux: refused by the copier's O_NOFOLLOW open)")]
    [DataRow(1_000_000L, DisplayName = "split file (refused by the per-file check)")]
    public async Task WriteAsync_FileSwappedForLinkAfterPlanning_IsRefusedNamingItAndWritesNoManifest(long? maxVolumeSize)
    {
        // The plan is made while b.cab is a real file; a link then takes its place before the copy (the race the
        // scanner cannot see). The writer no longer lstat()s every file on Linux, so its open must catch this.
        var plan = await _scenario.PlanAsync();
        var outside = _scenario.Scratch("outside.bin");
        File.Move(Path.Combine(_scenario.ContentRoot, "0B", "b.cab"), outside);
        File.CreateSymbolicLink(Path.Combine(_scenario.ContentRoot, "0B", "b.cab"), outside);

        var ex = await Assert.ThrowsExactlyAsync<UnsafePathException>(() => _scenario.WriteBundleAsync(sequence: 12, maxVolumeSize: maxVolumeSize, plan: plan));

        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
        Assert.AreEqual("0B/b.cab", ex.Entry);
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.BundleFolder, "manifest.json")));
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.BundleFolder, "volume-001", "manifest.json")));
    }

    [TestMethod]
    public async Task WriteAsync_FileGrewAfterPlanning_RecordsTheLengthActuallyCopied()
    {
        // Sizes come from the scan (no second stat per file); what the manifest records is what was copied and hashed.
        var plan = await _scenario.PlanAsync();
        var path = Path.Combine(_scenario.ContentRoot, "0A", "a.cab");
        File.AppendAllText(path, "grown after the scan");

        var written = await _scenario.WriteBundleAsync(sequence: 12, plan: plan);

        var entry = written.Manifest.Files.Single(f => f.Path == "0A/a.cab");
        Assert.AreEqual(new FileInfo(path).Length, entry.Size);
        Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(path)), entry.Sha256);
        Assert.IsTrue((await _scenario.VerifyAsync()).Succeeded);
    }

    [TestMethod]
    public async Task WriteAsync_Cancelled_ThrowsAndWritesNoManifest()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var writer = new BundleWriter(LabCertificates.ExportServerSigner, _scenario.Clock, new BundlePathValidator());
        var request = new BundleWriteRequest
        {
            ContentRoot = _scenario.ContentRoot,
            Plan = await _scenario.PlanAsync(),
            MetadataPackagePath = _scenario.MetadataPackage,
            MetadataLogPath = _scenario.MetadataLog,
            OutputFolder = _scenario.BundleFolder,
            Sequence = 1,
            Source = BundleScenario.Source,
        };

        await Assert.ThrowsAsync<OperationCanceledException>(() => writer.WriteAsync(request, null, cancelled.Token));

        Assert.IsFalse(File.Exists(Path.Combine(_scenario.BundleFolder, "manifest.json")));
    }


    // Issue 18 (carry): deployment content travels beside WsusContent, never in it.
    [TestMethod]
    public async Task WriteAsync_DeploymentContent_StoredUnderDeploymentContentListedWithBothDigestsAndFormat11()
    {
        _scenario.WithDeploymentContent(1002, "ndp48-kb5049999-x64.exe", 70_000, seed: 5).WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 300_000, seed: 4);

        var written = await CreateSut();

        Assert.AreEqual("1.1", written.Manifest.FormatVersion);
        Assert.AreEqual(_scenario.ContentRequestId, written.Manifest.ContentRequestId);
        CollectionAssert.AreEqual(
            new[] { "deployment-content/1001/windows10.0-kb5048652-x64.cab", "deployment-content/1002/ndp48-kb5049999-x64.exe" },
            written.Manifest.DeploymentContent!.Select(d => d.File.Path).ToArray());
        foreach (var staged in _scenario.DeploymentContent)
        {
            var entry = written.Manifest.DeploymentContent!.Single(d => d.Request.ContentId == staged.Request.ContentId);
            var stored = BundleLayout.ToFullPath(_scenario.BundleFolder, entry.File.Path);
            CollectionAssert.AreEqual(File.ReadAllBytes(staged.SourcePath), File.ReadAllBytes(stored));
            Assert.AreEqual(BundleScenario.Sha(File.ReadAllBytes(staged.SourcePath)), entry.File.Sha256);
            Assert.AreEqual(staged.Request.FileHash, entry.Request.FileHash, "Microsoft's digest travels verbatim in the signed manifest");
            Assert.IsNull(entry.File.Change);
        }

        Assert.IsFalse(written.Manifest.Files.Any(f => f.Path.Contains("kb50", StringComparison.Ordinal)), "deployment content is not a WsusContent file");
        Assert.IsTrue((await _scenario.VerifyAsync()).Succeeded);
    }

    [TestMethod]
    public async Task WriteAsync_NoDeploymentContent_KeepsTheFormat10Bytes()
    {
        var written = await CreateSut();

        var json = System.Text.Encoding.UTF8.GetString(written.ManifestBytes);
        StringAssert.StartsWith(json, "{\"formatVersion\":\"1.0\",");
        Assert.DoesNotContain("deploymentContent", json);
        Assert.DoesNotContain("contentRequestId", json);
        Assert.IsFalse(Directory.Exists(Path.Combine(_scenario.BundleFolder, "deployment-content")));
    }

    [TestMethod]
    public async Task WriteAsync_SplitVolumes_CarryDeploymentContentWholeAndInParts()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 2_300_000, seed: 4).WithDeploymentContent(1002, "ndp48-kb5049999-x64.exe", 70_000, seed: 5);

        var written = await CreateSut(maxVolumeSize: 1_000_000);

        var big = written.Manifest.DeploymentContent!.Single(d => d.Request.ContentId == 1001).File;
        Assert.IsNotNull(big.Parts);
        Assert.AreEqual(2_300_000L, big.Parts.Sum(p => p.Size));
        Assert.IsTrue(File.Exists(BundleLayout.ToFullPath(_scenario.BundleFolder, BundleLayout.PartPath(big, big.Parts[0]))));
        var small = written.Manifest.DeploymentContent!.Single(d => d.Request.ContentId == 1002).File;
        Assert.IsGreaterThan(0, small.Volume);
        Assert.IsTrue(File.Exists(BundleLayout.ToFullPath(_scenario.BundleFolder, BundleLayout.StoredPath(BundleLayout.DeploymentContentArea, small))));
        foreach (var volume in Directory.GetDirectories(_scenario.BundleFolder))
        {
            Assert.IsLessThanOrEqualTo(1_000_000L, Directory.GetFiles(volume, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), volume);
        }

        var verified = await _scenario.VerifyAsync();
        Assert.IsTrue(verified.Succeeded, verified.Cause);
    }

    [TestMethod]
    public async Task WriteAsync_StagedFileChangedAfterItsDigestCheck_RefusedAndNoManifestWritten()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 40_000, seed: 4);
        var staged = _scenario.DeploymentContent[0].SourcePath;
        var bytes = File.ReadAllBytes(staged);
        bytes[123] ^= 0xFF;
        File.WriteAllBytes(staged, bytes);

        var ex = await Assert.ThrowsExactlyAsync<IOException>(() => CreateSut());

        StringAssert.Contains(ex.Message, "KB501001 (content 1001) windows10.0-kb5048652-x64.cab");
        StringAssert.Contains(ex.Message, "changed after it was checked against Microsoft's digest");
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.BundleFolder, BundleLayout.ManifestFileName)), "no manifest: the bundle is visibly unfinished");
    }
}
