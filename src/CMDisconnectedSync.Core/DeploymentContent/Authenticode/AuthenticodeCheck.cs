namespace CMDisconnectedSync.DeploymentContent.Authenticode;

/// <summary>The verdict on one file's embedded Authenticode signature.</summary>
public enum AuthenticodeStatus
{
    /// <summary>The CMS signature verifies and its SpcIndirectDataContent digest equals the file's Authenticode digest.</summary>
    Valid,

    /// <summary>A signable file (.exe/.dll, .cab/.msu) with no embedded signature.</summary>
    NotSigned,

    /// <summary>The signature is there but does not verify, or the file's bytes no longer have the digest it signs.</summary>
    Invalid,

    /// <summary>A format this check does not read (an .msi's \x05DigitalSignature stream, a file of another type).</summary>
    NotChecked,
}

/// <summary>What an Authenticode check found in one file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">Why, in an admin's words (which digest differed, which part failed).</param>
/// <param name="SignerSubject">The signing certificate's subject, when a signature was read.</param>
/// <param name="SignerThumbprint">The signing certificate's SHA-1 thumbprint, when a signature was read.</param>
/// <param name="DigestAlgorithm">The digest algorithm the signature uses (SHA1, SHA256…), when read.</param>
public sealed record AuthenticodeCheck(string Path, AuthenticodeStatus Status, string Detail, string? SignerSubject = null, string? SignerThumbprint = null, string? DigestAlgorithm = null);

/// <summary>
/// Checks a file's embedded Authenticode signature. Core holds the offline implementation (<see cref="OfflineAuthenticodeVerifier"/>:
/// the embedded signature's own consistency, no trust chain); on Windows the adapter asks WinVerifyTrust, which also checks
/// the chain to a trusted root and revocation.
/// </summary>
public interface IAuthenticodeVerifier
{
    AuthenticodeCheck Verify(string path);
}

/// <summary>An update file's Authenticode signature is missing or does not verify: the file is not what its publisher signed.</summary>
public sealed class AuthenticodeVerificationException : IOException
{
    public AuthenticodeVerificationException(string label, AuthenticodeCheck check)
        : base($"{label}: {check.Path}: " + (check.Status == AuthenticodeStatus.NotSigned
            ? "the file carries no Authenticode signature, but Microsoft signs every update file of this type. It was refused; fetch it again from Microsoft's URL."
            : $"its Authenticode signature does not verify ({check.Detail}). The file was altered after it was signed; it was refused. Fetch it again from Microsoft's URL."))
    {
        Label = label;
        Check = check;
    }

    public AuthenticodeVerificationException()
    {
        Label = string.Empty;
    }

    public AuthenticodeVerificationException(string message)
        : base(message)
    {
        Label = string.Empty;
    }

    public AuthenticodeVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Label = string.Empty;
    }

    public string Label { get; }

    public AuthenticodeCheck? Check { get; }

    /// <summary>True when the file had no signature at all (a distinct exit code from a broken one).</summary>
    public bool IsUnsigned => Check?.Status == AuthenticodeStatus.NotSigned;
}
