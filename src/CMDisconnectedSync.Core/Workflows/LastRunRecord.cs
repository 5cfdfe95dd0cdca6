using System.Globalization;
using System.Text;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Workflows;

/// <summary>How the last run of a workflow ended, as <see cref="LastRunRecord"/> records it.</summary>
public enum LastRunOutcome
{
    /// <summary>Started and not ended (still running, or the process was killed): the next run resumes it.</summary>
    Running,
    Finished,
    Failed,
    Cancelled,
}

/// <summary>
/// The last run of a workflow in the admin's words: which bundle (import: the bundle folder; export: the bundle folder
/// being written), when, how it ended and at which step. Written beside the journal (<c>journals/&lt;workflow&gt;.last-run.txt</c>)
/// when the run starts, before verification, so a run cancelled or refused before its journal opens is still listed by
/// <c>cmdsync status</c> and the status window, named by its bundle path instead of the manifest hash the journal is keyed by.
/// </summary>
/// <param name="Workflow"><c>import</c> or <c>export</c>.</param>
/// <param name="BundleFolder">The bundle the run reads (import) or writes (export).</param>
/// <param name="StartedAtUtc">When the run started.</param>
/// <param name="UpdatedAtUtc">When it was last recorded (start or end).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Step">Journal name of the step it stopped at; null when finished or not known.</param>
/// <param name="StepTitle">That step's title, as the progress page shows it.</param>
/// <param name="Message">The failure's message; null otherwise.</param>
public sealed record LastRunRecord(
    string Workflow,
    string BundleFolder,
    DateTimeOffset StartedAtUtc,
    DateTimeOffset UpdatedAtUtc,
    LastRunOutcome Outcome,
    string? Step,
    string? StepTitle,
    string? Message)
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static readonly string[] Separator = [": "];

    public static string PathFor(string stateFolder, string workflow) =>
        Path.Combine(stateFolder ?? throw new ArgumentNullException(nameof(stateFolder)), WorkflowJournalFiles.FolderName, workflow + ".last-run.txt");

    /// <summary>Reads the record; null when there is none or it cannot be read (the status then shows the journal alone).</summary>
    public static LastRunRecord? Read(string stateFolder, string workflow)
    {
        var path = PathFor(stateFolder, workflow);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var values = StateFileReader.ReadAllLines(path, StateFileReader.MaxSmallFileBytes)
                .Select(line => line.Split(Separator, 2, StringSplitOptions.None))
                .Where(parts => parts.Length == 2)
                .GroupBy(parts => parts[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
            string? Value(string key) => values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
            if (Value("bundle") is not { } bundle || Value("started") is not { } started || Value("updated") is not { } updated
                || !Enum.TryParse<LastRunOutcome>(Value("outcome"), ignoreCase: false, out var outcome))
            {
                return null;
            }

            return new LastRunRecord(workflow, bundle, ParseTime(started), ParseTime(updated), outcome, Value("step"), Value("step-title"), Value("message"));
        }
        catch (Exception ex) when (ex is StateFileException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the record (temp + rename, like every state file).</summary>
    public Task WriteAsync(string stateFolder, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("# The last " + Workflow + " run, for 'cmdsync status' and the status window; rewritten by each run.\n")
            .Append("bundle: ").Append(OneLine(BundleFolder)).Append('\n')
            .Append("started: ").Append(StartedAtUtc.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append('\n')
            .Append("updated: ").Append(UpdatedAtUtc.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)).Append('\n')
            .Append("outcome: ").Append(Outcome.ToString()).Append('\n')
            .Append("step: ").Append(OneLine(Step)).Append('\n')
            .Append("step-title: ").Append(OneLine(StepTitle)).Append('\n')
            .Append("message: ").Append(OneLine(Message)).Append('\n');
        var path = PathFor(stateFolder, Workflow);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return AtomicFile.WriteAllBytesAsync(path, new UTF8Encoding(false).GetBytes(text.ToString()), cancellationToken);
    }

    private static string OneLine(string? value) => (value ?? string.Empty).Replace("\r", " ").Replace("\n", " ");

    private static DateTimeOffset ParseTime(string value) =>
        new(DateTime.ParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
