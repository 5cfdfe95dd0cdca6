using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The durable record of one workflow run: which steps started, finished or failed. A rerun after a crash, reboot,
/// cancel or unplugged media reads it and resumes at the first step that did not finish.
/// </summary>
/// <remarks>
/// JSON Lines, appended and flushed to disk one line per event, so a power cut loses at most the line being written.
/// The first line names the workflow and the run key (for an import, the bundle's manifest hash): a journal left by
/// a different run is set aside as <c>*.previous-*</c> instead of being resumed. A torn last line (the process died
/// mid-write) is dropped; damage anywhere else is reported, never guessed around.
/// </remarks>
public sealed class WorkflowJournal
{
    /// <summary>
    /// How many journals of earlier runs stay set aside beside the current one (newest kept): enough history for
    /// support and for recognising a rerun, without a scheduled task filling the state folder over the years.
    /// </summary>
    public const int SetAsideJournalsKept = 50;

    private const int FormatVersion = 1;
    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly List<JournalEntry> _entries;

    private WorkflowJournal(string path, string workflow, string runKey, TimeProvider clock, List<JournalEntry> entries)
    {
        _path = path;
        _clock = clock;
        _entries = entries;
        Workflow = workflow;
        RunKey = runKey;
    }

    public string Workflow { get; }

    public string RunKey { get; }

    public string FilePath => _path;

    public IReadOnlyList<JournalEntry> Entries => _entries;

