namespace CMDisconnectedSync.Bundles;

/// <summary>
/// Why a bundle was refused. The CLI maps each kind to its own exit code (10–29), so scripts can tell a stale
/// bundle from a tampered one. Values are stable once released.
/// </summary>
public enum VerificationFailureKind
{
    /// <summary>No manifest.json (nor volume-001/manifest.json): not a bundle, or the copy is incomplete.</summary>
    ManifestMissing = 1,

    /// <summary>manifest.json is truncated, not JSON, or misses required fields.</summary>
    ManifestMalformed,

    /// <summary>manifest.json has a format major version this build does not read.</summary>
    UnsupportedFormatVersion,

    /// <summary>No manifest.json.p7s beside the manifest.</summary>
    SignatureMissing,

    /// <summary>The signature does not verify over the manifest bytes (broken signature or edited manifest).</summary>
    SignatureInvalid,

    /// <summary>A valid signature by a certificate not in the trusted-signer list, or by a trusted one that has expired or is not yet valid.</summary>
    SignerUntrusted,

    /// <summary>Same sequence as the last accepted bundle: a replay.</summary>
    SequenceReplayed,

    /// <summary>Lower sequence than the last accepted bundle: a rollback.</summary>
    SequenceRolledBack,

    /// <summary>The bundle is a delta against a state this side is not in.</summary>
    BaseMismatch,

    /// <summary>An entry breaks a path-safety rule, or the bundle contains a link.</summary>
    UnsafePath,

    /// <summary>A volume-NNN folder the manifest places files in is absent.</summary>
    VolumeMissing,

    /// <summary>A file the manifest lists is absent.</summary>
    FileMissing,

    /// <summary>A file the manifest does not list is present.</summary>
    UnexpectedFile,

    /// <summary>A file's size differs from the manifest.</summary>
    SizeMismatch,

    /// <summary>A file's SHA-256 differs from the manifest.</summary>
    HashMismatch,
}
