using System.Security.Cryptography;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class BundleFileCopierTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(100)]
    [DataRow(4096)]
    [DataRow(4097)]
    [DataRow(20_000)]
    public void Copy_AnySize_WritesTheSameBytesAndReturnsTheirHash(int size)
    {
        using var folder = new TempFolder("bundlecopy");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var source = folder.WriteFile("src/f.bin", bytes);
        var target = folder.Combine("f.bin");

        var (digest, length) = BundleFileCopier.Copy(source, target, new byte[4096], null, CancellationToken.None);

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(target));
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest.ToString());
        Assert.AreEqual((long)size, length);
    }

    [TestMethod]
    public void Copy_DestinationExists_ThrowsAndLeavesItUntouched()
    {
        using var folder = new TempFolder("bundlecopy");
        var source = folder.WriteFile("src/f.bin", [1, 2, 3]);
        var target = folder.WriteFile("f.bin", [9]);

        Assert.ThrowsExactly<IOException>(() => BundleFileCopier.Copy(source, target, new byte[16], null, CancellationToken.None));
        CollectionAssert.AreEqual(new byte[] { 9 }, File.ReadAllBytes(target));
    }

    [TestMethod]
    public void Copy_CanceledAfterTheFirstBuffer_DeletesTheFileItCreated()
    {
        using var folder = new TempFolder("bundlecopy");
        var source = folder.WriteFile("src/f.bin", new byte[10_000]);
        var target = folder.Combine("f.bin");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsExactly<OperationCanceledException>(() => BundleFileCopier.Copy(source, target, new byte[4096], new CancelOnReport(cancel), cancel.Token));
        Assert.IsFalse(File.Exists(target));
    }

    [TestMethod]
    public void Copy_MissingSource_ThrowsAndCreatesNothing()
    {
        using var folder = new TempFolder("bundlecopy");
        var target = folder.Combine("f.bin");

        Assert.ThrowsExactly<FileNotFoundException>(() => BundleFileCopier.Copy(folder.Combine("missing.bin"), target, new byte[16], null, CancellationToken.None));
        Assert.IsFalse(File.Exists(target));
    }

    private sealed class CancelOnReport(CancellationTokenSource cancel) : IProgress<long>
    {
        public void Report(long value) => cancel.Cancel();
    }
}
