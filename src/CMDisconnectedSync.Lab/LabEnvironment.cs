using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Lab;

/// <summary>
/// A complete lab under one folder: an internet-facing export WSUS server with generated content, a disconnected
/// WSUS server with an empty WsusContent, the disconnected ConfigMgr site, a lab code-signing certificate (PFX for the
/// export side, its thumbprint trusted on the disconnected side) and a media folder for the bundles.
/// <code>
/// &lt;folder&gt;\export-server\        WsusContent\, wsus-settings.json      (LabWsusServerFolder)
/// &lt;folder&gt;\export-state\         export chain, journals, logs of the export side
/// &lt;folder&gt;\disconnected-server\  WsusContent\, wsus-settings.json, database\
/// &lt;folder&gt;\disconnected-state\   trusted-signers.txt, state.json, inventory.json (DisconnectedStateStore)
/// &lt;folder&gt;\site\                 configmgr-site.json                   (LabConfigMgrSite)
/// &lt;folder&gt;\keys\                 lab-signing.pfx (no password), lab-signing.cer
/// &lt;folder&gt;\media\                where bundles are written ("the USB stick")
/// &lt;folder&gt;\microsoft-downloads\  update files as Microsoft's download servers serve them (after <see cref="CreateDeploymentContent"/>)
/// &lt;folder&gt;\package-sources\      the source folders of the site's deployment packages
/// </code>
/// </summary>
public sealed class LabEnvironment
{
    public const string SiteCode = "LAB";
    public const string ExportServerName = "LAB-EXPORT";
    public const string DisconnectedServerName = "LAB-DISCONNECTED";
    public const string SignerSubject = "CN=CMDisconnectedSync Lab Signing (not for production)";
    public const string MarkerFileName = "cmdsync-lab.txt";

    private LabEnvironment(string root)
    {
        Root = Path.GetFullPath(root);
        ExportServer = new LabWsusServerFolder(Path.Combine(Root, "export-server"));
        DisconnectedServer = new LabWsusServerFolder(Path.Combine(Root, "disconnected-server"));
    }

    public string Root { get; }

    public LabWsusServerFolder ExportServer { get; }

    public LabWsusServerFolder DisconnectedServer { get; }

    public string ExportStateFolder => Path.Combine(Root, "export-state");

    public string DisconnectedStateFolder => Path.Combine(Root, "disconnected-state");

    public string SiteFolder => Path.Combine(Root, "site");

    public string KeysFolder => Path.Combine(Root, "keys");

    public string SigningPfxPath => Path.Combine(KeysFolder, "lab-signing.pfx");

    public string SigningCertificatePath => Path.Combine(KeysFolder, "lab-signing.cer");

    public string MediaFolder => Path.Combine(Root, "media");

    /// <summary>The folder the lab download server serves (Microsoft's download servers in the lab).</summary>
    public string DownloadsFolder => Path.Combine(Root, "microsoft-downloads");

    /// <summary>Where the site's deployment packages keep their source folders.</summary>
    public string PackageSourcesFolder => Path.Combine(Root, "package-sources");

    /// <summary>
    /// Gives the lab site software update content (issue 18): update files under <see cref="DownloadsFolder"/>, the
    /// site's groups, updates, content files (SourceURL under <paramref name="downloadBase"/>, the lab download server's
    /// base URL) and a deployment package with one content already in it. See <see cref="LabDeploymentContent.Create"/>.
    /// </summary>
    public LabContentCatalog CreateDeploymentContent(Uri downloadBase) =>
        LabDeploymentContent.Create(SiteFolder, DownloadsFolder, PackageSourcesFolder, downloadBase);

    /// <summary>
    /// <see cref="CreateDeploymentContent"/> for a lab that may already have its content (a wizard lab gets it when
    /// prepared): created when missing, otherwise its SourceURLs are pointed at <paramref name="downloadBase"/>.
    /// </summary>
    public void EnsureDeploymentContent(Uri downloadBase)
    {
        _ = downloadBase ?? throw new ArgumentNullException(nameof(downloadBase));
        if (File.Exists(Path.Combine(SiteFolder, LabContentCatalog.FileName)))
        {
            LabDeploymentContent.Rebase(SiteFolder, downloadBase);
        }
        else
        {
            _ = CreateDeploymentContent(downloadBase);
        }
    }

