using System.Globalization;
using System.Text.Json;

namespace CMDisconnectedSync.Wsus.Api;

/// <summary>Turns the JSON line printed by <see cref="WsusStatusScript"/> into our <see cref="WsusStatus"/>.</summary>
internal static class WsusStatusJson
{
    /// <summary>The API's "no error" value of <c>SynchronizationError</c>.</summary>
    private const string NoError = "NotApplicable";

    /// <summary>Parses the last JSON object line of <paramref name="standardOutput"/>; throws <see cref="WsusQueryException"/> when it is missing or malformed.</summary>
    public static WsusStatus Parse(string standardOutput)
    {
        var line = (standardOutput ?? string.Empty)
            .Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim())
            .LastOrDefault(l => l.Length > 0 && l[0] == '{');
        if (line is null)
        {
            throw new WsusQueryException($"The WSUS status query printed no JSON result. Its output was: '{Shorten(standardOutput)}'.");
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var last = Property(root, "lastSynchronization");
            var settings = new WsusSettings(
                AllLanguages: Property(root, "allLanguages").GetBoolean(),
                Languages: Languages(Property(root, "languages")),
                ExpressFiles: Property(root, "expressFiles").GetBoolean(),
                IsReplica: Property(root, "isReplica").GetBoolean());
            var status = Property(root, "synchronizationStatus").GetString() ?? string.Empty;
            return new WsusStatus(settings, LastSynchronization(last), IsSynchronizing(status));
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new WsusQueryException($"The WSUS status query returned JSON this version cannot read ({exception.Message}): '{Shorten(line)}'.", exception);
        }
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"no '{name}' property");

    private static List<string> Languages(JsonElement element) => element.ValueKind switch
    {
        // ConvertTo-Json in Windows PowerShell can flatten a one-element array to a plain string.
        JsonValueKind.String => [element.GetString()!.ToLowerInvariant()],
        JsonValueKind.Null => [],
        _ => element.EnumerateArray().Select(e => e.GetString()!.ToLowerInvariant()).OrderBy(l => l, StringComparer.Ordinal).ToList(),
    };

    private static bool IsSynchronizing(string status) => status switch
    {
        "NotProcessing" => false,
        "Running" or "Stopping" => true,
        _ => throw new FormatException($"unknown synchronizationStatus '{status}'"),
    };

    private static LastSynchronization LastSynchronization(JsonElement last)
    {
        var outcome = (Property(last, "result").GetString() ?? string.Empty) switch
        {
            "NeverRun" => SynchronizationOutcome.Never,
            "Succeeded" => SynchronizationOutcome.Succeeded,
            "Failed" => SynchronizationOutcome.Failed,
            "Canceled" => SynchronizationOutcome.Canceled,
            "Unknown" => SynchronizationOutcome.Unknown,
            var other => throw new FormatException($"unknown synchronization result '{other}'"),
        };
        if (outcome == SynchronizationOutcome.Never)
        {
            return Wsus.LastSynchronization.Never;
        }

        var error = Property(last, "error").GetString() ?? string.Empty;
        var errorText = (Property(last, "errorText").GetString() ?? string.Empty).Trim();
        var describedError = error.Length == 0 || error == NoError
            ? errorText
            : errorText.Length == 0 ? error : $"{error}: {errorText}";
        return new LastSynchronization(outcome, Time(Property(last, "startTime")), Time(Property(last, "endTime")), describedError);
    }

    private static DateTimeOffset? Time(JsonElement element)
    {
        var text = element.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var time = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        return time.UtcDateTime == DateTime.MinValue ? null : time;
    }

    private static string Shorten(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        return trimmed.Length <= 300 ? trimmed : string.Concat(trimmed.Remove(300), "…");
    }
}
