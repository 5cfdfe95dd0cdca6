using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// Reads the signing certificate embedded in a bundle's <c>manifest.json.p7s</c> (unsplit: at the bundle root; split:
/// in <c>volume-001</c>, <see cref="BundleLayout.SignaturePath"/>), for the verification page of a bundle refused for
/// its untrusted signer and for "Trust this certificate…". It judges nothing: the bundle verifier already found the
/// signature valid, and trust still needs the admin's typed thumbprint.
/// </summary>
internal static class BundleSignerReader
{
    // The verifier's own cap for a signature file (BundleVerifier.MaxSignatureBytes): a certificate chain, never more.
    private const long MaxSignatureBytes = 256 * 1024;

    /// <summary>The certificate, or null when no signature file can be read or decoded.</summary>
    public static X509Certificate2? Read(string bundlePath)
    {
        foreach (var relative in new[] { BundleLayout.SignaturePath(0), BundleLayout.SignaturePath(1) })
        {
            var path = BundleLayout.ToFullPath(bundlePath, relative);
            if (RegularFile.KindOf(path) != FileKind.Regular)
            {
                continue;
            }

            try
            {
                var cms = new SignedCms(new ContentInfo(Array.Empty<byte>()), detached: true);
                cms.Decode(RegularFile.ReadAllBytes(path, MaxSignatureBytes));
                return cms.SignerInfos.Count == 1 ? cms.SignerInfos[0].Certificate : null;
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        return null;
    }

    public static Ui.SignerCertificate ToUi(X509Certificate2 certificate)
    {
        _ = certificate ?? throw new ArgumentNullException(nameof(certificate));
        return new Ui.SignerCertificate(
            certificate.Subject,
            certificate.Issuer,
            certificate.Thumbprint.ToUpperInvariant(),
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
    }
}
