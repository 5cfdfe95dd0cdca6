namespace CMDisconnectedSync.Workflows;

/// <summary>Where the journals of the export and import workflows live: a <c>journals</c> folder in the state folder.</summary>
public static class WorkflowJournalFiles
{
    public const string FolderName = "journals";
    public const string ExportWorkflowName = "export";
    public const string ImportWorkflowName = "import";

    /// <summary>Journal entry written after the last step of a run: its absence means the run is unfinished.</summary>
    public const string RunFinishedEntry = "run-finished";

    /// <summary>Suffix of the journal entry that records the child process a step started (<see cref="ProcessEntryFor"/>).</summary>
    public const string ProcessEntrySuffix = ":process";

    /// <summary>The journal entry name under which <paramref name="step"/> records the wsusutil process it started.</summary>
    public static string ProcessEntryFor(string step) => step + ProcessEntrySuffix;

    public static string ExportJournal(string stateFolder) => PathFor(stateFolder, ExportWorkflowName);

    public static string ImportJournal(string stateFolder) => PathFor(stateFolder, ImportWorkflowName);

    private static string PathFor(string stateFolder, string workflow) =>
        Path.Combine(stateFolder ?? throw new ArgumentNullException(nameof(stateFolder)), FolderName, workflow + ".journal.jsonl");
}
