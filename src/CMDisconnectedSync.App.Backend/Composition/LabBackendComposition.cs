using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using Serilog;

namespace CMDisconnectedSync.App.Backend.Composition;

/// <summary>What the wizard pre-fills in the lab: where to export, which PFX signs, which bundle to import, which site.</summary>
public sealed record LabWizardDefaults(string ExportTargetFolder, string SigningPfxPath, string? BundleToImport, string SiteServer, string SiteCode);

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

    private LabBackendComposition(LabEnvironment lab, LabDemo demo, CoreOperations operations)
    {
        Lab = lab;
        Demo = demo;
        Operations = operations;
    }

    public LabEnvironment Lab { get; }

    public LabDemo Demo { get; }

    public CoreOperations Operations { get; }

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
        };
        return new LabBackendComposition(lab, demo, new CoreOperations(setup));
    }

    /// <summary>The lab media as export target, the lab PFX, the next bundle to import (when on the media), the lab site.</summary>
    public async Task<LabWizardDefaults> DefaultsAsync(CancellationToken cancellationToken)
    {
        var accepted = (await new DisconnectedStateStore(Lab.DisconnectedStateFolder, TimeProvider.System).LoadAcceptedAsync(cancellationToken).ConfigureAwait(false)).LastAccepted;
        // The first bundle is the lab's own (bundle-001); the wizard names later ones CMDS-<sequence> like on real media.
        var next = (accepted?.Sequence ?? 0) + 1;
        var nextImport = new[] { Demo.BundleFolder((int)next), Path.Combine(Lab.MediaFolder, OperationsMapper.BundleFolderName(next)) }.FirstOrDefault(Directory.Exists);
        return new LabWizardDefaults(
            Lab.MediaFolder,
            Lab.SigningPfxPath,
            nextImport,
            LabEnvironment.DisconnectedServerName,
            LabEnvironment.SiteCode);
    }
}
