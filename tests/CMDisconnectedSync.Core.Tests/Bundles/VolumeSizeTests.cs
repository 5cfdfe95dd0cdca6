using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class VolumeSizeTests
{
    [TestMethod]
    [DataRow("4GiB-1", 4294967295L)]
    [DataRow("25GB", 25000000000L)]
    [DataRow("700MB", 700000000L)]
    [DataRow("700 MiB", 734003200L)]
    [DataRow("1.5GB", 1500000000L)]
    [DataRow("4gib - 1", 4294967295L)]
    [DataRow("1048576", 1048576L)]
    [DataRow("2KB+24", 2024L)]
    public void Parse_AdminNotation_GivesBytes(string text, long expected) => Assert.AreEqual(expected, VolumeSize.Parse(text));

    [TestMethod]
    [DataRow("")]
    [DataRow("big")]
    [DataRow("4XB")]
    [DataRow("0")]
    [DataRow("1B-1")]
    [DataRow("-5MB")]
    public void TryParse_Nonsense_IsRefused(string text) => Assert.IsFalse(VolumeSize.TryParse(text, out _));

    [TestMethod]
    public void Parse_Nonsense_ThrowsWithExample()
    {
        var ex = Assert.ThrowsExactly<FormatException>(() => VolumeSize.Parse("lots"));

        StringAssert.Contains(ex.Message, "4GiB-1");
    }

    [TestMethod]
    [DataRow(512L, "512 B")]
    [DataRow(1536L, "1.5 KiB")]
    [DataRow(4294967295L, "4.0 GiB")]
    public void Format_Bytes_IsReadable(long bytes, string expected) => Assert.AreEqual(expected, VolumeSize.Format(bytes));
}
