namespace CMDisconnectedSync.Workflows;

/// <summary>A step as a <c>--what-if</c> plan shows it: its journal name, what it does, and whether an earlier run already finished it.</summary>
public sealed record PlannedStep(string Name, string Title, bool AlreadyDone);
