namespace CMDisconnectedSync.Doctor;

/// <summary>The overall verdict of a doctor run, worst first: what the CLI turns into its exit code.</summary>
public enum DoctorVerdict
{
    /// <summary>Nothing differs, is missing or was refused (NotApplicable rows may remain).</summary>
    AllConfirmed,

    /// <summary>At least one value differs from what we expect.</summary>
    Differs,

    /// <summary>Nothing differs, but at least one expected thing is missing.</summary>
    Missing,

    /// <summary>Nothing differs or is missing, but at least one check was refused.</summary>
    AccessDenied,
}

/// <summary>
/// Everything one <c>cmdsync doctor</c> run found on one machine: what an admin attaches to a support request.
/// </summary>
/// <param name="Machine">The computer the doctor ran on.</param>
/// <param name="Side">Which end of the transfer it was checked as.</param>
/// <param name="CreatedUtc">When the report was made.</param>
/// <param name="ToolVersion">The cmdsync version that made it.</param>
/// <param name="Findings">Every finding, in check order.</param>
public sealed record DoctorReport(string Machine, DoctorSide Side, DateTimeOffset CreatedUtc, string ToolVersion, IReadOnlyList<DoctorFinding> Findings)
{
    /// <summary>The version of the JSON report layout; bumped when a field changes meaning or is removed.</summary>
    public const int SchemaVersion = 1;

    public DoctorVerdict Verdict =>
        Findings.Any(f => f.Status == CheckStatus.Differs) ? DoctorVerdict.Differs
        : Findings.Any(f => f.Status == CheckStatus.Missing) ? DoctorVerdict.Missing
        : Findings.Any(f => f.Status == CheckStatus.AccessDenied) ? DoctorVerdict.AccessDenied
        : DoctorVerdict.AllConfirmed;

    /// <summary>How many findings have each status (every status listed, zero included).</summary>
    public IReadOnlyDictionary<CheckStatus, int> Counts =>
        AllStatuses.ToDictionary(s => s, s => Findings.Count(f => f.Status == s));

    private static readonly CheckStatus[] AllStatuses =
        [CheckStatus.Confirmed, CheckStatus.Differs, CheckStatus.Missing, CheckStatus.NotApplicable, CheckStatus.AccessDenied];
}
