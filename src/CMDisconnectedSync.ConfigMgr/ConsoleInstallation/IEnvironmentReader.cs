namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>Reads environment variables (a seam so tests need not change the real environment).</summary>
public interface IEnvironmentReader
{
    string? GetVariable(string name);
}

/// <summary>The process environment.</summary>
public sealed class ProcessEnvironmentReader : IEnvironmentReader
{
    public string? GetVariable(string name) => Environment.GetEnvironmentVariable(name);
}
