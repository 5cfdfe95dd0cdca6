using CMDisconnectedSync.ConsoleExtension.Installation;
using Microsoft.Win32;

namespace CMDisconnectedSync.Cli.Adapters;

/// <summary>Reads where the ConfigMgr console is installed from the environment and the registry (Windows only).</summary>
internal sealed class WindowsAdminConsoleHints : IAdminConsoleHints
{
    // Key and value as read by community console-extension installers (e.g. Right Click Tools install.ps1);
    // the 64-bit view first, then the 32-bit (Wow6432Node) view.
    private const string SetupKey = @"SOFTWARE\Microsoft\ConfigMgr10\Setup";
    private const string ValueName = "UI Installation Directory";

    public string? SmsAdminUiPath => Environment.GetEnvironmentVariable("SMS_ADMIN_UI_PATH");

    public string? RegistryUiInstallationDirectory
    {
        get
        {
#if !NETFRAMEWORK
            if (!OperatingSystem.IsWindows())
            {
                return null;
            }
#endif
            foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
            {
                using var hive = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, view);
                using var key = hive.OpenSubKey(SetupKey);
                if (key?.GetValue(ValueName) is string path && path.Length > 0)
                {
                    return path;
                }
            }

            return null;
        }
    }
}
