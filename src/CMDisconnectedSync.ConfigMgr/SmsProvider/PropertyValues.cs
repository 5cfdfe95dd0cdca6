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

    public static bool Flag(IQueryPropertyItem item) => HasValue(item) && item.BooleanValue;

    /// <summary>The time in UTC, or null when WMI has none (null, or the zero date some providers return for "never").</summary>
    public static DateTimeOffset? UtcTime(IQueryPropertyItem item) => HasValue(item) ? ToUtc(item.DateTimeValue) : null;

    // ConfigMgr records these times in UTC. A Local kind is converted; an unspecified kind is taken as UTC.
    internal static DateTimeOffset? ToUtc(DateTime value)
    {
        if (value.Year < 1980)
        {
            return null;
        }

        return value.Kind switch
        {
            DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime(), TimeSpan.Zero),
            _ => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero),
        };
    }

    private static bool HasValue(IQueryPropertyItem item) =>
        (item ?? throw new ArgumentNullException(nameof(item))).ObjectValue is not null and not DBNull;
}
