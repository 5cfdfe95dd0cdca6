using System.Formats.Asn1;
using System.Globalization;
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
/// <remarks>
/// A trusted thumbprint counts only while its certificate is valid (NotBefore..NotAfter, checked against the
/// injected clock): an expired code-signing key is one nobody guards any more, so its signatures are refused like an
/// untrusted signer's until the admin trusts the new certificate.
/// </remarks>
public sealed class ManifestSignatureVerifier
{
    // OIDs: id-signedData 1.2.840.113549.1.7.2 and id-data 1.2.840.113549.1.7.1 (RFC 5652 §5.1, §4); rsaEncryption,
    // sha256WithRSAEncryption (RFC 8017 App. C) and ecdsa-with-SHA256 (RFC 5758 §3.2), the signer algorithms CmsSigner
    // writes for RSA and ECDSA keys.
    private const string SignedDataOid = "1.2.840.113549.1.7.2";
    private const string DataOid = "1.2.840.113549.1.7.1";
    private static readonly HashSet<string?> SignatureAlgorithmOids = ["1.2.840.113549.1.1.1", "1.2.840.113549.1.1.11", "1.2.840.10045.4.3.2"];

    private readonly TimeProvider _clock;

    /// <param name="clock">Whose "now" decides whether a trusted certificate is within its validity: the CLI's and the
    /// workflows' injected clock (no system-clock default, so tests cannot silently depend on the real date).</param>
    public ManifestSignatureVerifier(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public SignatureCheck Verify(byte[] content, byte[] signature, TrustedSigners trusted)
    {
        _ = content ?? throw new ArgumentNullException(nameof(content));
        _ = signature ?? throw new ArgumentNullException(nameof(signature));
        _ = trusted ?? throw new ArgumentNullException(nameof(trusted));

        var shapeProblem = DetachedSignedDataProblem(signature);
        if (shapeProblem is not null)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, null, $"the signature file is not the detached SHA-256 CMS signature cmdsync writes ({shapeProblem}).");
        }

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

        if (!SignatureAlgorithmOids.Contains(signerInfo.SignatureAlgorithm.Value))
        {
            return new SignatureCheck(SignatureOutcome.Invalid, identity, $"the signature algorithm {signerInfo.SignatureAlgorithm.Value} is not RSA or ECDSA with SHA-256.");
        }

        if (!trusted.Contains(identity.Thumbprint))
        {
            return new SignatureCheck(SignatureOutcome.Untrusted, identity,
                $"valid signature, but {identity} is not a trusted signer here. If this is your export server's certificate, run 'cmdsync keys trust <certificate file>' on this side.");
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        var notBefore = certificate.NotBefore.ToUniversalTime();
        var notAfter = certificate.NotAfter.ToUniversalTime();
        if (now < notBefore || now > notAfter)
        {
            return new SignatureCheck(SignatureOutcome.Untrusted, identity, string.Format(CultureInfo.InvariantCulture,
                "{0} is in the trusted-signer list but its certificate is valid only from {1:yyyy-MM-dd HH:mm} to {2:yyyy-MM-dd HH:mm} UTC, not now ({3:yyyy-MM-dd HH:mm} UTC). "
                + "Sign bundles with a current certificate, trust it with 'cmdsync keys trust <certificate file>', and remove the old thumbprint from trusted-signers.txt.",
                identity, notBefore, notAfter, now));
        }

        return new SignatureCheck(SignatureOutcome.Trusted, identity, "valid signature by a trusted signer.");
    }

    /// <summary>
    /// SignedCms.Decode accepts fields that no signature covers: the SignedData digestAlgorithms set, the encapsulated
    /// content type, BER instead of DER, trailing bytes. A bundle's signature file altered there still "verified"
    /// (found by the harness: 158 single-bit flips of a 1.5 KB signature stayed trusted). The manifest was authentic
    /// even then, but a verifier that accepts altered bytes makes tamper evidence unreliable, so those are pinned here.
    /// </summary>
    private static string? DetachedSignedDataProblem(byte[] signature)
    {
        try
        {
            var reader = new AsnReader(signature, AsnEncodingRules.DER);
            var contentInfo = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
            {
                return "not SignedData";
            }

            var signedData = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            // RFC 5652 §5.1: version 1 with IssuerAndSerialNumber signers and id-data content, 3 with SubjectKeyIdentifier.
            if (!signedData.TryReadInt32(out var version) || version is not (1 or 3))
            {
                return "its SignedData version is not 1 or 3";
            }

            var digestAlgorithms = signedData.ReadSetOf();
            var algorithm = digestAlgorithms.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != CmsManifestSigner.Sha256Oid || digestAlgorithms.HasData)
            {
                return "its digest algorithms are not exactly SHA-256";
            }

            var encapsulated = signedData.ReadSequence();
            if (encapsulated.ReadObjectIdentifier() != DataOid || encapsulated.HasData)
            {
                return "its content is not detached data";
            }

            // certificates [0] and crls [1] are optional and checked by SignedCms; skip to the signerInfos set.
            while (signedData.HasData && signedData.PeekTag().TagClass == TagClass.ContextSpecific)
            {
                _ = signedData.ReadEncodedValue();
            }

            var signerInfos = signedData.ReadSetOf();
            if (!signerInfos.ReadSequence().TryReadInt32(out var signerVersion) || signerVersion != version)
            {
                return "its SignerInfo version does not match the SignedData version";
            }

            return null;
        }
        catch (AsnContentException ex)
        {
            return ex.Message;
        }
    }
}
