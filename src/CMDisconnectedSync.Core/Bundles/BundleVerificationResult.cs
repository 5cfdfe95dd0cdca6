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

    /// <summary>Deployment content files carried (issue 18; never installed into WsusContent), 0 when none.</summary>
    public int DeploymentContentFiles { get; init; }

    /// <summary>Bytes of deployment content carried, 0 when none.</summary>
    public long DeploymentContentBytes { get; init; }
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

    /// <summary>
    /// Set only on success: what was verified (manifest hash + content stamp), to hand to a later
    /// <see cref="BundleVerifier.VerifyContentAsync"/> of the same bundle so its content is not hashed again while unchanged.
    /// </summary>
    public ContentVerification? Content { get; init; }

    /// <summary>True when the content was not hashed by this verification because an earlier one was reused (files unchanged since).</summary>
    public bool ContentReused { get; init; }

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

/// <summary>
/// The result of <see cref="BundleVerifier.CheckAsync"/>: every check but the content hashes. Either
/// <see cref="Refusal"/> (the bundle is refused; nothing more to do) or the bundle as checked so far, which only
/// <see cref="BundleVerifier.VerifyContentAsync"/> turns into a <see cref="BundleVerificationResult"/> with a
/// <see cref="VerifiedBundle"/>: an API that takes a verified bundle still cannot be handed an unhashed one.
/// </summary>
public sealed class BundleCheck
{
    internal BundleCheck(VerifiedBundle bundle, BundleSummary summary, StoredFileIndex index, string contentStamp)
    {
        Bundle = bundle;
        Summary = summary;
        Index = index;
        ContentStamp = contentStamp;
    }

    private BundleCheck(BundleVerificationResult refusal)
    {
        Refusal = refusal;
        Summary = refusal.Summary;
    }

    /// <summary>Set when a check failed: the verdict, as <see cref="BundleVerifier.VerifyAsync"/> returns it.</summary>
    public BundleVerificationResult? Refusal { get; }

    public bool Passed => Refusal is null;

    /// <summary>The manifest's summary, when it could be read (also on most refusals).</summary>
    public BundleSummary? Summary { get; }

    /// <summary>The manifest, once its signature, signer, paths, sequence and base passed (null on a refusal).</summary>
    public BundleManifest? Manifest => Bundle?.Manifest;

    /// <summary>SHA-256 of the signed manifest bytes (null on a refusal).</summary>
    public string? ManifestSha256 => Bundle?.ManifestSha256;

    /// <summary>SHA-256 over the bundle folder, the manifest hash and every stored file's size and last-write time (see <see cref="ContentVerification.StampOf"/>).</summary>
    public string? ContentStamp { get; }

    /// <summary>Not handed out before the content is hashed (or a verification of the same stamp is reused).</summary>
    internal VerifiedBundle? Bundle { get; }

    internal StoredFileIndex? Index { get; }

    internal static BundleCheck Refused(BundleVerificationResult refusal) => new(refusal ?? throw new ArgumentNullException(nameof(refusal)));
}

/// <summary>
/// "The content of the bundle with manifest <see cref="ManifestSha256"/> matched every SHA-256 of its manifest when each
/// stored file had the size and last-write time summed up in <see cref="ContentStamp"/>." Issue 17: the wizard's
/// verification, the run after it and a resume used to hash the whole bundle each (minutes per pass on a 100 GB USB
/// bundle); a run reuses this instead while the stamp is unchanged. A size or last-write change anywhere (or another
/// folder, such as the same bundle copied elsewhere) changes the stamp, and the content is hashed again.
/// </summary>
/// <param name="ManifestSha256">SHA-256 of the signed manifest bytes (the import journal's run key).</param>
/// <param name="ContentStamp">See <see cref="StampOf"/>.</param>
public sealed record ContentVerification(string ManifestSha256, string ContentStamp)
{
    private const string DetailPrefix = "content stamp ";

    /// <summary>How the import journal records it (one line's detail, keyed by the journal's run key, the manifest hash).</summary>
    public string ToJournalDetail() => DetailPrefix + ContentStamp;

    /// <summary>The verification a journal detail written by <see cref="ToJournalDetail"/> records; null for anything else.</summary>
    public static ContentVerification? FromJournalDetail(string manifestSha256, string? detail) =>
        detail is not null && detail.StartsWith(DetailPrefix, StringComparison.Ordinal) && detail.Length == DetailPrefix.Length + 64
            ? new ContentVerification(manifestSha256, detail.Substring(DetailPrefix.Length))
            : null;

    /// <summary>
    /// SHA-256 (hex) over the full bundle folder path, the manifest hash and, for every stored file in manifest order,
    /// its length and last-write time (UTC ticks) as the completeness walk read them (before hashing, so a change made
    /// while hashing shows up next time).
    /// </summary>
    internal static string StampOf(string bundleFolder, string manifestSha256, long[] lengths, long[] lastWriteTicks)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var header = System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(bundleFolder) + "\n" + manifestSha256 + "\n");
        hash.AppendData(header);
        var entry = new byte[16];
        for (var i = 0; i < lengths.Length; i++)
        {
            WriteInt64(entry, 0, lengths[i]);
            WriteInt64(entry, 8, lastWriteTicks[i]);
            hash.AppendData(entry);
        }

        return IO.Sha256Hex.Format(hash.GetHashAndReset());
    }

    private static void WriteInt64(byte[] target, int offset, long value)
    {
        for (var b = 0; b < 8; b++)
        {
            target[offset + b] = (byte)(value >> (8 * b));
        }
    }
}
