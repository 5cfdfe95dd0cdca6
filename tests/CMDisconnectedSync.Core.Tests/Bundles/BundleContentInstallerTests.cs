using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class BundleContentInstallerTests
{
    private BundleScenario _scenario = null!;

    [TestInitialize]
    public void CreateScenario() => _scenario = new BundleScenario()
        .WithContent("0A/small.cab", 10_000, seed: 4)
        .WithContent("7C/big.psf", 3_000_000, seed: 5)
        .WithContent("FF/eula.txt", 0);

    [TestCleanup]
    public void DeleteScenario() => _scenario.Dispose();

    private static BundleContentInstaller CreateSut() => new(new BundlePathValidator());

    [TestMethod]
    public async Task InstallAsync_VerifiedBundle_ReproducesSourceTree()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();

        var result = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None);

        Assert.AreEqual(3, result.Copied);
        Assert.AreEqual(0, result.AlreadyPresent);
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public async Task InstallAsync_SplitAcrossVolumes_ReassemblesWithHashChecked()
    {
        var written = await _scenario.WriteBundleAsync(maxVolumeSize: 1_000_000);
        Assert.IsNotNull(written.Manifest.Files.Single(f => f.Path == "7C/big.psf").Parts);
        var bundle = await _scenario.VerifiedAsync();

        await CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None);

        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public async Task InstallAsync_RerunAfterCrash_FinishesAndLeavesNoPartialFiles()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        // What a crash mid-copy leaves: one file done, one half-written temp file.
        var done = Path.Combine(_scenario.Destination, "0A", "small.cab");
        Directory.CreateDirectory(Path.GetDirectoryName(done)!);
        File.Copy(Path.Combine(_scenario.ContentRoot, "0A", "small.cab"), done);
        var torn = Path.Combine(_scenario.Destination, "7C", "big.psf" + HashingFileCopier.PartialSuffix);
        Directory.CreateDirectory(Path.GetDirectoryName(torn)!);
        File.WriteAllBytes(torn, new byte[1234]);

        var result = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None);

        Assert.AreEqual(1, result.AlreadyPresent);
        Assert.AreEqual(2, result.Copied);
        Assert.IsFalse(File.Exists(torn));
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    // Review: the recursive leftovers walk took no token, so a cancel before the copy still walked (and cleaned)
    // the whole WsusContent tree, minutes on a large server, before the cancel was noticed.
    [TestMethod]
    public async Task InstallAsync_CancelledBeforeStart_StopsBeforeTheLeftoversWalkTouchesAnything()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var torn = Path.Combine(_scenario.Destination, "7C", "big.psf" + HashingFileCopier.PartialSuffix);
        Directory.CreateDirectory(Path.GetDirectoryName(torn)!);
        File.WriteAllBytes(torn, new byte[10]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => CreateSut().InstallAsync(bundle, _scenario.Destination, null, cancelled.Token));

        Assert.IsTrue(File.Exists(torn), "the leftovers walk ran although the install was cancelled");
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.Destination, "0A", "small.cab")));
    }

    [TestMethod]
    public async Task InstallAsync_ExistingFileWithOtherBytes_IsReplaced()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var stale = Path.Combine(_scenario.Destination, "0A", "small.cab");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllBytes(stale, BundleScenario.Bytes(10_000, seed: 99));

        var result = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None);

        Assert.AreEqual(3, result.Copied);
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public async Task InstallAsync_ContentAlteredAfterVerification_ThrowsAndLeavesNoFile()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var stored = Path.Combine(_scenario.BundleFolder, "content", "7C", "big.psf");
        var bytes = File.ReadAllBytes(stored);
        bytes[100] ^= 1;
        File.WriteAllBytes(stored, bytes);

        var error = await Assert.ThrowsExactlyAsync<BundleAlteredException>(() => CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None));

        StringAssert.Contains(error.Message, "altered after it was verified");
        Assert.IsInstanceOfType<ContentHashMismatchException>(error.InnerException);
        // What was installed before the altered file is reported, and is on disk complete.
        Assert.AreEqual(error.Partial.Installed.Count, error.Partial.Copied + error.Partial.AlreadyPresent);
        Assert.IsTrue(error.Partial.Installed.All(e => File.Exists(Path.Combine(_scenario.Destination, e.Path))));
        Assert.IsFalse(error.Partial.Installed.Any(e => e.Path == "7C/big.psf"));
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.Destination, "7C", "big.psf")));
        Assert.IsEmpty(Directory.GetFiles(_scenario.Destination, "*" + HashingFileCopier.PartialSuffix, SearchOption.AllDirectories));
    }

    [TestMethod]
    public async Task InstallAsync_DestinationFolderIsSymlink_RefusesBeforeWriting()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var elsewhere = _scenario.Scratch("elsewhere");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateDirectory(_scenario.Destination);
        Directory.CreateSymbolicLink(Path.Combine(_scenario.Destination, "7C"), elsewhere);

        var ex = await Assert.ThrowsExactlyAsync<UnsafePathException>(() => CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None));

        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
        Assert.IsEmpty(Directory.GetFiles(elsewhere));
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.Destination, "0A", "small.cab")));
    }

    [TestMethod]
    public async Task InstallAsync_DestinationFileIsSymlinkInARealFolder_RefusesBeforeWriting()
    {
        // Folders are checked once each and files one by one below them: a link in place of one file must still stop
        // the whole install before anything is written, and the file it points to must stay untouched.
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var target = _scenario.Scratch("elsewhere.psf");
        await File.WriteAllTextAsync(target, "not ours");
        Directory.CreateDirectory(Path.Combine(_scenario.Destination, "7C"));
        File.CreateSymbolicLink(Path.Combine(_scenario.Destination, "7C", "big.psf"), target);

        var ex = await Assert.ThrowsExactlyAsync<UnsafePathException>(() => CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None));

        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
        StringAssert.Contains(ex.Message, "big.psf");
        Assert.AreEqual("not ours", await File.ReadAllTextAsync(target));
        Assert.IsFalse(File.Exists(Path.Combine(_scenario.Destination, "0A", "small.cab")));
    }

    [TestMethod]
    public async Task InstallAsync_ReportsProgressUpToTotal()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var reports = new List<TransferProgress>();
        var progress = new SynchronousProgress(reports);

        await CreateSut().InstallAsync(bundle, _scenario.Destination, progress, CancellationToken.None);

        Assert.AreEqual(3_010_000L, reports.Max(r => r.BytesDone));
        Assert.AreEqual(3, reports.Max(r => r.FilesDone));
        Assert.IsTrue(reports.All(r => r.BytesTotal == 3_010_000L && r.FilesTotal == 3));
    }

    // Issue 20: files are flushed a batch at a time and the batch is journaled after its renames. The journal here is a
    // plain in-memory implementation of the port; what it checks, at the moment a batch is recorded, is the disk.
    [TestMethod]
    public async Task InstallAsync_BatchRecorded_OnlyAfterEveryFileOfItIsCompleteUnderItsFinalName()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var journal = new RecordingJournal();
        journal.OnRecord = batch =>
        {
            foreach (var index in batch.Files)
            {
                var file = bundle.Manifest.Files[index];
                var destination = Path.Combine(_scenario.Destination, file.Path);
                Assert.AreEqual(file.Sha256, Sha256Of(destination), ignoreCase: true, file.Path + " is complete under its final name when its batch is journaled");
                Assert.IsFalse(File.Exists(destination + HashingFileCopier.PartialSuffix));
            }
        };

        var result = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);

        Assert.AreEqual(3, result.Copied);
        CollectionAssert.AreEquivalent(new[] { 0, 1, 2 }, journal.Recorded.SelectMany(b => b.Files).ToArray());
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public async Task InstallAsync_RerunWithJournaledBatches_TrustsUnchangedFilesWithoutHashingThem()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var journal = new RecordingJournal();
        await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);
        // Same size, same last-write time, other bytes: only a hash would notice, and a journaled batch is not hashed.
        var installed = Path.Combine(_scenario.Destination, "0A", "small.cab");
        var written = File.GetLastWriteTimeUtc(installed);
        File.WriteAllBytes(installed, BundleScenario.Bytes(10_000, seed: 99));
        File.SetLastWriteTimeUtc(installed, written);

        var rerun = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);

        Assert.AreEqual(0, rerun.Copied);
        Assert.AreEqual(3, rerun.AlreadyPresent);
        CollectionAssert.AreEqual(BundleScenario.Bytes(10_000, seed: 99), File.ReadAllBytes(installed), "trusted from the journal, not read");
    }

    [TestMethod]
    public async Task InstallAsync_JournaledFileChangedSince_IsHashedAgainAndReplaced()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var journal = new RecordingJournal();
        await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);
        var installed = Path.Combine(_scenario.Destination, "0A", "small.cab");
        File.WriteAllBytes(installed, BundleScenario.Bytes(10_000, seed: 99));
        File.SetLastWriteTimeUtc(installed, File.GetLastWriteTimeUtc(installed).AddSeconds(-30));

        var rerun = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);

        Assert.AreEqual(1, rerun.Copied);
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public async Task InstallAsync_CancelledWithACompleteFilePending_CommitsItAndLeavesNoPartialFile()
    {
        await _scenario.WriteBundleAsync();
        var bundle = await _scenario.VerifiedAsync();
        var journal = new RecordingJournal();
        using var cancel = new CancellationTokenSource();
        // Cancelled as soon as the first file is complete: the batch is far from full, so it is still pending.
        var progress = new CallbackProgress(p =>
        {
            if (p.FilesDone >= 1)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAsync<OperationCanceledException>(() => CreateSut().InstallAsync(bundle, _scenario.Destination, progress, journal, cancel.Token));

        var committed = journal.Recorded.SelectMany(b => b.Files).Select(i => bundle.Manifest.Files[i]).ToList();
        Assert.IsNotEmpty(committed);
        foreach (var file in committed)
        {
            Assert.AreEqual(file.Sha256, Sha256Of(Path.Combine(_scenario.Destination, file.Path)), ignoreCase: true);
        }

        Assert.IsEmpty(Directory.GetFiles(_scenario.Destination, "*" + HashingFileCopier.PartialSuffix, SearchOption.AllDirectories));
        var rerun = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, journal, CancellationToken.None);
        Assert.AreEqual(committed.Count, rerun.AlreadyPresent);
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
    }

    [TestMethod]
    public void InstalledBatch_DetailRoundTrip_KeepsFilesAndStamp()
    {
        var batch = new InstalledBatch([0, 1, 2, 5, 7, 8], new string('a', 64));

        var detail = batch.ToDetail();
        var parsed = InstalledBatch.FromDetail(detail);

        Assert.AreEqual("files 0-2,5,7-8 stamp " + new string('a', 64), detail);
        CollectionAssert.AreEqual(batch.Files.ToArray(), parsed!.Files.ToArray());
        Assert.AreEqual(batch.Stamp, parsed.Stamp);
        Assert.IsNull(InstalledBatch.FromDetail("files 3-1 stamp " + new string('a', 64)));
        Assert.IsNull(InstalledBatch.FromDetail("something else"));
    }

    private static void AssertSameTree(string expectedRoot, string actualRoot)
    {
        string[] Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(Files(expectedRoot), Files(actualRoot));
        foreach (var file in Files(expectedRoot))
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(expectedRoot, file)), File.ReadAllBytes(Path.Combine(actualRoot, file)), file);
        }
    }

    private sealed class SynchronousProgress(List<TransferProgress> sink) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }

    private static string Sha256Of(string path) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    private sealed class RecordingJournal : IContentInstallJournal
    {
        private readonly List<InstalledBatch> _recorded = [];

        public Action<InstalledBatch>? OnRecord { get; set; }

        public IReadOnlyList<InstalledBatch> Recorded => _recorded.ToList();

        public void Record(InstalledBatch batch)
        {
            OnRecord?.Invoke(batch);
            _recorded.Add(batch);
        }
    }

    private sealed class CallbackProgress(Action<TransferProgress> onReport) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => onReport(value);
    }


    // Issue 18 (carry): deployment content goes to deployment packages, never into WsusContent.
    [TestMethod]
    public async Task InstallAsync_BundleWithDeploymentContent_LeavesItOutOfWsusContent()
    {
        _scenario.WithDeploymentContent(1001, "windows10.0-kb5048652-x64.cab", 60_000, seed: 4);
        await _scenario.WriteBundleAsync(maxVolumeSize: 1_000_000);
        var bundle = await _scenario.VerifiedAsync();
        Assert.HasCount(1, bundle.Manifest.DeploymentContent!);

        var result = await CreateSut().InstallAsync(bundle, _scenario.Destination, null, CancellationToken.None);

        Assert.AreEqual(bundle.Manifest.Files.Count, result.Copied);
        AssertSameTree(_scenario.ContentRoot, _scenario.Destination);
        Assert.IsEmpty(Directory.GetFiles(_scenario.Destination, "*kb5048652*", SearchOption.AllDirectories));
        Assert.IsFalse(Directory.Exists(Path.Combine(_scenario.Destination, "deployment-content")));
    }
}
