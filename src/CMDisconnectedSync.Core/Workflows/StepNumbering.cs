namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Numbers the gate checks (verify, preflight: run on every attempt, never journaled) and the journaled steps
/// as one list, so the admin reads <c>[3/6]</c> across both.
/// </summary>
internal sealed class StepNumbering(IProgress<StepReport>? sink, int gateCount, int journaledCount)
{
    public int Total => gateCount + journaledCount;

    public void Gate(int index, string name, string title, StepOutcome outcome, string? detail = null) =>
        sink?.Report(new StepReport(index, Total, name, title, outcome, detail));

    /// <summary>The sink for <see cref="WorkflowRunner"/>: its indexes shifted past the gates.</summary>
    public IProgress<StepReport>? ForRunner() => sink is null ? null : new Shifted(sink, gateCount, Total);

    private sealed class Shifted(IProgress<StepReport> inner, int offset, int total) : IProgress<StepReport>
    {
        public void Report(StepReport value) => inner.Report(value with { Index = value.Index + offset, Count = total });
    }
}
