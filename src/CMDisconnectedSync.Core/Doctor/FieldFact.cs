namespace CMDisconnectedSync.Doctor;

/// <summary>
/// One assumption the product makes about a real server, with the value we expect and the public source it came from.
/// All of them live in <c>CMDisconnectedSync.Doctor.FieldFacts</c> so a field correction changes one line.
/// </summary>
/// <param name="Id">Stable identifier used in the JSON report and in support requests, e.g. <c>wsus.registry.contentDir</c>.</param>
/// <param name="Area">Where the assumption lives: <c>WSUS</c>, <c>Console</c>, <c>SMS Provider</c>.</param>
/// <param name="Assumption">What we assume, as an admin reads it.</param>
/// <param name="Expected">The expected value or condition.</param>
/// <param name="Source">The public source of the expectation (document title and address), or <c>unconfirmed: …</c>.</param>
public sealed record FieldFact(string Id, string Area, string Assumption, string Expected, string Source)
{
    public DoctorFinding Confirmed(string found, string detail = "") => Finding(CheckStatus.Confirmed, found, detail);

    public DoctorFinding Differs(string found, string detail) => Finding(CheckStatus.Differs, found, detail);

    public DoctorFinding Missing(string found, string detail) => Finding(CheckStatus.Missing, found, detail);

    public DoctorFinding NotApplicable(string detail) => Finding(CheckStatus.NotApplicable, "(not checked)", detail);

    public DoctorFinding AccessDenied(string detail) => Finding(CheckStatus.AccessDenied, "(access denied)", detail);

    public DoctorFinding Finding(CheckStatus status, string found, string detail) =>
        new(Id, Area, Assumption, status, found ?? string.Empty, Expected, Source, detail ?? string.Empty);
}
