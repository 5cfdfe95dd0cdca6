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
        Serilog.Core.Logger logger;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            logger = Configure(json, verbose).WriteToCmTraceFile(logPath, Component, LogEventLevel.Debug).CreateLogger();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or System.Security.SecurityException)
        {
            throw LogFileUnavailableException.For(logPath, ex);
        }

        return new CommandContext(_output, _error, json, logger, logPath);
    }

    /// <summary>
    /// For the last-resort handlers (an unexpected error, a cancellation, a log that cannot be opened): the context
    /// <see cref="Create"/> makes, or, when the log file is what failed, one that logs to standard error only. These
    /// handlers used to call <see cref="Create"/> again and crash on the same error (exit 134 with a stack trace).
    /// </summary>
    public CommandContext CreateOrFallBack(ParseResult parseResult)
    {
        try
        {
            return Create(parseResult);
        }
        catch (LogFileUnavailableException ex)
        {
            return CreateWithoutLogFile(parseResult, ex);
        }
    }

    /// <summary>A context whose log goes to standard error only (warnings and errors, even with <c>--json</c>: standard output stays the JSON's).</summary>
    internal CommandContext CreateWithoutLogFile(ParseResult parseResult, LogFileUnavailableException reason)
    {
        _ = parseResult ?? throw new ArgumentNullException(nameof(parseResult));
        _ = reason ?? throw new ArgumentNullException(nameof(reason));
        var json = parseResult.GetValue(_options.Json);
        var verbose = parseResult.GetValue(_options.Verbose);
        var logger = Configure(json: false, verbose).CreateLogger();
        return new CommandContext(_output, _error, json, logger, "standard error (the log file '" + reason.LogPath + "' could not be opened)");
    }

    /// <summary>The console part of the logging: standard error, warnings and errors (everything with --verbose); none with --json.</summary>
    private static LoggerConfiguration Configure(bool json, bool verbose)
    {
        // The file always gets Debug detail; the console gets warnings and errors only (verbs print their own
        // results), or everything with --verbose. With --json the console stays clean for the JSON object.
        var consoleLevel = verbose ? LogEventLevel.Debug : LogEventLevel.Warning;
        var configuration = new LoggerConfiguration().MinimumLevel.Debug();
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

        return configuration;
    }
}

/// <summary>The <c>--log</c> file (or the default log) cannot be created or opened; the message names it and the fix.</summary>
public sealed class LogFileUnavailableException : IOException
{
    public LogFileUnavailableException()
    {
    }

    public LogFileUnavailableException(string message)
        : base(message)
    {
    }

    public LogFileUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The log path that could not be opened.</summary>
    public string LogPath { get; private init; } = string.Empty;

    public static LogFileUnavailableException For(string logPath, Exception cause) =>
        new(FormattableString.Invariant($"The log file '{logPath}' cannot be created ({cause?.Message}) Choose a --log path in a folder you can write to, or leave --log out for the default log."), cause!)
        {
            LogPath = logPath,
        };
}
