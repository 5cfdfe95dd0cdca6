namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>Which workflow a recorded run was.</summary>
public enum RunKind
{
    Export,
    Import,
}

/// <summary>How a recorded run ended, from its journal.</summary>
public enum RunOutcome
{
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>Started and never finished (crash or still running): the next run resumes it.</summary>
    Unfinished,
}

/// <summary>A past export or import, from its journal, with its log.</summary>
public sealed record RunRecord(RunKind Kind, long? Sequence, DateTimeOffset StartedAtUtc, RunOutcome Outcome, string LogPath, string? Detail)
{
    /// <summary>The bundle the run read (import) or wrote (export); null for a run recorded before bundle paths were.</summary>
    public string? BundlePath { get; init; }

    /// <summary>Title of the step a cancelled, failed or unfinished run stopped at; null otherwise or when not known.</summary>
    public string? StoppedAtStep { get; init; }
}

/// <summary>What the Status window shows.</summary>
/// <param name="LastExportSequence">Highest sequence exported from this server; null when never.</param>
/// <param name="LastImportSequence">Last sequence imported on this server; null when never.</param>
/// <param name="SupStates">Last sync state per software update point.</param>
/// <param name="RecentRuns">Newest first.</param>
/// <param name="SupStatesProblem">
/// Why the software update points' sync state could not be read (SMS Provider unreachable, access denied), naming the
/// server and the fix; null when it was read. The sequences and runs come from this machine and are shown regardless.
/// </param>
public sealed record SyncStatusReport(
    long? LastExportSequence,
    long? LastImportSequence,
    IReadOnlyList<SupSyncState> SupStates,
    IReadOnlyList<RunRecord> RecentRuns,
    string? SupStatesProblem = null);
