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
}
