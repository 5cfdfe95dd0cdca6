namespace CMDisconnectedSync.Signing;

/// <summary>How close a trusted signer is to the end of its certificate's validity.</summary>
public enum SignerExpiryState
{
    /// <summary>Added by bare thumbprint: the certificate's NotAfter was never seen here.</summary>
    Unknown,
    Valid,

    /// <summary>Within <see cref="SignerExpiry.WarningWindow"/> of its NotAfter: trust the next certificate now.</summary>
    ExpiresSoon,

    /// <summary>Past its NotAfter: bundles it signs are refused (see <see cref="ManifestSignatureVerifier"/>).</summary>
    Expired,
}

/// <summary>
/// The 30-day warning before a trusted signer's certificate expires (issue 17): after NotAfter the verifier refuses its
/// bundles, so the admin must carry the next certificate across and trust it before then.
/// </summary>
public static class SignerExpiry
{
    public static readonly TimeSpan WarningWindow = TimeSpan.FromDays(30);

    public static SignerExpiryState StateOf(SignerIdentity signer, DateTimeOffset now)
    {
        _ = signer ?? throw new ArgumentNullException(nameof(signer));
        return signer.NotAfterUtc is not { } notAfter ? SignerExpiryState.Unknown
            : now > notAfter ? SignerExpiryState.Expired
            : notAfter - now <= WarningWindow ? SignerExpiryState.ExpiresSoon
            : SignerExpiryState.Valid;
    }

    /// <summary>Whole days until NotAfter (negative once expired); null when unknown.</summary>
    public static int? DaysLeft(SignerIdentity signer, DateTimeOffset now)
    {
        _ = signer ?? throw new ArgumentNullException(nameof(signer));
        return signer.NotAfterUtc is { } notAfter ? (int)Math.Floor((notAfter - now).TotalDays) : null;
    }
}
