using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Tests.Progress;

[TestClass]
public sealed class DisplayFormatTests
{
    [TestMethod]
    [DataRow(512L, "512 bytes")]
    [DataRow(1536L, "1.5 KB")]
    [DataRow(640_679_936L, "611 MB")]
    [DataRow(2_583_691_264L, "2.4 GB")]
    public void Bytes_UsesBinaryUnits(long bytes, string expected) => Assert.AreEqual(expected, DisplayFormat.Bytes(bytes));

    [TestMethod]
    [DataRow(42d, "42 s")]
    [DataRow(125d, "2 min 05 s")]
    [DataRow(3720d, "1 h 02 min")]
    public void Duration_PicksTheLargestUsefulUnit(double seconds, string expected) =>
        Assert.AreEqual(expected, DisplayFormat.Duration(TimeSpan.FromSeconds(seconds)));
}
