using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Doctor.Machine;

/// <summary>
/// Where Windows says the ConfigMgr console is installed, read through the ConfigMgr adapter's environment and
/// registry seams with the same variable, key and value names its SDK locator uses (<see cref="ConfigMgrConsoleLocator"/>),
/// so the console folder the doctor and <c>cmdsync console</c> find is the one the SDK is loaded from.
/// </summary>
public sealed class RegistryAdminConsoleHints(IEnvironmentReader environment, IRegistryReader registry) : IAdminConsoleHints
{
    /// <summary>This machine's process environment and registry (every value absent off Windows).</summary>
    public static RegistryAdminConsoleHints ThisMachine() => new(new ProcessEnvironmentReader(), new WindowsRegistryReader());

    public string? SmsAdminUiPath => environment.GetVariable(ConfigMgrConsoleLocator.AdminUiPathVariable);

    public string? RegistryUiInstallationDirectory =>
        registry.GetString(RegistryRoot.LocalMachine, ConfigMgrConsoleLocator.SetupKey, ConfigMgrConsoleLocator.UiInstallationDirectoryValue);
}
