namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>Why a bundle is refused (design.md §3: import accepts a bundle only if all of these hold).</summary>
public enum BundleRefusal
{
    None,

    /// <summary>No manifest, unreadable JSON or an unsupported format version.</summary>
    Unreadable,

    /// <summary>The CMS signature does not verify over the manifest bytes.</summary>
    BadSignature,

    /// <summary>The signature verifies, but the signer's thumbprint is not in the trusted-signer list.</summary>
    UntrustedSigner,

    /// <summary>The sequence is not greater than the last imported one (replay or rollback).</summary>
    SequenceNotNewer,

    /// <summary>The bundle is a delta against a state this side does not have.</summary>
    BaseMismatch,

    /// <summary>A file is missing, has another size or another SHA-256.</summary>
    Tampered,

    /// <summary>A path escapes the destination (<c>..</c>, rooted, alternate data stream, device name).</summary>
    UnsafePath,
}

/// <summary>What the manifest says, shown on the verification page and the export summary.</summary>
/// <param name="BundleId">Manifest bundle id.</param>
/// <param name="Sequence">Sequence number in the export chain.</param>
/// <param name="CreatedAtUtc">When the export made it.</param>
/// <param name="SourceServer">The export WSUS server.</param>
/// <param name="SignerSubject">Signing certificate subject.</param>
/// <param name="SignerThumbprint">Signing certificate SHA-1 thumbprint (hex).</param>
/// <param name="ContentFileCount">Content files carried.</param>
/// <param name="TotalBytes">Bytes of all files (content and metadata).</param>
/// <param name="BaseSequence">The sequence it is a delta against; null for a full export.</param>
/// <param name="VolumeCount">Media volumes it is split into (1 when not split).</param>
public sealed record BundleSummary(
    string BundleId,
    long Sequence,
    DateTimeOffset CreatedAtUtc,
    string SourceServer,
    string SignerSubject,
    string SignerThumbprint,
    int ContentFileCount,
    long TotalBytes,
    long? BaseSequence,
    int VolumeCount);

/// <summary>
/// The verdict on a bundle. <see cref="Summary"/> is filled whenever the manifest could be read, also for a refused
/// bundle, so the admin sees who signed what they were handed.
/// </summary>
public sealed record BundleVerification(BundleRefusal Refusal, string? RefusalReason, BundleSummary? Summary)
{
    public bool IsAccepted => Refusal == BundleRefusal.None;

    public static BundleVerification Accepted(BundleSummary summary) => new(BundleRefusal.None, null, summary);

    public static BundleVerification Refused(BundleRefusal refusal, string reason, BundleSummary? summary = null) =>
        new(refusal, reason, summary);
}
