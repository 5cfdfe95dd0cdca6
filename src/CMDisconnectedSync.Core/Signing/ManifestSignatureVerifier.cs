using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace CMDisconnectedSync.Signing;

/// <summary>
/// Checks <c>manifest.json.p7s</c> over the manifest bytes: exactly one signer, SHA-256 digest, a signature that
/// verifies with the embedded certificate, and that certificate's thumbprint in the trusted list. Trust is by
/// thumbprint, not by chain: an air-gapped server has no revocation data and lab certificates are self-signed,
/// and "any valid certificate" is exactly what design.md §3 forbids.
/// </summary>
public sealed class ManifestSignatureVerifier
{
    public SignatureCheck Verify(byte[] content, byte[] signature, TrustedSigners trusted)
    {
        _ = content ?? throw new ArgumentNullException(nameof(content));
        _ = signature ?? throw new ArgumentNullException(nameof(signature));
        _ = trusted ?? throw new ArgumentNullException(nameof(trusted));

        var signedCms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            signedCms.Decode(signature);
        }
        catch (CryptographicException ex)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, null, $"the signature file is not a CMS/PKCS#7 structure ({ex.Message}).");
        }

        if (signedCms.SignerInfos.Count != 1)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, null, $"the signature has {signedCms.SignerInfos.Count} signers; exactly one is expected.");
        }

        var signerInfo = signedCms.SignerInfos[0];
        X509Certificate2? certificate;
        try
        {
            certificate = signerInfo.Certificate;
        }
        catch (CryptographicException ex)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, null, $"the signing certificate inside the signature is damaged ({ex.Message}).");
        }

        if (certificate is null)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, null, "the signature does not embed its signing certificate.");
        }

        var identity = new SignerIdentity(certificate.Subject, certificate.Thumbprint.ToUpperInvariant());
        if (signerInfo.DigestAlgorithm.Value != CmsManifestSigner.Sha256Oid)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, identity, $"the signature uses digest {signerInfo.DigestAlgorithm.Value}; only SHA-256 is accepted.");
        }

        try
        {
            // Cryptographic check only (hash of these bytes + signature value); trust is decided by thumbprint below.
            signerInfo.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, identity, $"the signature does not match the manifest bytes ({ex.Message}): the manifest or its signature was altered.");
        }

        return trusted.Contains(identity.Thumbprint)
            ? new SignatureCheck(SignatureOutcome.Trusted, identity, "valid signature by a trusted signer.")
            : new SignatureCheck(SignatureOutcome.Untrusted, identity,
                $"valid signature, but {identity} is not a trusted signer here. If this is your export server's certificate, run 'cmdsync keys trust <certificate file>' on this side.");
    }
}