    /// <summary>
    /// Opens the journal at <paramref name="path"/> for <paramref name="workflow"/>/<paramref name="runKey"/>, resuming it
    /// when it belongs to this run, or starting a new one (setting aside a journal of another run).
    /// </summary>
    public static WorkflowJournal Open(string path, string workflow, string runKey, TimeProvider clock)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        if (string.IsNullOrWhiteSpace(workflow) || string.IsNullOrWhiteSpace(runKey))
        {
            throw new ArgumentException("A journal needs a workflow name and a run key.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path))
        {
            var existing = Read(path);
            if (existing.Damage is { } damage)
            {
                return Recover(path, workflow, runKey, clock, existing, damage);
            }

            if (existing.Workflow == workflow && existing.RunKey == runKey)
            {
                if (existing.TornTail)
                {
                    Rewrite(path, workflow, runKey, existing.Entries);
                }

                return new WorkflowJournal(path, workflow, runKey, clock, existing.Entries);
            }

            var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            // Two runs can end within the same second (a quick refusal, then the real run): never overwrite one.
            var setAside = path + ".previous-" + stamp;
            for (var n = 2; File.Exists(setAside); n++)
            {
                setAside = path + ".previous-" + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            File.Move(path, setAside);
            PruneSetAside(path);
        }

        Rewrite(path, workflow, runKey, []);
        return new WorkflowJournal(path, workflow, runKey, clock, []);
    }

    /// <summary>
    /// Set when <see cref="Open"/> found the journal damaged (a garbage or NUL-filled line, as a power cut leaves on
    /// some file systems) and resumed from the valid lines before the damage: says so, and where the damaged file went.
    /// The workflows log it as a warning.
    /// </summary>
    public string? RecoveryNote { get; private init; }

    /// <summary>
    /// Keeps the longest valid prefix of a damaged journal: the damaged file is set aside as <c>*.damaged-*</c> (for
    /// support), the journal is rewritten with the entries before the damage when it is this run's, or started anew
    /// when its header is damaged or it is another run's. The steps after the damage run again: every step is safe
    /// to rerun (copies are checked by hash), which is what a resume after a crash relies on too. Used to stop
    /// with exit 25 and ask for manual cleanup (issue 19).
    /// </summary>
    private static WorkflowJournal Recover(string path, string workflow, string runKey, TimeProvider clock, JournalRead existing, JournalCorruptException damage)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var aside = path + ".damaged-" + stamp;
        for (var n = 2; File.Exists(aside); n++)
        {
            aside = path + ".damaged-" + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        File.Copy(path, aside);
        var ours = existing.Workflow == workflow && existing.RunKey == runKey;
        var kept = ours ? existing.Entries : [];
        Rewrite(path, workflow, runKey, kept);
        var note = string.Format(CultureInfo.InvariantCulture,
            "The journal '{0}' was damaged at line {1} (as a power cut can leave it); the damaged file was set aside as '{2}'. {3}",
            path, damage.LineNumber, aside,
            ours ? $"The run resumes from the {kept.Count} entries before the damage; steps after it run again." : "Its header was unreadable, so this run starts from the first step.");
        return new WorkflowJournal(path, workflow, runKey, clock, kept) { RecoveryNote = note };
    }

    /// <summary>
    /// Reads the journal at <paramref name="path"/> without changing anything (for <c>status</c> and <c>--what-if</c>):
    /// null when there is none or not even its header reached the disk.
    /// </summary>
    public static JournalSnapshot? Peek(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (!File.Exists(path))
        {
            return null;
        }

        var read = Read(path);
        return read.Workflow.Length == 0 ? null : new JournalSnapshot(path, read.Workflow, read.RunKey, read.Entries);
    }

    /// <summary>
    /// The journal at <paramref name="path"/> and the journals of earlier runs that later runs set aside beside it
    /// (<c>*.previous-*</c>), newest first, read without changing anything: to recognise a rerun of a run that
    /// finished even when another run came after it.
    /// </summary>
    public static IEnumerable<JournalSnapshot> PeekHistory(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var candidates = new[] { path }
            .Concat(Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".previous-*")
                .Where(f => !f.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(File.GetLastWriteTimeUtc));
        foreach (var candidate in candidates)
        {
            if (Peek(candidate) is { } snapshot)
            {
                yield return snapshot;
            }
        }
    }

    /// <summary>Deletes the set-aside journals beyond the newest <see cref="SetAsideJournalsKept"/> (same order as <see cref="PeekHistory"/>).</summary>
    private static void PruneSetAside(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var beyondKept = Directory.EnumerateFiles(folder, Path.GetFileName(path) + ".previous-*")
            .Where(f => !f.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ThenByDescending(f => f, StringComparer.Ordinal)
            .Skip(SetAsideJournalsKept)
            .ToList();
        foreach (var file in beyondKept)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Housekeeping must never fail a run: a journal held open (e.g. by a virus scanner) is pruned next time.
                continue;
            }
        }
    }

    /// <summary>True when the step's last event is <see cref="JournalEvent.Completed"/>.</summary>
    public bool IsCompleted(string step) => LastEventOf(step) == JournalEvent.Completed;

    /// <summary>The detail recorded when the step completed (e.g. the package name it produced), if any.</summary>
    public string? CompletionDetailOf(string step) =>
        _entries.LastOrDefault(e => e.Step == step && e.Event == JournalEvent.Completed)?.Detail;

    public JournalEvent? LastEventOf(string step) => _entries.LastOrDefault(e => e.Step == step)?.Event;

    public void MarkStarted(string step, string? detail = null) => Append(step, JournalEvent.Started, detail);

    public void MarkCompleted(string step, string? detail = null) => Append(step, JournalEvent.Completed, detail);

    public void MarkFailed(string step, string reason) => Append(step, JournalEvent.Failed, reason);

    /// <summary>
    /// Records the child process <paramref name="step"/> just started (wsusutil), as a line of its own
    /// (<see cref="WorkflowJournalFiles.ProcessEntryFor"/>, event Started, detail <see cref="Processes.ProcessStamp.ToJournalDetail"/>):
    /// a rerun after this process was killed checks whether that child still runs (<see cref="JournalSnapshot.StartedProcesses"/>).
    /// </summary>
    public void MarkProcessStarted(string step, Processes.ProcessStamp process) =>
        Append(WorkflowJournalFiles.ProcessEntryFor(step), JournalEvent.Started, (process ?? throw new ArgumentNullException(nameof(process))).ToJournalDetail());

    /// <summary>
    /// Records, before <paramref name="step"/> starts its child process (wsusutil), how to recognise it
    /// (<see cref="Processes.ProcessLaunchMark"/>), under the same entry name as <see cref="MarkProcessStarted"/>: a
    /// run killed after the start but before that line leaves this one (<see cref="JournalSnapshot.UnrecordedLaunches"/>).
    /// </summary>
    public void MarkProcessLaunching(string step, Processes.ProcessLaunchMark launch) =>
        Append(WorkflowJournalFiles.ProcessEntryFor(step), JournalEvent.Started, (launch ?? throw new ArgumentNullException(nameof(launch))).ToJournalDetail());

    private void Append(string step, JournalEvent journalEvent, string? detail)
    {
        var entry = new JournalEntry(step, journalEvent, _clock.GetUtcNow(), detail);
        var line = EntryLine(entry);
        using (var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read))
        {
            stream.Write(line, 0, line.Length);
            stream.Flush(flushToDisk: true);
        }

        _entries.Add(entry);
    }

