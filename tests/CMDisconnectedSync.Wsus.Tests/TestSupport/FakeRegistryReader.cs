using CMDisconnectedSync.Wsus.Registry;

namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>An in-memory HKLM: keys by path, values by name, as the real reader returns them.</summary>
internal sealed class FakeRegistryReader : IRegistryReader
{
    private readonly Dictionary<string, Dictionary<string, object>> _keys = new(StringComparer.OrdinalIgnoreCase);

    public FakeRegistryReader WithValue(string keyPath, string name, object value)
    {
        if (!_keys.TryGetValue(keyPath, out var values))
        {
            values = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            _keys[keyPath] = values;
        }

        values[name] = value;
        return this;
    }

    /// <summary>The Setup key of a WSUS installed with content under <paramref name="contentDir"/> and binaries under <paramref name="targetDir"/>.</summary>
    public FakeRegistryReader WithWsusSetup(string contentDir, string targetDir, string sqlServer = "MICROSOFT##WID", int port = 8530, int usingSsl = 0) =>
        WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.ContentDirValue, contentDir)
            .WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.TargetDirValue, targetDir)
            .WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.SqlServerNameValue, sqlServer)
            .WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.PortNumberValue, port)
            .WithValue(WsusSetupRegistry.SetupKeyPath, WsusSetupRegistry.UsingSslValue, usingSsl);

    public IReadOnlyDictionary<string, object>? ReadLocalMachineKey(string subKeyPath) =>
        _keys.TryGetValue(subKeyPath, out var values) ? values : null;
}
