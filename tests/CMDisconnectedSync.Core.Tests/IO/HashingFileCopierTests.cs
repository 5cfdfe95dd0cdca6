using System.Security.Cryptography;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class HashingFileCopierTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-copier-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private string WriteSource(string name, byte[] bytes)
    {
        var path = Path.Combine(_root, "source", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [TestMethod]
    public async Task CopyAsync_NewFile_WritesIdenticalBytesAndReportsTheirHash()
    {
        var bytes = RandomBytes((3 * 1024 * 1024) + 17);
        var source = WriteSource("a.cab", bytes);
        var destination = Path.Combine(_root, "dest", "0A", "a.cab");

        var copied = await HashingFileCopier.CopyAsync(source, destination, null, null, CancellationToken.None);

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(destination));
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), copied.Sha256);
        Assert.AreEqual(bytes.LongLength, copied.Length);
        Assert.IsFalse(File.Exists(destination + HashingFileCopier.PartialSuffix));
    }

    [TestMethod]
    public async Task CopyAsync_ExistingDestination_IsReplaced()
    {
        var source = WriteSource("b.txt", [1, 2, 3]);
        var destination = Path.Combine(_root, "dest", "b.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await File.WriteAllBytesAsync(destination, [9, 9, 9, 9]);

        await HashingFileCopier.CopyAsync(source, destination, null, null, CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, File.ReadAllBytes(destination));
    }

    [TestMethod]
    public async Task CopyAsync_HashMismatch_ThrowsAndLeavesDestinationUntouched()
    {
        var source = WriteSource("c.cab", RandomBytes(1000));
        var destination = Path.Combine(_root, "dest", "c.cab");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await File.WriteAllBytesAsync(destination, [7]);

        var error = await Assert.ThrowsExactlyAsync<ContentHashMismatchException>(() =>
            HashingFileCopier.CopyAsync(source, destination, new string('0', 64), null, CancellationToken.None));

        Assert.AreEqual(source, error.FilePath);
        CollectionAssert.AreEqual(new byte[] { 7 }, File.ReadAllBytes(destination));
        Assert.IsFalse(File.Exists(destination + HashingFileCopier.PartialSuffix));
    }

    [TestMethod]
    public async Task CopyAsync_CancelledMidway_LeavesNeitherFinalNorPartialFile()
    {
        var source = WriteSource("d.cab", RandomBytes(4 * 1024 * 1024));
        var destination = Path.Combine(_root, "dest", "d.cab");
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(_ => cancellation.Cancel());

        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            HashingFileCopier.CopyAsync(source, destination, null, progress, cancellation.Token));

        Assert.IsFalse(File.Exists(destination));
        Assert.IsFalse(File.Exists(destination + HashingFileCopier.PartialSuffix));
    }

    [TestMethod]
    public async Task CopyAsync_StalePartialFromACrash_IsOverwritten()
    {
        var source = WriteSource("e.cab", [5, 6]);
        var destination = Path.Combine(_root, "dest", "e.cab");
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await File.WriteAllBytesAsync(destination + HashingFileCopier.PartialSuffix, RandomBytes(100));

        await HashingFileCopier.CopyAsync(source, destination, null, null, CancellationToken.None);

        CollectionAssert.AreEqual(new byte[] { 5, 6 }, File.ReadAllBytes(destination));
    }

    [TestMethod]
    public void DeleteLeftovers_NestedPartials_DeletesOnlyThem()
    {
        var keep = WriteSource("keep.cab", [1]);
        var partial = WriteSource(Path.Combine("sub", "x.cab" + HashingFileCopier.PartialSuffix), [1]);

        var deleted = HashingFileCopier.DeleteLeftovers(_root, CancellationToken.None);

        Assert.AreEqual(1, deleted);
        Assert.IsTrue(File.Exists(keep));
        Assert.IsFalse(File.Exists(partial));
    }

    [TestMethod]
    public void DeleteLeftovers_CancelledToken_ThrowsAndDeletesNothing()
    {
        var partials = Enumerable.Range(0, 20).Select(i => WriteSource(Path.Combine("d" + i, "x.cab" + HashingFileCopier.PartialSuffix), [1])).ToList();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsExactly<OperationCanceledException>(() => HashingFileCopier.DeleteLeftovers(_root, cancelled.Token));

        Assert.IsTrue(partials.All(File.Exists));
    }

    private sealed class SynchronousProgress(Action<long> onReport) : IProgress<long>
    {
        public void Report(long value) => onReport(value);
    }
}
