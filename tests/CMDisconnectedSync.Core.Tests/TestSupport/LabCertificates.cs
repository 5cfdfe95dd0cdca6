using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>Two real self-signed code-signing certificates, made once per test run (RSA key generation is slow).</summary>
internal static class LabCertificates
{
    private static readonly Lazy<X509Certificate2> ExportServerCertificate = new(() => Create("CN=Export WSUS lab"));
    private static readonly Lazy<X509Certificate2> StrangerCertificate = new(() => Create("CN=Someone else"));

    /// <summary>When the lab certificates are made: they are valid from a day before until 3650 days after.</summary>
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A moment well inside the lab certificates' validity, for verifiers in tests (never the real date).</summary>
    public static readonly DateTimeOffset InsideValidity = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 ExportServer => ExportServerCertificate.Value;

    public static X509Certificate2 Stranger => StrangerCertificate.Value;

    public static IManifestSigner ExportServerSigner => new CmsManifestSigner(ExportServer);

    public static IManifestSigner StrangerSigner => new CmsManifestSigner(Stranger);

    public static TrustedSigners TrustExportServer => new([new SignerIdentity(ExportServer.Subject, ExportServer.Thumbprint)]);

    private static X509Certificate2 Create(string subject) =>
        new LabCertificateFactory(new FakeTimeProvider(IssuedAt)).Create(subject, TimeSpan.FromDays(3650));
}