    /// <summary>
    /// Builds the lab in <paramref name="folder"/> (empty or missing): generates <paramref name="content"/> on the export
    /// server, creates the certificate and trusts it on the disconnected side, creates the site.
    /// </summary>
    public static async Task<LabEnvironment> CreateAsync(string folder, LabContentSpec content, TimeProvider clock, CancellationToken cancellationToken)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        _ = content ?? throw new ArgumentNullException(nameof(content));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"The lab folder {folder} is not empty. Give an empty or new folder, so the lab never mixes with other files.");
        }

        var lab = new LabEnvironment(folder);
        Directory.CreateDirectory(lab.Root);
        File.WriteAllText(Path.Combine(lab.Root, MarkerFileName),
            "CMDisconnectedSync demo lab: simulated WSUS servers and ConfigMgr site. Nothing here is a real server. Safe to delete.\n");

        var now = clock.GetUtcNow();
        LabWsusServerFolder.Create(lab.ExportServer.Root, new LabWsusSettings
        {
            ServerName = ExportServerName,
            LastSyncOutcome = SynchronizationOutcome.Succeeded,
            LastSyncStart = now.AddMinutes(-47),
            LastSyncEnd = now.AddMinutes(-41),
        });
        LabWsusServerFolder.Create(lab.DisconnectedServer.Root, new LabWsusSettings { ServerName = DisconnectedServerName });
        cancellationToken.ThrowIfCancellationRequested();
        LabContentGenerator.Generate(lab.ExportServer.ContentDirectory, content);

        // Like a real server's, the lab's state folders are created protected (owner-only on Linux, SYSTEM,
        // Administrators and the lab user on Windows): the workflows refuse state a non-administrator can change.
        var stateFolders = StateFolderProtections.ForLab();
        stateFolders.Protect(lab.ExportStateFolder);
        Directory.CreateDirectory(lab.MediaFolder);
        Directory.CreateDirectory(lab.KeysFolder);
        using (var certificate = new LabCertificateFactory(clock).Create(SignerSubject, TimeSpan.FromDays(30)))
        {
            File.WriteAllBytes(lab.SigningPfxPath, LabCertificateFactory.ExportPfx(certificate, password: null));
            File.WriteAllBytes(lab.SigningCertificatePath, LabCertificateFactory.ExportCertificate(certificate));
            stateFolders.Protect(lab.DisconnectedStateFolder);
            var signer = new SignerIdentity(certificate.Subject, TrustedSigners.NormalizeThumbprint(certificate.Thumbprint));
            await new DisconnectedStateStore(lab.DisconnectedStateFolder, clock, stateFolders)
                .SaveTrustedSignersAsync(TrustedSigners.None.With(signer), cancellationToken).ConfigureAwait(false);
        }

        Directory.CreateDirectory(lab.SiteFolder);
        LabConfigMgrSite.Create(lab.SiteFolder, SiteCode, DisconnectedServerName, DisconnectedServerName, SyncSource.DoNotSynchronize);
        return lab;
    }

    /// <summary>Opens a lab <see cref="CreateAsync"/> made earlier; throws when <paramref name="folder"/> is not one.</summary>
    public static LabEnvironment Open(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var lab = new LabEnvironment(folder);
        if (!File.Exists(Path.Combine(lab.Root, MarkerFileName)))
        {
            throw new DirectoryNotFoundException(
                $"{lab.Root} is not a CMDisconnectedSync lab (no {MarkerFileName}). Create one with 'cmdsync demo --folder {lab.Root} --keep'.");
        }

        return lab;
    }

    /// <summary>The lab signing certificate's public part, as the disconnected side trusts it.</summary>
    public SignerIdentity Signer
    {
        get
        {
#if NET9_0_OR_GREATER
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(SigningCertificatePath);
#else
            using var certificate = new X509Certificate2(SigningCertificatePath);
#endif
            return new SignerIdentity(certificate.Subject, TrustedSigners.NormalizeThumbprint(certificate.Thumbprint));
        }
    }

    /// <summary>
    /// The export server's next synchronization with Microsoft Update: new and changed content (with a license-terms
    /// file for a product and classification the lab has not had yet) and a new last-sync time. Returns the relative
    /// paths written.
    /// </summary>
    public IReadOnlyList<string> SimulateExportServerSync(int added, int changed, int seed, TimeProvider clock)
    {
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        var settings = ExportServer.LoadSettings();
        var start = clock.GetUtcNow();
        var touched = LabContentGenerator.SimulateSync(ExportServer.ContentDirectory, added, changed, seed);
        ExportServer.SaveSettings(settings with
        {
            LastSyncOutcome = SynchronizationOutcome.Succeeded,
            LastSyncStart = start,
            LastSyncEnd = clock.GetUtcNow(),
            LastSyncError = string.Empty,
        });
        return touched;
    }
}
