using CMDisconnectedSync.App.Presentation.Launch;
using Microsoft.Win32;

namespace CMDisconnectedSync.App.Windows;

/// <summary>
/// The console's last connection: <c>HKCU\Software\Microsoft\ConfigMgr10\AdminUI\MRU\1</c>, values <c>ServerName</c>
/// and <c>SiteCode</c> (design.md §6).
/// </summary>
internal sealed class RegistryConsoleConnectionHistory : IConsoleConnectionHistory
{
    private const string MruKey = @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1";

    public ConsoleConnection? GetLastConnection()
    {
        using var key = Registry.CurrentUser.OpenSubKey(MruKey);
        if (key?.GetValue("ServerName") is not string server || server.Length == 0)
        {
            return null;
        }

        return new ConsoleConnection(server, key.GetValue("SiteCode") as string);
    }
}
