using System.Globalization;
using CMDisconnectedSync.ConfigMgr.SmsProvider;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

/// <summary>
/// The DMTF datetime form <c>yyyymmddHHMMSS.mmmmmmsUUU</c> (learn.microsoft.com, windows/win32/wmisdk "CIM_DATETIME":
/// fields, the signed offset in minutes, asterisks for unused fields, and its examples).
/// </summary>
[TestClass]
public sealed class DmtfDateTimeTests
{
    private static DateTimeOffset Utc(string roundTrip) => DateTimeOffset.Parse(roundTrip, CultureInfo.InvariantCulture);

    [TestMethod]
    [DataRow("20020408141835.999999-420", "2002-04-08T21:18:35.999999Z", DisplayName = "learn.microsoft.com ManagementDateTimeConverter.ToDateTime sample")]
    [DataRow("20261125093000.000000+000", "2026-11-25T09:30:00Z", DisplayName = "UTC")]
    [DataRow("20261125150000.000000+330", "2026-11-25T09:30:00Z", DisplayName = "India, +5:30")]
    [DataRow("20261231233000.000000-480", "2027-01-01T07:30:00Z", DisplayName = "Pacific, across the year")]
    [DataRow("19980416133015.******+000", "1998-04-16T13:30:15Z", DisplayName = "microseconds unused")]
    [DataRow("20261125093000.000000+***", "2026-11-25T09:30:00Z", DisplayName = "offset unused: UTC, as ManagementDateTimeConverter reads it")]
    public void ToInstant_DmtfValue_IsTheInstantItNames(string dmtf, string expected)
    {
        var instant = DmtfDateTime.ToInstant(dmtf);

        Assert.AreEqual(Utc(expected), instant);
        Assert.AreEqual(TimeSpan.Zero, instant!.Value.Offset);
    }

    [TestMethod]
    [DataRow("19980416******.000000+***", DisplayName = "CIM_DATETIME's legal example with the time unused: a day, not an instant")]
    [DataRow("****0416******.000000+***", DisplayName = "no year")]
    [DataRow("00000000000000.000000+000", DisplayName = "the zero date written for never")]
    [DataRow("16010101000000.000000+000", DisplayName = "FILETIME zero")]
    public void ToInstant_NotAPointInTime_IsNull(string dmtf)
    {
        Assert.IsNull(DmtfDateTime.ToInstant(dmtf));
    }

    [TestMethod]
    [DataRow("2026-11-25 09:30:00:000", DisplayName = "the WQL-only form of CIM_DATETIME")]
    [DataRow("20261125093000.000000:000", DisplayName = "an interval (colon instead of a sign)")]
    [DataRow("2026112509300x.000000+000", DisplayName = "a letter")]
    [DataRow("20261125093000.000000+900", DisplayName = "an offset beyond 14 hours")]
    [DataRow("", DisplayName = "empty")]
    public void ToInstant_NotADmtfDatetime_ThrowsFormatExceptionQuotingTheValue(string value)
    {
        var error = Assert.ThrowsExactly<FormatException>(() => DmtfDateTime.ToInstant(value));

        StringAssert.Contains(error.Message, value);
    }

    [TestMethod]
    [DataRow("de-DE")]
    [DataRow("tr-TR")]
    [DataRow("ar-SA")]
    [DataRow("th-TH")]
    public void ToInstant_UnderAnyCulture_ReadsTheSameInstant(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);

            Assert.AreEqual(Utc("2026-11-25T09:30:00Z"), DmtfDateTime.ToInstant("20261125093000.000000+000"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
