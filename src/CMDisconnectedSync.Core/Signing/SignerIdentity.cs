namespace CMDisconnectedSync.Signing;

/// <summary>
/// Who signed: the certificate subject and its thumbprint (SHA-1 of the certificate, uppercase hex, the form the
/// Windows certificate manager and <c>Get-ChildItem Cert:\</c> show).
/// </summary>
public sealed record SignerIdentity(string Subject, string Thumbprint)
{
    /// <summary>
    /// When the certificate stops being valid (its NotAfter, UTC), when known: recorded in trusted-signers.txt by
    /// <c>keys trust</c> with a certificate file and by the import wizard's "Trust this certificate…", so
    /// <c>keys list</c> can warn before a trusted signer expires. Null for a signer added by bare thumbprint.
    /// </summary>
    public DateTimeOffset? NotAfterUtc { get; init; }

    public override string ToString() => $"{Subject} ({Thumbprint})";
}
