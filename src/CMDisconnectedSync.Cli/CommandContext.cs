using Serilog;

namespace CMDisconnectedSync.Cli;

/// <summary>What a verb needs for one invocation: where to write, how, and the configured logger.</summary>
public sealed class CommandContext : IDisposable
{
    internal CommandContext(TextWriter output, TextWriter error, bool json, Serilog.Core.Logger logger, string logPath)
    {
        Output = output;
        Error = error;
        Json = json;
        Logger = logger;
        LogPath = logPath;
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public bool Json { get; }

    public ILogger Logger { get; }

    public string LogPath { get; }

    public TimeProvider Clock { get; } = TimeProvider.System;

    private Serilog.Core.Logger OwnedLogger => (Serilog.Core.Logger)Logger;

    public void Dispose() => OwnedLogger.Dispose();
}
