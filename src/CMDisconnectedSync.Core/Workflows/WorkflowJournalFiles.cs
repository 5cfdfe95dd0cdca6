namespace CMDisconnectedSync.Workflows;

/// <summary>Where the journals of the export and import workflows live: a <c>journals</c> folder in the state folder.</summary>
public static class WorkflowJournalFiles
{
    public const string FolderName = "journals";
    public const string ExportWorkflowName = "export";
    public const string ImportWorkflowName = "import";

    /// <summary>Journal entry written after the last step of a run: its absence means the run is unfinished.</summary>
    public const string RunFinishedEntry = "run-finished";

    public static string ExportJournal(string stateFolder) => PathFor(stateFolder, ExportWorkflowName);

    public static string ImportJournal(string stateFolder) => PathFor(stateFolder, ImportWorkflowName);

    private static string PathFor(string stateFolder, string workflow) =>
        Path.Combine(stateFolder ?? throw new ArgumentNullException(nameof(stateFolder)), FolderName, workflow + ".journal.jsonl");
}
