namespace CMDisconnectedSync.Harness.Support;

/// <summary>
/// What one harness run found: the figure line it prints last (e.g. <c>accepted: 0 of 10000</c>), whether every
/// promise held, and each broken promise in words (attack, file, expected vs actual).
/// </summary>
internal sealed record SuiteResult(string Figure, IReadOnlyList<string> Problems, IReadOnlyList<string> Details)
{
    public bool Passed => Problems.Count == 0;
}
