using System.Runtime.Versioning;
using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Processes;
using CMDisconnectedSync.Wsus.Registry;
using Serilog;

namespace CMDisconnectedSync.App.Backend.Composition;

/// <summary>
/// The product backend on a real server: this machine's WSUS (registry, admin API through PowerShell, WsusUtil.exe),
/// its elevation and volumes, the SMS Provider through the ConfigMgr SDK, and the state folder the CLI uses too
/// (<c>%ProgramData%\CMDisconnectedSync\State</c>: export chain, trusted signers, accepted state, journals),
/// created protected (SYSTEM and Administrators only) on first use.
/// </summary>
[SupportedOSPlatform("windows")]
public static class WindowsBackend
{
    public static string StateFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "State");

    public static CoreOperations Create(TimeProvider clock, ILogger logger, string logPath)
    {
        var processes = new ProcessRunner();
        var wsus = new WsusServer(new WindowsRegistryReader(), processes, new WsusUtilRunner(processes, logger, new WsusUtilRunnerOptions()), new WsusServerOptions(), logger);
        var machine = new WorkflowServices(wsus, new WindowsElevation(), new DriveVolumeInspector(), clock, logger)
        {
            StateFolders = new WindowsStateFolderProtection(),
        };
        return new CoreOperations(new BackendSetup(machine, machine, new SmsProviderConnector(logger), StateFolder, StateFolder, Environment.MachineName, logPath));
    }
}
