using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CMDisconnectedSync.Processes;

/// <summary>
/// What a run journals just <b>before</b> it starts wsusutil: the program's file name, one argument no other process
/// carries (the unique log path of this run), and a moment the process cannot have started before. The process's own
/// <see cref="ProcessStamp"/> can only be journaled once it has started, so a cmdsync killed in the moment between the
/// start and that journal line would otherwise leave a wsusutil no record names (issue 19; seen in CI, a SIGKILL right
/// after the child appeared in <c>/proc</c>). A rerun finds such a process with <see cref="IRunningProcesses.FindLaunched"/>.
/// </summary>
/// <param name="ImageName">The program's file name as started (<c>WsusUtil.exe</c>).</param>
/// <param name="Argument">An argument of this launch that no other process has (the run's unique wsusutil log path).</param>
/// <param name="NotBeforeUtcTicks">UTC ticks taken before the start: the process started at or after this moment.</param>
public sealed record ProcessLaunchMark(string ImageName, string Argument, long NotBeforeUtcTicks)
{
    private const string Prefix = "launching ";

    /// <summary>The journal detail: <c>launching {"image":…,"argument":…,"notBeforeUtcTicks":…}</c> (paths may hold any character).</summary>
    public string ToJournalDetail()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("image", ImageName);
            writer.WriteString("argument", Argument);
            writer.WriteNumber("notBeforeUtcTicks", NotBeforeUtcTicks);
            writer.WriteEndObject();
        }

        return Prefix + Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads <see cref="ToJournalDetail"/>'s form back; null for anything else (a <see cref="ProcessStamp"/> detail, damage).</summary>
    public static ProcessLaunchMark? FromJournalDetail(string? detail)
    {
        if (detail is null || !detail.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(detail.Substring(Prefix.Length));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String && image.GetString() is { Length: > 0 } imageName
                && root.TryGetProperty("argument", out var argument) && argument.ValueKind == JsonValueKind.String && argument.GetString() is { Length: > 0 } argumentText
                && root.TryGetProperty("notBeforeUtcTicks", out var ticks) && ticks.ValueKind == JsonValueKind.Number && ticks.TryGetInt64(out var notBefore) && notBefore > 0)
            {
                return new ProcessLaunchMark(imageName, argumentText, notBefore);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} with argument '{1}' (started after {2:o})", ImageName, Argument, new DateTime(NotBeforeUtcTicks, DateTimeKind.Utc));
}
