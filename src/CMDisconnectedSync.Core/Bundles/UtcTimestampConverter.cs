using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Writes instants as UTC ISO 8601 with a fixed 7-digit fraction and 'Z' (<c>2026-11-25T14:00:00.0000000Z</c>),
/// so the same instant always gives the same bytes whatever offset it was created with.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Inventories carry one timestamp per file (100,000s): parse the exact form we write straight from the
        // UTF-8 bytes; anything else (escaped, other lengths, out-of-range fields) takes the general path below,
        // which accepts and rejects exactly as before.
        if (reader.TokenType == JsonTokenType.String && !reader.HasValueSequence && !reader.ValueIsEscaped && TryParseExactUtf8(reader.ValueSpan, out var fast))
        {
            return fast;
        }

        var text = reader.GetString();
        if (!DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            throw new JsonException($"'{text}' is not a UTC timestamp of the form 2026-11-25T14:00:00.0000000Z.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        _ = writer ?? throw new ArgumentNullException(nameof(writer));
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
    }

    /// <summary>Parses exactly <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (28 ASCII bytes) with every field in range.</summary>
    internal static bool TryParseExactUtf8(ReadOnlySpan<byte> value, out DateTimeOffset result)
    {
        result = default;
        if (value.Length != 28 || value[4] != '-' || value[7] != '-' || value[10] != 'T' || value[13] != ':' || value[16] != ':' || value[19] != '.' || value[27] != 'Z')
        {
            return false;
        }

        if (!TryDigits(value, 0, 4, out var year) || !TryDigits(value, 5, 2, out var month) || !TryDigits(value, 8, 2, out var day)
            || !TryDigits(value, 11, 2, out var hour) || !TryDigits(value, 14, 2, out var minute) || !TryDigits(value, 17, 2, out var second)
            || !TryDigits(value, 20, 7, out var fraction))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        result = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction), TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> value, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = value[i] - (byte)'0';
            if ((uint)digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }
}
