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
}
