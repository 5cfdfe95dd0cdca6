using System.Collections;
using Microsoft.ConfigurationManagement.ManagementProvider;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

/// <summary>
/// Moq'd SDK result objects shaped like what the SMS Provider returns: a result set enumerating rows, each row exposing
/// its WMI properties through the indexer as IQueryPropertyItem, site control rows carrying embedded properties.
/// </summary>
internal static class WmiRows
{
    public static Mock<IResultObject> Row(params (string Name, object? Value)[] properties)
    {
        var row = new Mock<IResultObject>(MockBehavior.Strict);
        foreach (var (name, value) in properties)
        {
            row.SetupGet(r => r[name]).Returns(Property(value).Object);
        }

        return row;
    }

    /// <summary>
    /// A property as the real SDK exposes it: <c>ObjectValue</c> is the raw value (null when WMI has none), and, like the
    /// real getters (SDK metadata, consoles 1706 and 1802), the typed getters throw NullReferenceException on a null value.
    /// </summary>
    public static Mock<IQueryPropertyItem> Property(object? value)
    {
        var item = new Mock<IQueryPropertyItem>(MockBehavior.Strict);
        item.SetupProperty(i => i.ObjectValue, value);
        if (value is null)
        {
            item.SetupGet(i => i.StringValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.IntegerValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.BooleanValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.DateTimeValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.LongValue).Throws<NullReferenceException>();
            item.SetupGet(i => i.IntegerArrayValue).Throws<NullReferenceException>();
            return item;
        }

        if (value is DateTime or DateTimeOffset)
        {
            throw new ArgumentException("WMI has no DateTime values: a datetime property is a DMTF string. Use WmiRows.Dmtf(\"yyyymmddHHMMSS.mmmmmmsUUU\").", nameof(value));
        }

        if (value is CimDateTime datetime)
        {
            // The raw value of a CIM DATETIME is its DMTF string (ObjectValue and StringValue: ManagementBaseObject[name]
            // and its ToString()); DateTimeValue is what the SDK makes of it (see CimDateTime).
            item.SetupProperty(i => i.ObjectValue, datetime.Value);
            item.SetupProperty(i => i.StringValue, datetime.Value);
            item.SetupGet(i => i.DateTimeValue).Returns(() => ManagementDateTimeConverterStandIn.ToDateTime(datetime.Value));
            item.SetupGet(i => i.IntegerValue).Throws<InvalidCastException>();
            return item;
        }

        item.SetupProperty(i => i.StringValue, value as string ?? string.Empty);
        item.SetupProperty(i => i.IntegerValue, value is int number ? number : 0);
        item.SetupProperty(i => i.BooleanValue, value is true);
        item.SetupProperty(i => i.LongValue, value switch { long l => l, int n => n, _ => 0L });
        item.SetupProperty(i => i.IntegerArrayValue, value as int[] ?? []);
        item.SetupGet(i => i.DateTimeValue).Returns(() => ManagementDateTimeConverterStandIn.ToDateTime(value.ToString()!));
        return item;
    }

    /// <summary>A WMI DATETIME property value, in its DMTF form <c>yyyymmddHHMMSS.mmmmmmsUUU</c>.</summary>
    public static CimDateTime Dmtf(string value) => new(value);

    public static Mock<IResultObject> ResultSet(params Mock<IResultObject>[] rows)
    {
        var set = new Mock<IResultObject>(MockBehavior.Strict);
        set.Setup(s => s.GetEnumerator()).Returns(() => ((IEnumerable)rows.Select(r => r.Object).ToList()).GetEnumerator());
        set.Setup(s => s.Dispose());
        return set;
    }

    /// <summary>An <c>SMS_EmbeddedProperty</c> (PropertyName, Value, Value1, Value2) as the SDK exposes it.</summary>
    public static Mock<IResultObject> EmbeddedProperty(string name, int value) =>
        Row(("PropertyName", name), ("Value", value), ("Value1", string.Empty), ("Value2", string.Empty));
}

/// <summary>
/// A CIM DATETIME value as WMI hands it over: a string in DMTF form (learn.microsoft.com, windows/win32/wmisdk
/// "CIM_DATETIME"; [MS-WMIO] 2.3.1 "CIM DateTime Type": "The CIM DateTime type is a string").
/// </summary>
internal sealed record CimDateTime(string Value);

/// <summary>
/// What the real SDK's <c>IQueryPropertyItem.DateTimeValue</c> returns: <c>WqlQueryPropertySingleItem.get_DateTimeValue</c>
/// in AdminUI.WqlQueryEngine.dll (console 1706, MikePohatu/Visualizer4CM@a1dd215, read with ikdasm) is
/// <c>ManagementDateTimeConverter.ToDateTime(managementObject[PropertyName].ToString())</c>. System.Management on Linux
/// only throws PlatformNotSupportedException, so this repeats the steps of the real converter (dotnet/runtime
/// src/libraries/System.Management/src/System/Management/ManagementDateTime.cs, ToDateTime, the code .NET Framework's
/// behaviour was ported with): the DMTF fields as a DateTime of kind Unspecified, plus the microseconds, then
/// <c>AddMinutes(-(utcOffset - TimeZoneInfo.Local.GetUtcOffset(datetime) in minutes))</c>, that is, this computer's local
/// time with Kind=Unspecified. Fields written as asterisks become DateTime.MinValue's.
/// </summary>
internal static class ManagementDateTimeConverterStandIn
{
    public static DateTime ToDateTime(string dmtfDate) => ToDateTime(dmtfDate, TimeZoneInfo.Local);

    public static DateTime ToDateTime(string dmtfDate, TimeZoneInfo local)
    {
        if (dmtfDate is not { Length: 25 })
        {
            throw new ArgumentOutOfRangeException(nameof(dmtfDate));
        }

        int Field(int start, int length, int whenStars) =>
            dmtfDate.Substring(start, length).All(c => c == '*') ? whenStars : int.Parse(dmtfDate.AsSpan(start, length), System.Globalization.CultureInfo.InvariantCulture);

        var min = DateTime.MinValue;
        var ticks = (long)Field(15, 6, 0) * (TimeSpan.TicksPerMillisecond / 1000);
        var utcOffset = dmtfDate.Substring(22, 3) == "***" ? 0 : int.Parse(dmtfDate.AsSpan(21, 4), System.Globalization.CultureInfo.InvariantCulture);
        var datetime = new DateTime(Field(0, 4, min.Year), Field(4, 2, min.Month), Field(6, 2, min.Day), Field(8, 2, min.Hour),
            Field(10, 2, min.Minute), Field(12, 2, min.Second), 0, DateTimeKind.Unspecified).AddTicks(ticks);
        return datetime.AddMinutes(-(utcOffset - local.GetUtcOffset(datetime).Ticks / TimeSpan.TicksPerMinute));
    }
}
