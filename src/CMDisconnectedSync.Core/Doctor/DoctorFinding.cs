namespace CMDisconnectedSync.Doctor;

/// <summary>One row of the doctor report: an assumption, what this machine shows, and what to do about it.</summary>
/// <param name="Id">The <see cref="FieldFact.Id"/> checked.</param>
/// <param name="Area">The fact's area.</param>
/// <param name="Assumption">The fact's assumption.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Found">The value found on this machine (or why none could be read).</param>
/// <param name="Expected">The value we expect.</param>
/// <param name="Source">Where the expectation comes from.</param>
/// <param name="Detail">What the finding means and, unless confirmed, what the admin can do next.</param>
public sealed record DoctorFinding(
    string Id,
    string Area,
    string Assumption,
    CheckStatus Status,
    string Found,
    string Expected,
    string Source,
    string Detail)
{
    /// <summary>Differs or Missing: the product's assumption does not hold here.</summary>
    public bool IsProblem => Status is CheckStatus.Differs or CheckStatus.Missing;
}
