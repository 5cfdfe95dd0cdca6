using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Bundles;

/// <summary>What a bundle holds, for the summary line and <c>--json</c>.</summary>
public sealed record BundleSummary
{
    public required string BundleId { get; init; }

    public required long Sequence { get; init; }

    public BundleBase? Base { get; init; }

    public required DateTimeOffset CreatedAtUtc { get; init; }

    public required string SourceServer { get; init; }

    public required int Files { get; init; }

    public required long Bytes { get; init; }

    public required int NewFiles { get; init; }

    public required int ChangedFiles { get; init; }

    public required int VolumeCount { get; init; }

    public SignerIdentity? Signer { get; init; }

    /// <summary>SHA-256 of the exact manifest bytes the signature was checked over (lowercase hex): the bundle's identity.</summary>
    public string? ManifestSha256 { get; init; }
}

/// <summary>
/// A bundle that passed every check, as the verifier saw it. Only <see cref="BundleVerifier"/> creates one, so
/// an API that takes it (the installer, the state store) cannot be handed an unverified bundle.
/// </summary>
public sealed class VerifiedBundle
{
    internal VerifiedBundle(string folder, BundleManifest manifest, string manifestSha256, SignerIdentity signer, bool rollbackOverridden)
    {
        Folder = folder;
        Manifest = manifest;
        ManifestSha256 = manifestSha256;
        Signer = signer;
        RollbackOverridden = rollbackOverridden;
    }

    public string Folder { get; }

    public BundleManifest Manifest { get; }

    public string ManifestSha256 { get; }

    public SignerIdentity Signer { get; }

    /// <summary>True when the sequence check was overridden because the admin allowed a rollback (the base check of a delta never is).</summary>
    public bool RollbackOverridden { get; }
}

/// <summary>Outcome of <see cref="BundleVerifier.VerifyAsync"/>: success with the bundle, or one failure kind and cause.</summary>
public sealed record BundleVerificationResult
{
    public bool Succeeded => Failure is null;

    public VerificationFailureKind? Failure { get; init; }

    /// <summary>One line naming the file and what to do; "verified" on success.</summary>
    public required string Cause { get; init; }

    /// <summary>The bundle's summary when the manifest could be read (also on most failures).</summary>
    public BundleSummary? Summary { get; init; }

    /// <summary>Set only on success.</summary>
    public VerifiedBundle? Bundle { get; init; }

    /// <summary>How many problems were found in total (the cause names the first).</summary>
    public int ProblemCount { get; init; }

    internal static BundleVerificationResult Fail(VerificationFailureKind kind, string cause, BundleSummary? summary = null, int problems = 1) =>
        new() { Failure = kind, Cause = cause, Summary = summary, ProblemCount = problems };
}

/// <summary>
/// What the disconnected side knows, against which a bundle is judged. <c>LastAccepted</c> is null when nothing
/// was accepted yet; <c>HighestAcceptedSequence</c> is the highest sequence ever accepted (above <c>LastAccepted</c>'s
/// after a rollback override; 0 means "take <c>LastAccepted</c>'s"). <c>AllowRollback</c> accepts a sequence not above
/// the highest one, and the caller logs the admin's reason; it never skips the base check of a delta.
/// </summary>
public sealed record BundleTrustContext(TrustedSigners TrustedSigners, State.AcceptedBundle? LastAccepted, bool AllowRollback = false, long HighestAcceptedSequence = 0)
{
    /// <summary>The context for a state folder's <c>state.json</c>.</summary>
    public static BundleTrustContext For(TrustedSigners trustedSigners, State.AcceptedState state, bool allowRollback = false) =>
        new(trustedSigners, (state ?? throw new ArgumentNullException(nameof(state))).LastAccepted, allowRollback, state.HighestAcceptedSequence);
}