    private static void Rewrite(string path, string workflow, string runKey, IEnumerable<JournalEntry> entries)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var header = HeaderLine(workflow, runKey);
            stream.Write(header, 0, header.Length);
            foreach (var entry in entries)
            {
                var line = EntryLine(entry);
                stream.Write(line, 0, line.Length);
            }

            stream.Flush(flushToDisk: true);
        }

        // One rename over the old journal (File.Replace on .NET Framework): a crash leaves the old or the new one, never none.
        IO.HashingFileCopier.MoveIntoPlace(temp, path);
    }

    private static byte[] HeaderLine(string workflow, string runKey) => Line(writer =>
    {
        writer.WriteNumber("journal", FormatVersion);
        writer.WriteString("workflow", workflow);
        writer.WriteString("runKey", runKey);
    });

    private static byte[] EntryLine(JournalEntry entry) => Line(writer =>
    {
        writer.WriteString("step", entry.Step);
        writer.WriteString("event", entry.Event.ToString());
        writer.WriteString("at", entry.AtUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (entry.Detail is not null)
        {
            writer.WriteString("detail", entry.Detail);
        }
    });

    private static byte[] Line(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>What a journal file holds: its header, its entries up to the first damaged line, and that damage if any.</summary>
    private sealed record JournalRead(string Workflow, string RunKey, List<JournalEntry> Entries, bool TornTail, JournalCorruptException? Damage);

    private static JournalRead Read(string path)
    {
        var text = State.StateFileReader.ReadAllText(path, State.StateFileReader.MaxJournalBytes);
        var lines = text.Split('\n');

        // Every complete line ends in '\n', so the last piece is empty unless the final write was cut short.
        var tornTail = lines[lines.Length - 1].Length > 0;
        var completeLines = lines.Length - 1;
        if (completeLines == 0)
        {
            // Not even the header made it to disk: nothing was done under this journal.
            return new JournalRead(string.Empty, string.Empty, [], TornTail: true, null);
        }

        string workflow;
        string runKey;
        try
        {
            (workflow, runKey) = ParseHeader(path, lines[0]);
        }
        catch (JournalCorruptException ex) when (ex.IsDamage)
        {
            return new JournalRead(string.Empty, string.Empty, [], tornTail, ex);
        }

        var entries = new List<JournalEntry>();
        for (var i = 1; i < completeLines; i++)
        {
            try
            {
                entries.Add(ParseEntry(path, i + 1, lines[i]));
            }
            catch (JournalCorruptException ex)
            {
                // The longest valid prefix: nothing after a damaged line can be trusted to be in order.
                return new JournalRead(workflow, runKey, entries, tornTail, ex);
            }
        }

        return new JournalRead(workflow, runKey, entries, tornTail, null);
    }

    private static (string Workflow, string RunKey) ParseHeader(string path, string line)
    {
        int version;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
            version = document.RootElement.GetProperty("journal").GetInt32();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JournalCorruptException(path, 1, "unreadable header: " + ex.Message) { IsDamage = true };
        }

        using (document)
        {
            if (version != FormatVersion)
            {
                // Not damage: a journal of another cmdsync version is never rewritten or set aside by this one.
                throw new JournalCorruptException(path, 1, $"format version {version}, this build reads {FormatVersion}");
            }

            try
            {
                return (RequiredString(document.RootElement, "workflow"), RequiredString(document.RootElement, "runKey"));
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new JournalCorruptException(path, 1, "unreadable header: " + ex.Message) { IsDamage = true };
            }
        }
    }

    private static JournalEntry ParseEntry(string path, int lineNumber, string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var step = RequiredString(root, "step");
            var eventName = RequiredString(root, "event");
            var journalEvent = eventName switch
            {
                nameof(JournalEvent.Started) => JournalEvent.Started,
                nameof(JournalEvent.Completed) => JournalEvent.Completed,
                nameof(JournalEvent.Failed) => JournalEvent.Failed,
                _ => throw new FormatException($"unknown event '{eventName}'"),
            };

            var at = DateTimeOffset.Parse(RequiredString(root, "at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var detail = root.TryGetProperty("detail", out var detailElement) ? detailElement.GetString() : null;
            return new JournalEntry(step, journalEvent, at, detail);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new JournalCorruptException(path, lineNumber, ex.Message) { IsDamage = true };
        }
    }

    private static string RequiredString(JsonElement root, string name)
    {
        var value = root.GetProperty(name).GetString();
        return string.IsNullOrEmpty(value) ? throw new FormatException($"'{name}' is empty") : value!;
    }
}
