using System.Globalization;
using System.Text;
using CMDisconnectedSync.Bundles;
using FsCheck;
using FsCheck.Fluent;

namespace CMDisconnectedSync.Core.Tests.Bundles;

[TestClass]
public sealed class UtcTimestampConverterTests
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [TestMethod]
    public void TryParseExactUtf8_AnyInstantWrittenByTheConverter_GivesTheSameInstantAsTheGeneralParser()
    {
        var ticks = ArbMap.Default.ArbFor<long>().Generator.Select(t => (long)((ulong)t % (ulong)DateTime.MaxValue.Ticks));
        var property = Prop.ForAll(ticks.ToArbitrary(), t =>
        {
            var text = new DateTime(t, DateTimeKind.Utc).ToString(Format, CultureInfo.InvariantCulture);
            var general = DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return UtcTimestampConverter.TryParseExactUtf8(Encoding.ASCII.GetBytes(text), out var fast) && fast == general && fast.Offset == TimeSpan.Zero;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [TestMethod]
    [DataRow("2026-13-01T00:00:00.0000000Z")]
    [DataRow("2026-02-29T00:00:00.0000000Z")]
    [DataRow("2026-11-25T24:00:00.0000000Z")]
    [DataRow("2026-11-25T14:60:00.0000000Z")]
    [DataRow("2026-11-25T14:00:60.0000000Z")]
    [DataRow("0000-01-01T00:00:00.0000000Z")]
    [DataRow("2026-11-25T14:00:00.000000Z")]
    [DataRow("2026-11-25T14:00:00.0000000+")]
    [DataRow("2026-11-25 14:00:00.0000000Z")]
    [DataRow("2026-1a-25T14:00:00.0000000Z")]
    public void TryParseExactUtf8_TextTheGeneralParserRejects_IsFalse(string text)
    {
        Assert.IsFalse(DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out _));
        Assert.IsFalse(UtcTimestampConverter.TryParseExactUtf8(Encoding.ASCII.GetBytes(text), out _));
    }
}
