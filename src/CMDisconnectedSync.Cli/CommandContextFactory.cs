using System.CommandLine;
using CMDisconnectedSync.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Filters;

namespace CMDisconnectedSync.Cli;

/// <summary>Turns the global options of a parse result into a <see cref="CommandContext"/> with logging set up.</summary>
public sealed class CommandContextFactory
{
    private const string Component = "cmdsync";
    private readonly GlobalOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public CommandContextFactory(GlobalOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _output = output;
        _error = error;
    }

    public CommandContext Create(ParseResult parseResult)
    {
        _ = parseResult ?? throw new ArgumentNullException(nameof(parseResult));
        var json = parseResult.GetValue(_options.Json);
        var verbose = parseResult.GetValue(_options.Verbose);
        var logPath = parseResult.GetValue(_options.Log)?.FullName ?? CmTraceLog.DefaultPath(Component);
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);

        // The file always gets Debug detail; the console gets warnings and errors only (verbs print their own
        // results), or everything with --verbose. With --json the console stays clean for the JSON object.
        var consoleLevel = verbose ? LogEventLevel.Debug : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteToCmTraceFile(logPath, Component, LogEventLevel.Debug);
        if (!json)
        {
            // Standard error, so standard output carries only the verb's result. Events the verb also writes itself are left out.
            configuration = configuration.WriteTo.Logger(console => console
                .Filter.ByExcluding(Matching.WithProperty(CommandContext.ShownToAdminProperty))
                // Every error ends the verb, which then says it once itself (one line, the progress view or --json); the
                // console repeating the same error (wsusutil's message up to five times) only hid it. --verbose shows all.
                .Filter.ByExcluding(e => !verbose && e.Level >= LogEventLevel.Error)
                .WriteTo.Console(
                    restrictedToMinimumLevel: consoleLevel,
                    outputTemplate: "{Level:u3}: {Message:lj}{NewLine}{Exception}",
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                    standardErrorFromLevel: LogEventLevel.Verbose));
        }

        return new CommandContext(_output, _error, json, configuration.CreateLogger(), logPath);
    }
}
