using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CMDisconnectedSync.Signing;

/// <summary>
/// Creates a self-signed code-signing certificate for labs (<c>cmdsync keys new</c>). Production should use a
/// certificate from the organisation's PKI; trust is by thumbprint either way.
/// </summary>
public sealed class LabCertificateFactory
{
    /// <summary>OID of the Code Signing extended key usage (RFC 5280 §4.2.1.12, id-kp-codeSigning).</summary>
    public const string CodeSigningOid = "1.3.6.1.5.5.7.3.3";

    private readonly TimeProvider _clock;

    public LabCertificateFactory(TimeProvider clock) => _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>RSA 3072, SHA-256, Code Signing EKU, valid from one hour ago for <paramref name="validity"/>.</summary>
    public X509Certificate2 Create(string subjectName, TimeSpan validity)
    {
        _ = subjectName ?? throw new ArgumentNullException(nameof(subjectName));
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(
            subjectName.StartsWith("CN=", StringComparison.OrdinalIgnoreCase) ? subjectName : "CN=" + subjectName,
            rsa,
            HashAlgorithmName.SHA256,
            RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CodeSigningOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = _clock.GetUtcNow();
        return request.CreateSelfSigned(now.AddHours(-1), now.Add(validity));
    }

    /// <summary>PFX (PKCS#12) bytes with the private key, protected by <paramref name="password"/>.</summary>
    public static byte[] ExportPfx(X509Certificate2 certificate, string? password)
    {
        _ = certificate ?? throw new ArgumentNullException(nameof(certificate));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    /// <summary>The public certificate alone (DER), what the disconnected side imports with <c>keys trust</c>.</summary>
    public static byte[] ExportCertificate(X509Certificate2 certificate)
    {
        _ = certificate ?? throw new ArgumentNullException(nameof(certificate));
        return certificate.Export(X509ContentType.Cert);
    }
}
