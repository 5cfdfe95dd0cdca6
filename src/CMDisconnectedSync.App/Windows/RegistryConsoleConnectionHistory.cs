using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.App.Windows;

/// <summary>
/// The console's connection as the console itself finds it: <c>HKCU\Software\Microsoft\ConfigMgr10\AdminUI\MRU\1</c>
/// <c>ServerName</c>/<c>SiteCode</c> (design.md §6), else the machine's default connection that console setup recorded
/// (<see cref="ConfigMgrConsoleLocator.ConsoleConnectionKey"/>), read by <see cref="ConsoleConnectionSettings"/>.
/// </summary>
internal sealed class RegistryConsoleConnectionHistory(IRegistryReader registry) : IConsoleConnectionHistory
{
    public RegistryConsoleConnectionHistory()
        : this(new WindowsRegistryReader())
    {
    }

    public ConsoleConnection? GetLastConnection() =>
        ConsoleConnectionSettings.Read(registry) is { } connection ? new ConsoleConnection(connection.ServerName, connection.SiteCode) : null;
}
