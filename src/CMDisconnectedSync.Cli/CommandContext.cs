using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus.Host;
using Serilog;

namespace CMDisconnectedSync.Cli;

/// <summary>What a verb needs for one invocation: where to write, how, and the configured logger.</summary>
public sealed class CommandContext : IDisposable
{
    /// <summary>
    /// Marks a log event whose message the verb also writes itself (one line on standard error, or its JSON result): the
    /// log file records it, the console log sink leaves it out so the admin does not read it twice.
    /// </summary>
    internal const string ShownToAdminProperty = "ShownToAdmin";

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

    /// <summary>Who may change a state folder on this computer (NTFS on Windows, mode bits elsewhere), for the verbs that read or write one.</summary>
    public IStateFolderProtection StateFolders => _stateFolders ??= StateFolderProtections.ForThisComputer();

    private IStateFolderProtection? _stateFolders;

    /// <summary>Logs to the file only, for what the verb tells the admin in its own words.</summary>
    internal ILogger FileLogger => Logger.ForContext(ShownToAdminProperty, true);

    private Serilog.Core.Logger OwnedLogger => (Serilog.Core.Logger)Logger;

    /// <summary>Writes the verb's one result object to standard output (the <c>--json</c> contract).</summary>
    public void WriteJson(object result) => Output.WriteLine(WorkflowVerbSupport.ToJson(result));

    /// <summary>
    /// The verb could not do its job: logs <paramref name="message"/> (with <paramref name="cause"/>'s details in the file),
    /// then writes it as one line on standard error, or under <c>--json</c> as one failure object on standard output.
    /// </summary>
    /// <returns><paramref name="exitCode"/>.</returns>
    public int Fail(int exitCode, string message, Exception? cause = null)
    {
        FileLogger.Error(cause, "{Message} (exit code {ExitCode})", message, exitCode);
        if (Json)
        {
            WriteJson(new { result = "failed", exitCode, error = message, log = LogPath });
        }
        else
        {
            Error.WriteLine(message);
        }

        return exitCode;
    }

    public void Dispose() => OwnedLogger.Dispose();
}
