using System.Security.Cryptography;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class FileHasherTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(1)]
    [DataRow(4095)]
    [DataRow(4096)]
    [DataRow(4097)]
    [DataRow(10_000)]
    [DataRow(3 * 4096)]
    public void Hash_FileSmallerEqualOrLargerThanTheBuffer_MatchesInMemoryHash(int size)
    {
        using var folder = new TempFolder("hasher");
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = folder.WriteFile("f.bin", bytes);
        var reported = 0L;

        var (digest, length) = FileHasher.Hash(path, new byte[4096], new Progress(v => reported += v), CancellationToken.None);

        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest.ToString());
        Assert.AreEqual((long)size, length);
        Assert.AreEqual((long)size, reported);
    }

    [TestMethod]
    public void Hash_MissingFile_ThrowsFileNotFound()
    {
        using var folder = new TempFolder("hasher");

        Assert.ThrowsExactly<FileNotFoundException>(() => FileHasher.Hash(folder.Combine("missing.bin"), new byte[16], null, CancellationToken.None));
    }

    private sealed class Progress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
