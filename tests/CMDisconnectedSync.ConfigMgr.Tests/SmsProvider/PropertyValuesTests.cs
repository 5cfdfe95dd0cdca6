using System.Globalization;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using static CMDisconnectedSync.ConfigMgr.Tests.SmsProvider.WmiRows;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

[TestClass]
public sealed class PropertyValuesTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    // The SDK's DateTimeValue for a status time the provider wrote in UTC: ManagementDateTimeConverter.ToDateTime
    // shifts it to the local zone and leaves Kind=Unspecified (the stand-in repeats dotnet/runtime's converter).
    [TestMethod]
    [DataRow("America/Los_Angeles")]
    [DataRow("Asia/Kolkata")]
    [DataRow("UTC")]
    public void ToUtc_SdkDateTimeValueOfAnyZone_IsTheInstantOfTheDmtfValue(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var sdkValue = ManagementDateTimeConverterStandIn.ToDateTime("20261125093000.000000+000", zone);

        Assert.AreEqual(DateTimeKind.Unspecified, sdkValue.Kind);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), PropertyValues.ToUtc(sdkValue, zone));
    }

    [TestMethod]
    public void ToUtc_SdkDateTimeValueInLosAngeles_IsNotTakenAsUtc()
    {
        var sdkValue = ManagementDateTimeConverterStandIn.ToDateTime("20261125093000.000000+000", LosAngeles);

        Assert.AreEqual(new DateTime(2026, 11, 25, 1, 30, 0), sdkValue);
        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), PropertyValues.ToUtc(sdkValue, LosAngeles));
    }

    [TestMethod]
    public void ToUtc_UtcKind_IsKept()
    {
        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero),
            PropertyValues.ToUtc(new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc), Kolkata));
    }

    [TestMethod]
    public void ToUtc_BeforeNineteenEighty_IsNull()
    {
        Assert.IsNull(PropertyValues.ToUtc(DateTime.MinValue, Kolkata));
    }

    [TestMethod]
    public void UtcTime_DatetimeProperty_ReadsTheRawDmtfValueNotTheSdksLocalTime()
    {
        var property = Property(Dmtf("20261125150000.000000+330"));

        Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), PropertyValues.UtcTime(property.Object));
        property.VerifyGet(p => p.DateTimeValue, Times.Never);
    }

    [TestMethod]
    public void UtcTime_NullProperty_IsNull()
    {
        Assert.IsNull(PropertyValues.UtcTime(Property(null).Object));
    }

    [TestMethod]
    public void UtcTime_UnderTurkishCulture_ReadsTheSameInstant()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");

            Assert.AreEqual(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero), PropertyValues.UtcTime(Property(Dmtf("20261125093000.000000+000")).Object));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
