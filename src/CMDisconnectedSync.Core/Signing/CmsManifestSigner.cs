using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace CMDisconnectedSync.Signing;

/// <summary>
/// Detached CMS (PKCS#7) SignedData with SHA-256 over the manifest bytes, signer identified by issuer and serial,
/// the signing certificate embedded so the verifier can read it without a store.
/// </summary>
public sealed class CmsManifestSigner : IManifestSigner
{
    /// <summary>OID of SHA-256 (RFC 5754 §2.2).</summary>
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    private readonly X509Certificate2 _certificate;

    /// <param name="certificate">A certificate with its private key (from a PFX or the store); the caller owns it.</param>
    public CmsManifestSigner(X509Certificate2 certificate)
    {
        _certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException(
                $"The certificate '{certificate.Subject}' ({certificate.Thumbprint}) has no private key, so it cannot sign. "
                + "Use the PFX that holds the key, or a store certificate whose key is present.",
                nameof(certificate));
        }

        Identity = new SignerIdentity(certificate.Subject, certificate.Thumbprint.ToUpperInvariant());
    }

    public SignerIdentity Identity { get; }

    public byte[] Sign(byte[] content)
    {
        _ = content ?? throw new ArgumentNullException(nameof(content));
        var signedCms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signedCms.ComputeSignature(signer, silent: true);
        return signedCms.Encode();
    }
}
