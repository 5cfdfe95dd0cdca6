using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>Two real self-signed code-signing certificates, made once per test run (RSA key generation is slow).</summary>
internal static class LabCertificates
{
    private static readonly Lazy<X509Certificate2> ExportServerCertificate = new(() => Create("CN=Export WSUS lab"));
    private static readonly Lazy<X509Certificate2> StrangerCertificate = new(() => Create("CN=Someone else"));

    public static X509Certificate2 ExportServer => ExportServerCertificate.Value;

    public static X509Certificate2 Stranger => StrangerCertificate.Value;

    public static IManifestSigner ExportServerSigner => new CmsManifestSigner(ExportServer);

    public static IManifestSigner StrangerSigner => new CmsManifestSigner(Stranger);

    public static TrustedSigners TrustExportServer => new([new SignerIdentity(ExportServer.Subject, ExportServer.Thumbprint)]);

    private static X509Certificate2 Create(string subject) =>
        new LabCertificateFactory(new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))).Create(subject, TimeSpan.FromDays(3650));
}
