using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CMDisconnectedSync.Signing;

/// <summary>Finds the export side's signing certificate: a PFX file, or the Windows certificate store by thumbprint.</summary>
public sealed class SigningCertificateLoader
{
    /// <summary>
    /// Loads a PFX with its private key. <paramref name="password"/> is asked only once, lazily (the CLI passes a
    /// function reading an environment variable, a file, or an interactive prompt).
    /// </summary>
    public X509Certificate2 LoadFromPfx(string pfxPath, Func<string?> password)
    {
        _ = pfxPath ?? throw new ArgumentNullException(nameof(pfxPath));
        _ = password ?? throw new ArgumentNullException(nameof(password));
        if (!File.Exists(pfxPath))
        {
            throw new SigningCertificateException($"The signing PFX '{pfxPath}' does not exist. Create a lab one with 'cmdsync keys new --out {pfxPath}' or give the path of your code-signing PFX.");
        }

        X509Certificate2 certificate;
        try
        {
#pragma warning disable SYSLIB0057 // X509CertificateLoader is not available on net48; the constructor is the one API both share.
            certificate = new X509Certificate2(pfxPath, password(), X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
#pragma warning restore SYSLIB0057
        }
        catch (CryptographicException ex)
        {
            throw new SigningCertificateException($"Cannot open the signing PFX '{pfxPath}': {ex.Message} Check the password (environment variable, password file or prompt) and that the file is a PFX/PKCS#12.", ex);
        }

        return EnsureCanSign(certificate, pfxPath);
    }

    /// <summary>Finds a certificate with a private key by thumbprint in CurrentUser\My, then LocalMachine\My.</summary>
    public X509Certificate2 LoadFromStore(string thumbprint)
    {
        _ = thumbprint ?? throw new ArgumentNullException(nameof(thumbprint));
        var normalized = TrustedSigners.NormalizeThumbprint(thumbprint);
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            try
            {
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            }
            catch (CryptographicException)
            {
                continue; // This store does not exist on this machine (e.g. LocalMachine on Linux): look in the next one.
            }

            var found = store.Certificates.Find(X509FindType.FindByThumbprint, normalized, validOnly: false);
            if (found.Count > 0)
            {
                return EnsureCanSign(found[0], $@"Cert:\{location}\My\{normalized}");
            }
        }

        throw new SigningCertificateException($"No certificate with thumbprint {normalized} in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My. Import your code-signing certificate with its private key, or sign with --sign-pfx.");
    }

    private static X509Certificate2 EnsureCanSign(X509Certificate2 certificate, string source)
    {
        if (!certificate.HasPrivateKey)
        {
            var message = $"The certificate in '{source}' ({certificate.Subject}, {certificate.Thumbprint}) has no private key, so it cannot sign. Use the PFX or store entry that holds the key.";
            certificate.Dispose();
            throw new SigningCertificateException(message);
        }

        return certificate;
    }
}
