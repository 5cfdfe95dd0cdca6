using System.Security.Cryptography;
using System.Text;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class Sha256HexTests
{
    [TestMethod]
    public void OfBytes_KnownVector_MatchesFips180Example()
    {
        // FIPS 180-2 appendix B.1: SHA-256("abc").
        Assert.AreEqual(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Sha256Hex.OfBytes(Encoding.ASCII.GetBytes("abc")));
    }

    [TestMethod]
    public async Task OfFileAsync_File_MatchesInMemoryHash()
    {
        var path = Path.GetTempFileName();
        try
        {
            var bytes = new byte[2_500_000];
            new Random(1).NextBytes(bytes);
            await File.WriteAllBytesAsync(path, bytes);

            Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData(bytes)), await Sha256Hex.OfFileAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [DataRow("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [DataRow("ba7816bf", false)]
    [DataRow("za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", false)]
    [DataRow(null, false)]
    public void IsWellFormed_Value_AcceptsOnlyLowercase64Hex(string? value, bool expected)
    {
        Assert.AreEqual(expected, Sha256Hex.IsWellFormed(value));
    }
}
