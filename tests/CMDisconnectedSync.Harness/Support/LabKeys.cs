using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Signing;

namespace CMDisconnectedSync.Harness.Support;

/// <summary>
/// The signers the harness plays with, all real RSA certificates from the product's own lab factory: the export
/// server's (trusted on the disconnected side), a stranger's (valid, never trusted) and an expired one.
/// </summary>
internal sealed class LabKeys : IDisposable
{
    /// <summary>The instant the harness treats as "now" when it makes certificates and bundles.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public LabKeys()
    {
        ExportServer = new LabCertificateFactory(new FixedClock(Now.AddDays(-30))).Create("CN=Export WSUS harness", TimeSpan.FromDays(3650));
        Stranger = new LabCertificateFactory(new FixedClock(Now.AddDays(-30))).Create("CN=Someone else", TimeSpan.FromDays(3650));
        Expired = new LabCertificateFactory(new FixedClock(Now.AddDays(-800))).Create("CN=Export WSUS harness (expired)", TimeSpan.FromDays(365));
    }

    public X509Certificate2 ExportServer { get; }

    public X509Certificate2 Stranger { get; }

    public X509Certificate2 Expired { get; }

    public IManifestSigner ExportServerSigner => new CmsManifestSigner(ExportServer);

    public SignerIdentity ExportServerIdentity => new(ExportServer.Subject, ExportServer.Thumbprint);

    public SignerIdentity ExpiredIdentity => new(Expired.Subject, Expired.Thumbprint);

    public TrustedSigners TrustExportServer => new([ExportServerIdentity]);

    /// <summary>Trusts the export server and, wrongly kept in the list, the expired certificate.</summary>
    public TrustedSigners TrustExportServerAndExpired => new([ExportServerIdentity, ExpiredIdentity]);

    public void Dispose()
    {
        ExportServer.Dispose();
        Stranger.Dispose();
        Expired.Dispose();
    }
}
