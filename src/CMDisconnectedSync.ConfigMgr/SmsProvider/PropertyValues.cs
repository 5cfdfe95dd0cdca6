using Microsoft.ConfigurationManagement.ManagementProvider;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Reads WMI property values that may be null (a software update point that never synchronized has no
/// <c>LastSuccessfulSyncTime</c>; a top-level category may have no parent). The SDK's typed getters
/// (<c>IntegerValue</c>, <c>BooleanValue</c>, <c>DateTimeValue</c>, <c>StringValue</c>) do not check for null and throw
/// a NullReferenceException that no caller could act on; <c>ObjectValue</c> returns the raw value unconverted, so it is
/// asked first (SDK metadata of consoles 1706 and 1802, see the reference assembly's header).
/// </summary>
internal static class PropertyValues
{
    public static string Text(IQueryPropertyItem item) => HasValue(item) ? item.StringValue ?? string.Empty : string.Empty;

    public static int Number(IQueryPropertyItem item, int whenNull = 0) => HasValue(item) ? item.IntegerValue : whenNull;

    /// <summary>An SInt64 property (<c>SMS_CIContentFiles.FileSize</c>) through the SDK's <c>LongValue</c>; 0 when null.</summary>
    public static long Long(IQueryPropertyItem item) => HasValue(item) ? item.LongValue : 0;

    public static bool Flag(IQueryPropertyItem item) => HasValue(item) && item.BooleanValue;

    /// <summary>
    /// The time in UTC, or null when WMI has none (null, or the zero date some providers return for "never"). Read from
    /// the raw DMTF value, offset included (<see cref="DmtfDateTime"/>); only when the raw value is not a DMTF string
    /// does it fall back to the SDK's <c>DateTimeValue</c>, which is local time (see <see cref="ToUtc(DateTime)"/>).
    /// </summary>
    public static DateTimeOffset? UtcTime(IQueryPropertyItem item)
    {
        if (!HasValue(item))
        {
            return null;
        }

        if (item.ObjectValue is string raw)
        {
            try
            {
                return DmtfDateTime.ToInstant(raw);
            }
            catch (FormatException ex)
            {
                // SmsProviderErrors turns this into "a value of an unexpected type … run cmdsync doctor", naming the server.
                throw new UnexpectedProviderValueException(ex.Message, ex);
            }
        }

        return ToUtc(item.DateTimeValue);
    }

    /// <summary>
    /// A <c>DateTimeValue</c> of the SDK in UTC. The SDK builds it with ManagementDateTimeConverter.ToDateTime, which
    /// returns this computer's local time with <see cref="DateTimeKind.Unspecified"/> (dotnet/runtime
    /// System.Management ManagementDateTime.cs; learn.microsoft.com ManagementDateTimeConverter.ToDateTime: "in the
    /// current time zone of the system"), so Unspecified is read as local time, never as UTC.
    /// </summary>
    internal static DateTimeOffset? ToUtc(DateTime value) => ToUtc(value, TimeZoneInfo.Local);

    internal static DateTimeOffset? ToUtc(DateTime value, TimeZoneInfo localZone)
    {
        _ = localZone ?? throw new ArgumentNullException(nameof(localZone));
        if (value.Year < 1980)
        {
            return null;
        }

        return value.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(value, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
            // GetUtcOffset never throws: for a time skipped or repeated by a daylight-saving change it answers the
            // standard offset, as the converter itself does when it shifts the value.
            _ => new DateTimeOffset(value, localZone.GetUtcOffset(value)).ToUniversalTime(),
        };
    }

    private static bool HasValue(IQueryPropertyItem item) =>
        (item ?? throw new ArgumentNullException(nameof(item))).ObjectValue is not null and not DBNull;
}

/// <summary>A property value of a shape the adapter cannot read (an InvalidCastException, like the SDK's own).</summary>
[Serializable]
internal sealed class UnexpectedProviderValueException(string message, Exception innerException) : InvalidCastException(message, innerException);
