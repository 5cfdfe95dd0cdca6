using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConfigMgr.SmsProvider;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Processes;
using Serilog;
using WsusRegistry = CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Doctor.Machine;

/// <summary>
/// The doctor's seams on the machine it runs on: the WSUS adapter over the local registry (none off Windows), the
/// volumes, the console found from SMS_ADMIN_UI_PATH or the registry, the SMS Provider through the ConfigMgr SDK, and
/// the SDK identities and members our adapter was compiled against. One composition for <c>cmdsync doctor</c> and the status
/// window's "Check this server".
/// </summary>
public static class LocalMachineDoctorSeams
{
    public static DoctorSeams Create(ILogger logger)
    {
        _ = logger ?? throw new ArgumentNullException(nameof(logger));
        var registry = LocalRegistry();
        var processes = new ProcessRunner();
        var wsus = new WsusServer(registry, processes, new WsusUtilRunner(processes, logger, new WsusUtilRunnerOptions()), new WsusServerOptions(), logger);
        return new DoctorSeams(
            registry,
            wsus,
            new DriveVolumeInspector(),
            new AdminConsoleLocator(RegistryAdminConsoleHints.ThisMachine()),
            new SmsProviderConnector(logger),
            SdkIdentityReader.CompiledAgainst(),
            SdkIdentityReader.ReadFromFile,
            SdkBindingReader.AdapterAssemblyPath,
            SdkBindingReader.Resolve)
        {
            StateFolders = StateFolderProtections.ForThisComputer(),
            StateFolder = DefaultStateFolder,
        };
    }

    /// <summary>The state folder cmdsync and the app use unless <c>--state</c> names another one.</summary>
    public static string DefaultStateFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "State");

#pragma warning disable CA1859 // net48 always has a registry; the return type is the seam on both targets.
    private static WsusRegistry.IRegistryReader LocalRegistry()
#pragma warning restore CA1859
    {
#if NETFRAMEWORK
        return new WsusRegistry.WindowsRegistryReader();
#else
        return OperatingSystem.IsWindows() ? new WsusRegistry.WindowsRegistryReader() : new WsusRegistry.AbsentRegistryReader();
#endif
    }
}
