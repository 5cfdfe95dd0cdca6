using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CMDisconnectedSync.Doctor;

/// <summary>
/// The doctor report as JSON (System.Text.Json): camelCase names, statuses as words, every finding with its expected
/// value and source, so a support engineer reads it without the tool. Layout versioned by <see cref="DoctorReport.SchemaVersion"/>.
/// </summary>
public static class DoctorReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },

        // A file for people and support tools, never embedded in HTML: keep quotes, apostrophes and '>' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(DoctorReport report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        var document = new ReportDocument(
            DoctorReport.SchemaVersion,
            "cmdsync doctor",
            report.ToolVersion,
            report.Machine,
            report.Side,
            report.CreatedUtc,
            report.Verdict,
            report.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
            report.Findings);
        return JsonSerializer.Serialize(document, Options);
    }

    private sealed record ReportDocument(
        int SchemaVersion,
        string Tool,
        string ToolVersion,
        string Machine,
        DoctorSide Side,
        DateTimeOffset CreatedUtc,
        DoctorVerdict Verdict,
        Dictionary<string, int> Counts,
        IReadOnlyList<DoctorFinding> Findings);
}
