using System.Runtime.InteropServices;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Registry;
using Serilog;

namespace CMDisconnectedSync.Cli.Workflows;

/// <summary>
/// The real composition: WSUS from the registry, the WSUS admin API (PowerShell child process) and WsusUtil.exe;
/// elevation from the process token; volumes from the drive; ConfigMgr through the SMS Provider SDK. On a computer
/// that is not Windows there is no WSUS: the workflows then stop honestly with "WSUS not installed" (exit 40).
/// </summary>
public sealed class WindowsWorkflowHost : IWorkflowHost
{
    public TimeProvider Clock => TimeProvider.System;

    public WorkflowServices Compose(ILogger logger, IConfigMgrSite? site)
    {
        _ = logger ?? throw new ArgumentNullException(nameof(logger));
#if NETFRAMEWORK
        return ComposeWindows(logger, site);
#else
        return OperatingSystem.IsWindows()
            ? ComposeWindows(logger, site)
            : new WorkflowServices(new NoWsusOnThisSystem(), new NotElevated(), new DriveVolumeInspector(), Clock, logger, site)
            {
                StateFolders = StateFolderProtections.ForThisComputer(),
            };
#endif
    }

    public IConfigMgrSiteConnector SiteConnector(ILogger logger) => new SmsProviderConnector(logger);

#if !NETFRAMEWORK
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
#endif
    private WorkflowServices ComposeWindows(ILogger logger, IConfigMgrSite? site)
    {
        var processes = new ProcessRunner();
        var wsusUtil = new WsusUtilRunner(processes, logger, new WsusUtilRunnerOptions());
        var wsus = new WsusServer(new WindowsRegistryReader(), processes, wsusUtil, new WsusServerOptions(), logger);
        return new WorkflowServices(wsus, new WindowsElevation(), new DriveVolumeInspector(), Clock, logger, site)
        {
            StateFolders = new WindowsStateFolderProtection(),
            // Carried deployment content: WinVerifyTrust also checks the chain to a trusted root (the offline check cannot).
            Authenticode = new WinVerifyTrustAuthenticodeVerifier(),
        };
    }

    /// <summary>WSUS only exists on Windows Server: say so instead of pretending.</summary>
    private sealed class NoWsusOnThisSystem : IWsusServer
    {
        private static string Problem =>
            $"WSUS is not installed: this computer runs {RuntimeInformation.OSDescription}, and WSUS and WsusUtil.exe exist only on "
            + "Windows Server. Run cmdsync export/import on the WSUS server itself (or 'cmdsync demo' to try the lab).";

        public WsusInstallationLookup LocateInstallation() => WsusInstallationLookup.NotInstalled(Problem);

        public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) => throw new WsusQueryException(Problem);

        public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) => throw new WsusQueryException(Problem);

        public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) => throw new WsusQueryException(Problem);
    }

    private sealed class NotElevated : IElevation
    {
        public bool IsElevatedAdministrator() => false;
    }
}
