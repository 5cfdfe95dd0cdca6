using CMDisconnectedSync.Bundles;

namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>What the manifest says, shown on the verification page; mirrors Core's <c>Bundles.BundleSummary</c>.</summary>
/// <param name="BundleId">Manifest bundle id.</param>
/// <param name="Sequence">Sequence number in the export chain.</param>
/// <param name="BaseSequence">The sequence it is a delta against (<c>Base.Sequence</c>); null for a full export.</param>
/// <param name="CreatedAtUtc">When the export made it.</param>
/// <param name="SourceServer">The export WSUS server.</param>
/// <param name="Files">Files carried.</param>
/// <param name="Bytes">Bytes of all files.</param>
/// <param name="NewFiles">Files new since the base.</param>
/// <param name="ChangedFiles">Files changed since the base.</param>
/// <param name="VolumeCount">Media volumes it is split into (1 when not split).</param>
/// <param name="SignerSubject">Signing certificate subject (<c>SignerIdentity.Subject</c>); null when the signature could not be read.</param>
/// <param name="SignerThumbprint">Signing certificate thumbprint (<c>SignerIdentity.Thumbprint</c>).</param>
public sealed record BundleSummary(
    string BundleId,
    long Sequence,
    long? BaseSequence,
    DateTimeOffset CreatedAtUtc,
    string SourceServer,
    int Files,
    long Bytes,
    int NewFiles,
    int ChangedFiles,
    int VolumeCount,
    string? SignerSubject,
    string? SignerThumbprint)
{
    /// <summary>Deployment content files carried for a content request (never installed into WsusContent); 0 when none.</summary>
    public int DeploymentContentFiles { get; init; }

    /// <summary>Bytes of the deployment content carried.</summary>
    public long DeploymentContentBytes { get; init; }
}

/// <summary>
/// The verdict on a bundle; mirrors Core's <c>Bundles.BundleVerificationResult</c> (<c>Failure</c>, <c>Cause</c>,
/// <c>Summary</c>, <c>ProblemCount</c>). <see cref="Summary"/> is filled whenever the manifest could be read, also
/// for a refused bundle, so the admin sees who signed what they were handed.
/// </summary>
/// <param name="Refusal">Why it is refused (Core's own failure kind); null when accepted.</param>
/// <param name="Cause">One line naming the file and what to do ("verified" on success).</param>
/// <param name="Summary">The manifest's summary, when readable.</param>
/// <param name="ProblemCount">Problems found in total (the cause names the first).</param>
public sealed record BundleVerification(VerificationFailureKind? Refusal, string Cause, BundleSummary? Summary, int ProblemCount)
{
    /// <summary>
    /// True when this exact bundle was already imported by a finished run (Core's <c>Workflows.FinishedImport</c>):
    /// not a refusal, but nothing to import; <see cref="Cause"/> says when.
    /// </summary>
    public bool AlreadyImported { get; init; }

    /// <summary>
    /// For a bundle refused because its signer is not trusted here (<see cref="VerificationFailureKind.SignerUntrusted"/>):
    /// the certificate the valid signature was made with, so the admin can compare it with the export server's and trust
    /// it; null otherwise.
    /// </summary>
    public SignerCertificate? UntrustedSigner { get; init; }

    public bool IsAccepted => Refusal is null && !AlreadyImported;

    public static BundleVerification Accepted(BundleSummary summary) => new(null, "verified", summary, 0);

    public static BundleVerification AlreadyImportedBefore(string message, BundleSummary? summary) => new(null, message, summary, 0) { AlreadyImported = true };

    public static BundleVerification Refused(VerificationFailureKind refusal, string cause, BundleSummary? summary = null, int problemCount = 1) =>
        new(refusal, cause, summary, problemCount);
}
