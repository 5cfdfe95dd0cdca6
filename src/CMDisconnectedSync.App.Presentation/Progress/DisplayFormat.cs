using System.Globalization;

namespace CMDisconnectedSync.App.Presentation.Progress;

/// <summary>Sizes, rates and durations as the admin reads them (binary units, as Explorer shows them).</summary>
public static class DisplayFormat
{
    private static readonly string[] Units = ["bytes", "KB", "MB", "GB", "TB"];

    public static string Bytes(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.CurrentCulture) + " bytes";
        }

        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.CurrentCulture) + " " + Units[unit];
    }

    public static string Rate(double bytesPerSecond) => Bytes((long)bytesPerSecond) + "/s";

    public static string Duration(TimeSpan duration)
    {
        if (duration.TotalHours >= 1)
        {
            return string.Format(CultureInfo.CurrentCulture, "{0} h {1:00} min", (int)duration.TotalHours, duration.Minutes);
        }

        return duration.TotalMinutes >= 1
            ? string.Format(CultureInfo.CurrentCulture, "{0} min {1:00} s", (int)duration.TotalMinutes, duration.Seconds)
            : string.Format(CultureInfo.CurrentCulture, "{0} s", Math.Max(0, (int)Math.Ceiling(duration.TotalSeconds)));
    }

    /// <summary>
    /// Every date and time the app shows, in one format with its time zone (issue 17): <c>2026-12-07 18:05 UTC+01:00</c>,
    /// or <c>… UTC</c> where the zone is UTC. <paramref name="zone"/> is the clock's (<c>TimeProvider.LocalTimeZone</c>),
    /// so tests pin it and pass in any <c>TZ</c>.
    /// </summary>
    public static string Time(DateTimeOffset moment, TimeZoneInfo zone)
    {
        _ = zone ?? throw new ArgumentNullException(nameof(zone));
        var local = TimeZoneInfo.ConvertTime(moment, zone);
        var offset = local.Offset;
        var zoneText = offset == TimeSpan.Zero
            ? "UTC"
            : "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        return local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + zoneText;
    }

    /// <summary><see cref="Time(DateTimeOffset, TimeZoneInfo)"/> in the zone of <paramref name="clock"/>.</summary>
    public static string Time(DateTimeOffset moment, TimeProvider clock) =>
        Time(moment, (clock ?? throw new ArgumentNullException(nameof(clock))).LocalTimeZone);

    /// <summary>
    /// Rewrites raw byte counts in a step's detail text ("copied 12 files, 640679936 bytes") into the units the rest of
    /// the page uses ("611 MB"); Core's details count exact bytes for logs and scripts.
    /// </summary>
    public static string HumanizeByteCounts(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        return ByteCount.Replace(text, match =>
        {
            var digits = match.Groups[1].Value.Replace(",", string.Empty).Replace(" ", string.Empty);
            return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? Bytes(bytes) : match.Value;
        });
    }

    private static readonly System.Text.RegularExpressions.Regex ByteCount =
        new(@"\b(\d{1,3}(?:,\d{3})+|\d+) bytes\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
