namespace CMDisconnectedSync.Signing;

/// <summary>Result of checking a detached signature against the trusted-signer list.</summary>
public enum SignatureOutcome
{
    /// <summary>Cryptographically valid and made by a trusted signer.</summary>
    Trusted,

    /// <summary>Not a valid SHA-256 CMS signature over these exact bytes (broken, truncated or content edited).</summary>
    Invalid,

    /// <summary>Valid, but the signer's thumbprint is not in the trusted-signer list.</summary>
    Untrusted,
}

/// <summary>The outcome, the signer named in the signature (when it could be read) and one sentence on what was found.</summary>
public sealed record SignatureCheck(SignatureOutcome Outcome, SignerIdentity? Signer, string Detail);
