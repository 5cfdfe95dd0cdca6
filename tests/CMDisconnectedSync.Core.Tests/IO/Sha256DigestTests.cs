using System.Security.Cryptography;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using FsCheck;
using FsCheck.Fluent;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class Sha256DigestTests
{
    [TestMethod]
    public void TryParse_AnyDigestFormattedAsHex_RoundTripsToTheSameTextAndBytes()
    {
        var property = Prop.ForAll(ArbMap.Default.ArbFor<byte[]>().Generator.Select(b => SHA256.HashData(b)).ToArbitrary(), bytes =>
        {
            var hex = Sha256Hex.Format(bytes);
            var parsed = Sha256Digest.TryParse(hex, out var digest);
            var back = new byte[Sha256Digest.ByteLength];
            digest.CopyTo(back);
            return parsed && digest.ToString() == hex && back.SequenceEqual(bytes) && digest == Sha256Digest.FromBytes(bytes);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [DataRow("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a")]
    [DataRow("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015adx")]
    [DataRow("ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    public void TryParse_NotSixtyFourLowercaseHexDigits_IsFalse(string? text)
    {
        Assert.IsFalse(Sha256Digest.TryParse(text, out _));
    }

    [TestMethod]
    public void Equals_DigestsDifferingInTheLastByte_AreNotEqual()
    {
        var bytes = SHA256.HashData("abc"u8);
        var other = (byte[])bytes.Clone();
        other[31] ^= 1;

        Assert.AreNotEqual(Sha256Digest.FromBytes(bytes), Sha256Digest.FromBytes(other));
    }

    [TestMethod]
    [DataRow("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [DataRow("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [DataRow("not a hash")]
    [DataRow("")]
    public void BundleFileEntrySha256_AnyText_ReadsBackExactlyAsSet(string text)
    {
        var entry = new BundleFileEntry { Path = "0A/a.cab", Size = 1, Sha256 = text };

        Assert.AreEqual(text, entry.Sha256);
        Assert.AreEqual(text, (entry with { Size = 2 }).Sha256);
    }

    [TestMethod]
    public void BundleFileEntryEquals_SameHashAsTextOrParsed_MatchesStringEquality()
    {
        var lower = new BundleFileEntry { Path = "a", Size = 1, Sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" };
        var upper = lower with { Sha256 = lower.Sha256.ToUpperInvariant() };

        Assert.AreEqual(lower, new BundleFileEntry { Path = "a", Size = 1, Sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" });
        Assert.AreNotEqual(lower, upper);
    }

    [TestMethod]
    public void BundleFileEntrySha256_Null_StaysNullSoValidationRejectsIt()
    {
        var entry = new BundleFileEntry { Path = "a", Size = 1, Sha256 = null! };

        Assert.IsNull(entry.Sha256);
    }
}
