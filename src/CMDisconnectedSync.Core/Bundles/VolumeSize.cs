using System.Globalization;
using System.Text.RegularExpressions;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Parses sizes as admins write them: <c>700MB</c>, <c>25GB</c> (decimal, powers of 1000), <c>4GiB</c> (binary,
/// powers of 1024), plain bytes, and an optional <c>-N</c>/<c>+N</c> byte adjustment (<c>4GiB-1</c>, the FAT32
/// largest file).
/// </summary>
public static class VolumeSize
{
    private static readonly Regex Pattern = new(
        @"^\s*(?<number>\d+(\.\d+)?)\s*(?<unit>[KMGT]i?B|B)?\s*(?<adjust>[+-]\s*\d+)?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var match = Pattern.Match(text);
        if (!match.Success)
        {
            return false;
        }

        var unit = match.Groups["unit"].Success ? match.Groups["unit"].Value.ToUpperInvariant() : "B";
        decimal multiplier = unit switch
        {
            "B" => 1m,
            "KB" => 1000m,
            "MB" => 1000m * 1000m,
            "GB" => 1000m * 1000m * 1000m,
            "TB" => 1000m * 1000m * 1000m * 1000m,
            "KIB" => 1024m,
            "MIB" => 1024m * 1024m,
            "GIB" => 1024m * 1024m * 1024m,
            _ => 1024m * 1024m * 1024m * 1024m,
        };
        var number = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var adjust = match.Groups["adjust"].Success
            ? decimal.Parse(match.Groups["adjust"].Value.Replace(" ", string.Empty), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : 0m;
        var value = decimal.Floor(number * multiplier) + adjust;
        if (value < 1 || value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    public static long Parse(string text) =>
        TryParse(text, out var bytes)
            ? bytes
            : throw new FormatException($"'{text}' is not a size. Write e.g. 700MB, 25GB, 4GiB-1 (FAT32) or a number of bytes.");

    /// <summary>Human form for summaries: 1.5 GiB, 12.0 MiB, 512 B.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString(CultureInfo.InvariantCulture) + " B"
            : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
