using System.CommandLine;

namespace CMDisconnectedSync.Cli;

/// <summary>Options every verb accepts: <c>--json</c>, <c>--log</c>, <c>--verbose</c>.</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write one machine-readable JSON result object to standard output instead of text.",
        Recursive = true,
    };

    public Option<FileInfo?> Log { get; } = new("--log")
    {
        Description = "CMTrace-format log file to write (default: %ProgramData%\\CMDisconnectedSync\\Logs\\cmdsync.log).",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Also write Debug detail (every WSUS and SMS Provider call with its duration) to the console.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        _ = command ?? throw new ArgumentNullException(nameof(command));
        command.Options.Add(Json);
        command.Options.Add(Log);
        command.Options.Add(Verbose);
    }
}
