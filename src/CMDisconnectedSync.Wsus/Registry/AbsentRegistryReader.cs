namespace CMDisconnectedSync.Wsus.Registry;

/// <summary>A machine without a Windows registry (Linux, macOS): every key is absent, so WSUS reads as not installed.</summary>
public sealed class AbsentRegistryReader : IRegistryReader
{
    public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath) => null;
}
