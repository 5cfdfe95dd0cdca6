namespace CMDisconnectedSync.Workflows;

/// <summary>One line of a workflow journal: a step, what happened to it, when (UTC), and an optional detail.</summary>
public sealed record JournalEntry(string Step, JournalEvent Event, DateTimeOffset AtUtc, string? Detail);
