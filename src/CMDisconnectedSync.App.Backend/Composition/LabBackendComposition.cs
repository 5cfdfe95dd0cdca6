using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.Doctor;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Workflows;
using Serilog;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Composition;

/// <summary>What the wizard pre-fills in the lab: where to export, which PFX signs, which bundle to import, which site.</summary>
/// <param name="ExportTargetFolder">The lab media.</param>
/// <param name="SigningPfxPath">The lab's signing PFX.</param>
/// <param name="BundleToImport">The next bundle on the media, when there is one.</param>
/// <param name="SiteServer">The lab site's server.</param>
/// <param name="SiteCode">The lab site's code.</param>
/// <param name="ExportServerName">The lab export WSUS server, which the export wizard names (it has no site).</param>
public sealed record LabWizardDefaults(string ExportTargetFolder, string SigningPfxPath, string? BundleToImport, string SiteServer, string SiteCode, string ExportServerName);

/// <summary>
/// The backend with <c>--lab &lt;folder&gt;</c>: the same <see cref="CoreOperations"/> and Core workflows, over the lab
/// servers of a <see cref="LabEnvironment"/> (export on the lab export server, import on the lab disconnected server
/// with the lab ConfigMgr site). A missing or empty folder is made a lab first, with a first export waiting on its
/// media (<see cref="LabWizardPreparation"/>).
/// </summary>
public sealed class LabBackendComposition
{
    /// <summary>How often the wizard's lab import reads the lab site's sync status: each state stays on screen a moment.</summary>
    public static readonly TimeSpan SyncPollInterval = TimeSpan.FromSeconds(1);

    private LabBackendComposition(LabEnvironment lab, LabDemo demo, CoreOperations operations, DoctorServerCheck serverCheck)
    {
        Lab = lab;
        Demo = demo;
        Operations = operations;
        ServerCheck = serverCheck;
    }

    public LabEnvironment Lab { get; }

    public LabDemo Demo { get; }

    public CoreOperations Operations { get; }

    /// <summary>"Check this server" on the lab's disconnected server (import side) or export server (export side).</summary>
    public DoctorServerCheck ServerCheck { get; }

    public static async Task<LabBackendComposition> OpenAsync(string folder, TimeProvider clock, ILogger logger, string logPath, CancellationToken cancellationToken)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var wsusUtil = LabWsusUtilProgram.Locate();
        var lab = Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any()
            ? LabEnvironment.Open(folder)
            : await LabWizardPreparation.PrepareAsync(folder, wsusUtil, LabWizardPreparation.Stage.BundleWaiting, clock, logger, cancellationToken).ConfigureAwait(false);
        var demo = new LabDemo(lab, wsusUtil, clock, logger);
        var setup = new BackendSetup(
            demo.ExportServices(),
            demo.DisconnectedServices() with { Site = null },
            new LabConfigMgrSiteConnector(lab.SiteFolder, lab.DisconnectedServer, clock, logger),
            lab.ExportStateFolder,
            lab.DisconnectedStateFolder,
            LabEnvironment.ExportServerName,
            logPath)
        {
            ImportTemplate = new ImportRequest
            {
                BundleFolder = string.Empty,
                StateFolder = lab.DisconnectedStateFolder,
                SyncPollInterval = SyncPollInterval,
                SyncTimeout = TimeSpan.FromMinutes(2),
                MarginBytes = LabDemo.MarginBytes,
            },
            ExportMarginBytes = LabDemo.MarginBytes,
            ContentRequestFolder = lab.MediaFolder,
        };
        var serverCheck = new DoctorServerCheck(
            side => side == Ui.ServerSide.Export
                ? LabServerUnderCheck(LabEnvironment.ExportServerName, demo.ExportServices(), lab.ExportServer, lab.ExportStateFolder, wsusUtil, setup.Sites)
                : LabServerUnderCheck(LabEnvironment.DisconnectedServerName, demo.DisconnectedServices(), lab.DisconnectedServer, lab.DisconnectedStateFolder, wsusUtil, setup.Sites),
            clock,
            logger);
        return new LabBackendComposition(lab, demo, new CoreOperations(setup), serverCheck);
    }

    /// <summary>
    /// A lab server as the doctor reads it: its setup key derived from its folder, its lab WSUS and volumes, no ConfigMgr
    /// console (the lab has none, so the console rows report it missing), the lab site, and our real SDK references.
    /// </summary>
    private static CheckedServer LabServerUnderCheck(
        string name, WorkflowServices services, LabWsusServerFolder server, string stateFolder, string wsusUtil, IConfigMgrSiteConnector sites) =>
        new(name, new DoctorSeams(
            new LabWsusSetupKey(server, wsusUtil),
            services.Wsus,
            services.Volumes,
            new AdminConsoleLocator(new NoConsoleInstalled()),
            sites,
            SdkIdentityReader.CompiledAgainst(),
            SdkIdentityReader.ReadFromFile,
            SdkBindingReader.AdapterAssemblyPath,
            SdkBindingReader.Resolve)
        {
            StateFolders = services.StateFolders,
            StateFolder = stateFolder,
        });

    /// <summary>The lab machine's console hints: neither SMS_ADMIN_UI_PATH nor the setup registry value exists.</summary>
    private sealed class NoConsoleInstalled : IAdminConsoleHints
    {
        public string? SmsAdminUiPath => null;

        public string? RegistryUiInstallationDirectory => null;
    }

    /// <summary>The lab media as export target, the lab PFX, the next bundle to import (when on the media), the lab site.</summary>
    public async Task<LabWizardDefaults> DefaultsAsync(CancellationToken cancellationToken)
    {
        var accepted = (await new DisconnectedStateStore(Lab.DisconnectedStateFolder, TimeProvider.System, StateFolderProtections.ForLab()).LoadAcceptedAsync(cancellationToken).ConfigureAwait(false)).LastAccepted;
        // The first bundle is the lab's own (bundle-001); the wizard names later ones CMDS-<sequence> like on real media.
        var next = (accepted?.Sequence ?? 0) + 1;
        var nextImport = new[] { Demo.BundleFolder((int)next), Path.Combine(Lab.MediaFolder, OperationsMapper.BundleFolderName(next)) }.FirstOrDefault(Directory.Exists);
        return new LabWizardDefaults(
            Lab.MediaFolder,
            Lab.SigningPfxPath,
            nextImport,
            LabEnvironment.DisconnectedServerName,
            LabEnvironment.SiteCode,
            LabEnvironment.ExportServerName);
    }
}
