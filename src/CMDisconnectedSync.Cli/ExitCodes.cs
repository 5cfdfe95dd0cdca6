namespace CMDisconnectedSync.Cli;

/// <summary>
/// Documented process exit codes (README "Exit codes"). Scheduled tasks and scripts branch on these, so a value
/// never changes meaning once released. Ranges: 1–9 general, 10–29 bundle verification, 30–39 preflight,
/// 40–49 WSUS/wsusutil, 50–59 ConfigMgr, 60–69 console extension/doctor.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error; the log has the details.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>The operation was cancelled (Ctrl+C); rerun the same command to resume.</summary>
    public const int Cancelled = 3;

    /// <summary>The verb exists but this build cannot run it yet; nothing was changed.</summary>
    public const int NotAvailable = 4;

    // 10–29: bundle verification. One code per VerificationFailureKind, so a scheduled task can tell a stale or
    // incomplete bundle (fetch it again) from a tampered or untrusted one (security incident).

    /// <summary>No manifest.json in the bundle folder (nor volume-001/): wrong path or incomplete copy.</summary>
    public const int BundleManifestMissing = 10;

    /// <summary>manifest.json is truncated or not valid JSON of our schema.</summary>
    public const int BundleManifestMalformed = 11;

    /// <summary>manifest.json uses a format major version this cmdsync does not read: update cmdsync.</summary>
    public const int BundleFormatUnsupported = 12;

    /// <summary>manifest.json.p7s is missing.</summary>
    public const int BundleSignatureMissing = 13;

    /// <summary>The signature does not verify over the manifest (edited manifest or broken signature).</summary>
    public const int BundleSignatureInvalid = 14;

    /// <summary>Valid signature by a certificate not in trusted-signers.txt.</summary>
    public const int BundleSignerUntrusted = 15;

    /// <summary>The bundle's sequence equals the last accepted one (replay).</summary>
    public const int BundleReplayed = 16;

    /// <summary>The bundle's sequence is lower than the last accepted one (rollback).</summary>
    public const int BundleRolledBack = 17;

    /// <summary>The bundle is a delta against a state this server is not in.</summary>
    public const int BundleBaseMismatch = 18;

    /// <summary>A path breaks a path-safety rule, or the bundle contains a link.</summary>
    public const int BundleUnsafePath = 19;

    /// <summary>A volume-NNN folder is missing.</summary>
    public const int BundleVolumeMissing = 20;

    /// <summary>A file listed in the manifest is missing.</summary>
    public const int BundleFileMissing = 21;

    /// <summary>A file not listed in the manifest is present.</summary>
    public const int BundleUnexpectedFile = 22;

    /// <summary>A file's size differs from the manifest.</summary>
    public const int BundleSizeMismatch = 23;

    /// <summary>A file's SHA-256 differs from the manifest.</summary>
    public const int BundleHashMismatch = 24;

    /// <summary>The state folder (state.json, trusted-signers.txt, inventory.json) or a receipt is damaged.</summary>
    public const int StateUnreadable = 25;

    /// <summary>The signing certificate could not be loaded (PFX path/password, store thumbprint, no private key).</summary>
    public const int SigningCertificateUnavailable = 26;

    public static int ForVerificationFailure(CMDisconnectedSync.Bundles.VerificationFailureKind kind) => kind switch
    {
        CMDisconnectedSync.Bundles.VerificationFailureKind.ManifestMissing => BundleManifestMissing,
        CMDisconnectedSync.Bundles.VerificationFailureKind.ManifestMalformed => BundleManifestMalformed,
        CMDisconnectedSync.Bundles.VerificationFailureKind.UnsupportedFormatVersion => BundleFormatUnsupported,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SignatureMissing => BundleSignatureMissing,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SignatureInvalid => BundleSignatureInvalid,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SignerUntrusted => BundleSignerUntrusted,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SequenceReplayed => BundleReplayed,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SequenceRolledBack => BundleRolledBack,
        CMDisconnectedSync.Bundles.VerificationFailureKind.BaseMismatch => BundleBaseMismatch,
        CMDisconnectedSync.Bundles.VerificationFailureKind.UnsafePath => BundleUnsafePath,
        CMDisconnectedSync.Bundles.VerificationFailureKind.VolumeMissing => BundleVolumeMissing,
        CMDisconnectedSync.Bundles.VerificationFailureKind.FileMissing => BundleFileMissing,
        CMDisconnectedSync.Bundles.VerificationFailureKind.UnexpectedFile => BundleUnexpectedFile,
        CMDisconnectedSync.Bundles.VerificationFailureKind.SizeMismatch => BundleSizeMismatch,
        CMDisconnectedSync.Bundles.VerificationFailureKind.HashMismatch => BundleHashMismatch,
        _ => Failure,
    };
}
