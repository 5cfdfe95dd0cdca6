namespace CMDisconnectedSync.Wsus.Registry;

/// <summary>Reads HKEY_LOCAL_MACHINE (64-bit view). The seam that lets the WSUS adapter be tested without a registry.</summary>
public interface IRegistryReader
{
    /// <summary>
    /// The values of <c>HKLM\<paramref name="subKeyPath"/></c> by name (REG_SZ/REG_EXPAND_SZ as string, REG_DWORD as
    /// int, REG_QWORD as long), or null when the key does not exist.
    /// </summary>
    IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath);
}
