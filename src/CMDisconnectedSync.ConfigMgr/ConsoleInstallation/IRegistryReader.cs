namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>The registry roots the console locator reads.</summary>
public enum RegistryRoot
{
    LocalMachine,
    CurrentUser,
}

/// <summary>Reads string values from the Windows registry (a seam: tests use an in-memory one).</summary>
public interface IRegistryReader
{
    /// <summary>The value, or null when the key or value does not exist (or there is no registry).</summary>
    string? GetString(RegistryRoot root, string keyPath, string valueName);
}
