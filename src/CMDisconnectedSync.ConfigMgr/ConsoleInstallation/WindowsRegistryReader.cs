using Microsoft.Win32;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// The Windows registry. Local-machine keys are read from the 64-bit view, then the 32-bit view (WOW6432Node), since
/// the console's setup keys live in either depending on its version. Off Windows every value is absent.
/// </summary>
public sealed class WindowsRegistryReader : IRegistryReader
{
    public string? GetString(RegistryRoot root, string keyPath, string valueName)
    {
#if NET5_0_OR_GREATER
        if (!OperatingSystem.IsWindows())
        {
            return null;
        }
#endif
        var hive = root == RegistryRoot.LocalMachine ? RegistryHive.LocalMachine : RegistryHive.CurrentUser;
        foreach (var view in new[] { RegistryView.Registry64, RegistryView.Registry32 })
        {
            using var baseKey = RegistryKey.OpenBaseKey(hive, view);
            using var key = baseKey.OpenSubKey(keyPath);
            if (key?.GetValue(valueName) is string value && value.Length > 0)
            {
                return value;
            }
        }

        return null;
    }
}
