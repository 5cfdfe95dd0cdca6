using System.Globalization;
using System.Text;
using CMDisconnectedSync.Processes;
using Serilog;

namespace CMDisconnectedSync.Wsus;

/// <summary>How long wsusutil may run and how much of its output a failure quotes.</summary>
public sealed record WsusUtilRunnerOptions
{
    /// <summary>
    /// Kill wsusutil after this long. A full metadata export of a large catalogue takes tens of minutes to hours;
    /// the default leaves room for that while still ending a hung run.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Extra environment variables for wsusutil (the lab's stand-in reads its content folder and fault cue from them).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Lines of the log tail quoted when a failure has no error line to show (line logs; the XML log is summarised).</summary>
    public int QuotedTailLines { get; init; } = 5;
}

/// <summary>
/// Runs <c>WsusUtil.exe export|import &lt;package&gt; &lt;log&gt;</c> as a child process and judges it strictly
/// (design.md §4): success only when the exit code is 0 <b>and</b> its log has no <c>ImportError</c>/<c>ExportError</c> element
/// (or, for a log that is not XML, no error line; <see cref="WsusUtilLog"/>)
/// <b>and</b> the package exists with a non-zero size <b>and</b> the log exists and is not empty. Standard output and
/// error go to our log line by line. Cancellation and the timeout kill wsusutil and wait for it to end.
/// </summary>
public sealed class WsusUtilRunner
{
    private readonly IProcessRunner _processes;
    private readonly ILogger _logger;
    private readonly WsusUtilRunnerOptions _options;

