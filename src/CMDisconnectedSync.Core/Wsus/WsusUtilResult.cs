namespace CMDisconnectedSync.Wsus;

/// <summary>Which wsusutil verb ran.</summary>
public enum WsusUtilOperation
{
    Export,
    Import,
}

/// <summary>Why a wsusutil run is not a success (first rule broken, in the order the runner checks them).</summary>
public enum WsusUtilFailure
{
    None,

    /// <summary>Not started: the log (or, for export, the package) already exists, and wsusutil needs new names.</summary>
    NamesNotUnique,

    /// <summary>The timeout passed; wsusutil was killed and waited for.</summary>
    TimedOut,

    /// <summary>wsusutil ended with a non-zero exit code.</summary>
    ExitCode,

    /// <summary>Exit code 0, but its log holds an <c>ImportError</c>/<c>ExportError</c> element (or, not XML, error lines).</summary>
    ErrorLinesInLog,

    /// <summary>The package is missing or empty (a failed export leaves a zero-byte package).</summary>
    PackageMissingOrEmpty,

    /// <summary>The log is missing or empty, so the run cannot be judged.</summary>
    LogMissingOrEmpty,
}

/// <summary>The judged result of one wsusutil run.</summary>
/// <param name="Operation">Export or import.</param>
/// <param name="Failure"><see cref="WsusUtilFailure.None"/> on success, else the first rule broken.</param>
/// <param name="ExitCode">wsusutil's exit code; null when it was killed (timeout).</param>
/// <param name="PackagePath">The package (written by export, read by import).</param>
/// <param name="LogPath">wsusutil's own log; keep it with the bundle.</param>
/// <param name="PackageBytes">Package size after the run (0 when missing).</param>
/// <param name="ErrorLines">Errors found in the log: error element messages or error lines (see <see cref="WsusUtilLog"/>), shortened.</param>
/// <param name="Message">One paragraph for the admin: what happened, quoting the relevant log lines, and what to do.</param>
/// <param name="Duration">How long wsusutil ran.</param>
public sealed record WsusUtilResult(
    WsusUtilOperation Operation,
    WsusUtilFailure Failure,
    int? ExitCode,
    string PackagePath,
    string LogPath,
    long PackageBytes,
    IReadOnlyList<string> ErrorLines,
    string Message,
    TimeSpan Duration)
{
    public bool Succeeded => Failure == WsusUtilFailure.None;

    /// <summary>What the log said (format, errors, updates listed); null when the run was refused before it started.</summary>
    public WsusUtilLogReport? Log { get; init; }
}
