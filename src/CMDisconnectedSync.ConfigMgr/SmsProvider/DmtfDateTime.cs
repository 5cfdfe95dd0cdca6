using System.Globalization;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Reads a WMI <c>DATETIME</c> value in its DMTF form <c>yyyymmddHHMMSS.mmmmmmsUUU</c>: 14 digits of date and time,
/// a dot, six digits of microseconds, the sign of the UTC offset and its three digits of minutes (learn.microsoft.com,
/// "CIM_DATETIME" and "Date and Time Format", windows/win32/wmisdk). A field the provider leaves unused is all
/// asterisks. The offset is part of the value, so the result is an instant: no guess about this computer's time zone.
/// </summary>
/// <remarks>
/// Why not the SDK's <c>DateTimeValue</c>: it is <c>ManagementDateTimeConverter.ToDateTime(value.ToString())</c>
/// (<c>WqlQueryPropertySingleItem.get_DateTimeValue</c> in AdminUI.WqlQueryEngine.dll of console 1706, read with ikdasm
/// from MikePohatu/Visualizer4CM@a1dd215), and that converter shifts the value to this computer's time zone and returns
/// it with <c>DateTimeKind.Unspecified</c> (dotnet/runtime src/libraries/System.Management/src/System/Management/
/// ManagementDateTime.cs, ToDateTime: "netfx uses date kind unspecified"; learn.microsoft.com
/// ManagementDateTimeConverter.ToDateTime: "The returned DateTime will be in the current time zone of the system").
/// Taking that as UTC puts every time off by this computer's UTC offset. The raw value (<c>ObjectValue</c>, which is
/// <c>ManagementBaseObject[name]</c> unconverted in the same SDK) is the DMTF string: WMI's DateTime type is a string
/// (learn.microsoft.com, [MS-WMIO] 2.3.1 "CIM DateTime Type").
/// </remarks>
internal static class DmtfDateTime
{
    private const int Length = 25;

    /// <summary>True when <paramref name="value"/> has the DMTF shape (25 characters, a dot at 14, a sign at 21).</summary>
    public static bool HasDmtfShape(string value) =>
        value is not null && value.Length == Length && value[14] == '.' && value[21] is '+' or '-';

    /// <summary>
    /// The instant <paramref name="dmtf"/> names, or null when it names none (a date or time field left as asterisks,
    /// or the zero date some providers write for "never", anything before 1980). Throws <see cref="FormatException"/>
    /// when it is not a DMTF datetime at all.
    /// </summary>
    public static DateTimeOffset? ToInstant(string dmtf)
    {
        if (!HasDmtfShape(dmtf))
        {
            throw new FormatException($"'{dmtf}' is not a WMI DMTF datetime (yyyymmddHHMMSS.mmmmmmsUUU).");
        }

        if (dmtf.Substring(0, 14).Any(c => c == '*'))
        {
            return null;
        }

        var year = Digits(dmtf, 0, 4);
        if (year < 1980)
        {
            return null;
        }

        var microseconds = dmtf.Substring(15, 6) == "******" ? 0 : Digits(dmtf, 15, 6);
        // An unused offset ("***") counts as UTC, as ManagementDateTimeConverter.ToDateTime treats it.
        var offsetMinutes = dmtf.Substring(22, 3) == "***" ? 0 : Digits(dmtf, 22, 3) * (dmtf[21] == '-' ? -1 : 1);
        if (Math.Abs(offsetMinutes) > 14 * 60)
        {
            throw new FormatException($"'{dmtf}' is not a WMI DMTF datetime: its UTC offset of {offsetMinutes.ToString(CultureInfo.InvariantCulture)} minutes is beyond 14 hours.");
        }

        var local = new DateTime(year, Digits(dmtf, 4, 2), Digits(dmtf, 6, 2), Digits(dmtf, 8, 2), Digits(dmtf, 10, 2), Digits(dmtf, 12, 2), DateTimeKind.Unspecified)
            .AddTicks(microseconds * (TimeSpan.TicksPerMillisecond / 1000));
        return new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes)).ToUniversalTime();
    }

    private static int Digits(string value, int start, int count)
    {
        var text = value.Substring(start, count);
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                throw new FormatException($"'{value}' is not a WMI DMTF datetime: '{text}' at position {start.ToString(CultureInfo.InvariantCulture)} is not a number.");
            }
        }

        return int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