    public WsusUtilRunner(IProcessRunner processes, ILogger logger, WsusUtilRunnerOptions options)
    {
        _processes = processes ?? throw new ArgumentNullException(nameof(processes));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<WsusUtilRunner>();
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>The temp folder the wsusutil it starts will stage in (our environment plus <see cref="WsusUtilRunnerOptions.Environment"/>).</summary>
    public string TempFolder => WsusUtilTempSpace.FolderFor(_options.Environment);

    /// <summary>Runs one wsusutil verb and returns the judged result. Throws <see cref="OperationCanceledException"/> on cancel.</summary>
    public async Task<WsusUtilResult> RunAsync(
        string wsusUtilPath, WsusUtilOperation operation, string packagePath, string logPath, CancellationToken cancellationToken)
    {
        _ = wsusUtilPath ?? throw new ArgumentNullException(nameof(wsusUtilPath));
        packagePath = Path.GetFullPath(packagePath ?? throw new ArgumentNullException(nameof(packagePath)));
        logPath = Path.GetFullPath(logPath ?? throw new ArgumentNullException(nameof(logPath)));
        var verb = operation == WsusUtilOperation.Export ? "export" : "import";

        var refusal = CheckBeforeRun(operation, packagePath, logPath);
        if (refusal is not null)
        {
            _logger.Error("wsusutil {Operation} not started: {Reason}", verb, refusal.Message);
            return refusal;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        Directory.CreateDirectory(Path.GetDirectoryName(packagePath)!);
        var launch = new ProcessLaunch(wsusUtilPath, [verb, packagePath, logPath])
        {
            WorkingDirectory = Path.GetDirectoryName(packagePath),
            Timeout = _options.Timeout,
            Environment = _options.Environment,
            OnOutputLine = line => _logger.Information("wsusutil {Operation} output: {Line}", verb, line),
            OnErrorLine = line => _logger.Warning("wsusutil {Operation} error output: {Line}", verb, line),
            OnStarted = processId =>
            {
                _logger.Information("wsusutil {Operation} started as process {ProcessId}", verb, processId);
                WsusUtilStarts.ReportStarted(processId);
            },
        };

        _logger.Information("Running {CommandLine} (timeout {Timeout})", launch.Describe(), _options.Timeout);
        // The log path is unique to this run (WsusMetadataFileNames.CreateUnique): the argument that finds this wsusutil
        // again. The moment is the real clock's, never a test clock: it is compared with the operating system's process start times.
        WsusUtilStarts.ReportLaunching(new ProcessLaunchMark(Path.GetFileName(wsusUtilPath), logPath, TimeProvider.System.GetUtcNow().UtcTicks));
        ProcessOutcome outcome;
        try
        {
            outcome = await _processes.RunAsync(launch, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.Warning("wsusutil {Operation} cancelled; the process was stopped. Package {Package} is incomplete and must not be used", verb, packagePath);
            throw;
        }

        var result = Judge(operation, outcome, packagePath, logPath);
        if (result.Succeeded)
        {
            _logger.Information(
                "wsusutil {Operation} succeeded in {Duration}: package {Package} ({Bytes} bytes), log {Log}; {LogSummary}",
                verb, outcome.Duration, packagePath, result.PackageBytes, logPath, result.Log?.Describe());
        }
        else
        {
            _logger.Error("wsusutil {Operation} failed ({Failure}): {Message}", verb, result.Failure, result.Message);
        }

        return result;
    }

    private static WsusUtilResult? CheckBeforeRun(WsusUtilOperation operation, string packagePath, string logPath)
    {
        if (File.Exists(logPath))
        {
            return Refuse(operation, packagePath, logPath, WsusUtilFailure.NamesNotUnique, 0,
                $"The wsusutil log {logPath} already exists; wsusutil needs a new, unique log name. Choose another name (WsusMetadataFileNames.CreateUnique).");
        }

        if (operation == WsusUtilOperation.Export && File.Exists(packagePath))
        {
            return Refuse(operation, packagePath, logPath, WsusUtilFailure.NamesNotUnique, new FileInfo(packagePath).Length,
                $"The export package {packagePath} already exists; wsusutil needs a new, unique package name. Nothing was run.");
        }

        if (operation == WsusUtilOperation.Import)
        {
            var package = new FileInfo(packagePath);
            if (!package.Exists || package.Length == 0)
            {
                return Refuse(operation, packagePath, logPath, WsusUtilFailure.PackageMissingOrEmpty, package.Exists ? package.Length : 0,
                    $"The metadata package {packagePath} is {(package.Exists ? "empty" : "missing")}; nothing was imported. Copy the bundle's metadata package again and rerun.");
            }
        }

        return null;
    }

    private static WsusUtilResult Refuse(WsusUtilOperation operation, string packagePath, string logPath, WsusUtilFailure failure, long packageBytes, string message) =>
        new(operation, failure, null, packagePath, logPath, packageBytes, [], message, TimeSpan.Zero);

    private WsusUtilResult Judge(WsusUtilOperation operation, ProcessOutcome outcome, string packagePath, string logPath)
    {
        var verb = operation == WsusUtilOperation.Export ? "export" : "import";
        var package = new FileInfo(packagePath);
        var packageBytes = package.Exists ? package.Length : 0;
        var log = new FileInfo(logPath);
        var report = log.Exists ? WsusUtilLog.Read(logPath, _options.QuotedTailLines) : WsusUtilLogReport.Missing;
        var errors = report.Errors;
        int? exitCode = outcome.TimedOut ? null : outcome.ExitCode;

        WsusUtilFailure failure;
        string headline;
        if (outcome.TimedOut)
        {
            failure = WsusUtilFailure.TimedOut;
            headline = $"wsusutil {verb} did not finish within {_options.Timeout} and was stopped (process {outcome.ProcessId}).";
        }
        else if (outcome.ExitCode != 0)
        {
            failure = WsusUtilFailure.ExitCode;
            headline = $"wsusutil {verb} ended with exit code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}.";
        }
        else if (report.ErrorCount > 0)
        {
            failure = WsusUtilFailure.ErrorLinesInLog;
            headline = report.Format == WsusUtilLogFormat.Xml
                ? $"wsusutil {verb} ended with exit code 0 but its log {logPath} reports {report.ErrorCount.ToString(CultureInfo.InvariantCulture)} error(s)."
                : $"wsusutil {verb} ended with exit code 0 but its log {logPath} reports {report.ErrorCount.ToString(CultureInfo.InvariantCulture)} error line(s).";
        }
        else if (report.Format == WsusUtilLogFormat.Xml && report.RootElement != ExpectedLogRoot(operation))
        {
            // A well-formed log of the wrong kind (or of no wsusutil at all) confirms nothing (review finding).
            failure = WsusUtilFailure.ErrorLinesInLog;
            headline = $"wsusutil {verb} ended with exit code 0 but its log {logPath} is <{report.RootElement}>, not the <{ExpectedLogRoot(operation)}> "
                + $"wsusutil {verb} writes, so the run cannot be confirmed.";
        }
        else if (packageBytes == 0)
        {
            failure = WsusUtilFailure.PackageMissingOrEmpty;
            headline = $"wsusutil {verb} ended with exit code 0 but the package {packagePath} is {(package.Exists ? "empty (0 bytes)" : "missing")}.";
        }
        else if (!log.Exists || log.Length == 0)
        {
            failure = WsusUtilFailure.LogMissingOrEmpty;
            headline = $"wsusutil {verb} ended with exit code 0 but wrote no log at {logPath}, so the run cannot be confirmed.";
        }
        else
        {
            return new WsusUtilResult(operation, WsusUtilFailure.None, exitCode, packagePath, logPath, packageBytes, [], $"wsusutil {verb} succeeded; {report.Describe()}.", outcome.Duration)
            {
                Log = report,
            };
        }

        var message = new StringBuilder(headline);
        if (errors.Count > 0)
        {
            message.Append(report.Format == WsusUtilLogFormat.Xml ? " Errors from its log:" : " Error lines from its log:");
            foreach (var error in errors.Take(WsusUtilLog.MaxQuotedLines))
            {
                message.Append(System.Environment.NewLine).Append("  ").Append(error);
            }

            if (report.ErrorCount > WsusUtilLog.MaxQuotedLines)
            {
                message.Append(System.Environment.NewLine).Append("  … and ").Append((report.ErrorCount - WsusUtilLog.MaxQuotedLines).ToString(CultureInfo.InvariantCulture)).Append(" more in the log.");
            }
        }
        else if (report.Format == WsusUtilLogFormat.Lines && report.LastLines.Count > 0)
        {
            message.Append(" Last lines of its log:");
            foreach (var line in report.LastLines.Take(WsusUtilLog.MaxQuotedLines))
            {
                message.Append(System.Environment.NewLine).Append("  ").Append(line);
            }
        }
        else if (report.Format == WsusUtilLogFormat.Xml)
        {
            var summary = report.Describe();
            message.Append(' ').Append(char.ToUpperInvariant(summary[0])).Append(summary, 1, summary.Length - 1).Append('.');
        }

        var standardError = outcome.StandardError.Trim();
        if (standardError.Length > 0)
        {
            message.Append(System.Environment.NewLine).Append("  error output: ").Append(FirstLines(standardError, 3));
        }

        message.Append(System.Environment.NewLine).Append(FixHint(operation, failure, logPath));
        return new WsusUtilResult(operation, failure, exitCode, packagePath, logPath, packageBytes, errors, message.ToString(), outcome.Duration)
        {
            Log = report,
        };
    }

    private static string FirstLines(string text, int count) =>
        string.Join(" | ", text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries).Take(count));

    private static string FixHint(WsusUtilOperation operation, WsusUtilFailure failure, string logPath) => failure switch
    {
        WsusUtilFailure.TimedOut =>
            "Check that the WSUS database (SQL/WID) and the WsusService are running and not busy (a synchronization or cleanup), then rerun; raise the timeout for very large catalogues.",
        WsusUtilFailure.PackageMissingOrEmpty when operation == WsusUtilOperation.Export =>
            $"Read {logPath}; check free space in the package folder and that WSUS can read its database, then rerun the export.",
        _ => $"Read {logPath} for the full story, fix the cause (run elevated as a local Administrator, WSUS services running, enough disk space), then rerun; nothing was marked done.",
    };

    /// <summary>The root element wsusutil's XmlTextWriter opens for <paramref name="operation"/> (see <see cref="WsusUtilLog"/>).</summary>
    private static string ExpectedLogRoot(WsusUtilOperation operation) =>
        operation == WsusUtilOperation.Import ? WsusUtilLog.ImportLogElement : WsusUtilLog.ExportLogElement;
}
