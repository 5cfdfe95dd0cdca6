namespace CMDisconnectedSync.Doctor.Tests.Checks;

/// <summary>Picks one finding out of a check's result by its fact id, so a test reads like the report.</summary>
internal static class Findings
{
    public static DoctorFinding Of(this IReadOnlyList<DoctorFinding> findings, FieldFact fact) =>
        findings.SingleOrDefault(f => f.Id == fact.Id) ?? throw new AssertFailedException($"No finding for {fact.Id}; found {string.Join(", ", findings.Select(f => f.Id))}.");
}
