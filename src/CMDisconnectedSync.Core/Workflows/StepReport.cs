namespace CMDisconnectedSync.Workflows;

/// <summary>A progress notification about a step: which one (index of total), and what happened to it.</summary>
public sealed record StepReport(int Index, int Count, string Name, string Title, StepOutcome Outcome, string? Detail);
