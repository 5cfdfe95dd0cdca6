using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

/// <summary>An in-memory registry and environment: the values a console install writes, without touching Windows.</summary>
internal sealed class InMemoryRegistry : IRegistryReader
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryRegistry With(RegistryRoot root, string keyPath, string valueName, string value)
    {
        _values[$"{root}\\{keyPath}\\{valueName}"] = value;
        return this;
    }

    public string? GetString(RegistryRoot root, string keyPath, string valueName) =>
        _values.TryGetValue($"{root}\\{keyPath}\\{valueName}", out var value) ? value : null;
}

internal sealed class InMemoryEnvironment : IEnvironmentReader
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.OrdinalIgnoreCase);

    public InMemoryEnvironment With(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public string? GetVariable(string name) => _variables.TryGetValue(name, out var value) ? value : null;
}
