using System.Runtime.Versioning;
using Microsoft.Win32;

namespace CMDisconnectedSync.Wsus.Registry;

/// <summary>The real registry, always the 64-bit view (WSUS writes its Setup key there; a 32-bit process would otherwise be redirected to WOW6432Node).</summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsRegistryReader : IRegistryReader
{
    public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath)
    {
        using var localMachine = RegistryKey.OpenBaseKey(RegistryHive.LocalMachine, RegistryView.Registry64);
        using var key = localMachine.OpenSubKey(subKeyPath, writable: false);
        if (key is null)
        {
            return null;
        }

        var values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in key.GetValueNames())
        {
            if (key.GetValue(name) is { } value)
            {
                values[name] = value;
            }
        }

        return values;
    }
}
