namespace CMDisconnectedSync.Processes;

/// <summary>
/// Starts a child process and waits for it. The seam between Core logic (wsusutil runner, WSUS queries) and
/// <c>System.Diagnostics.Process</c>; tests and the lab run the real implementation against real programs.
/// </summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="launch"/> to its end. When <see cref="ProcessLaunch.Timeout"/> passes, the process (tree)
    /// is killed, waited for, and the outcome says <see cref="ProcessOutcome.TimedOut"/>. When
    /// <paramref name="cancellationToken"/> fires, the process is killed and waited for, then
    /// <see cref="OperationCanceledException"/> is thrown: no child outlives the call.
    /// Throws <see cref="ProcessStartException"/> when the program cannot be started at all.
    /// </summary>
    Task<ProcessOutcome> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken);
}

/// <summary>What to run. Arguments are passed one by one (quoted by the runner where the platform needs it).</summary>
public sealed record ProcessLaunch(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Working folder; null means the caller's current folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables for the child (added to or replacing the inherited ones).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How long the process may run before it is killed; null waits for ever (cancellation still works).</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How the child's standard output and error are decoded; null uses the platform default (the console code page on Windows).</summary>
    public System.Text.Encoding? OutputEncoding { get; init; }

    /// <summary>Called for every standard-output line as it arrives (e.g. to log it).</summary>
    public Action<string>? OnOutputLine { get; init; }

    /// <summary>Called for every standard-error line as it arrives.</summary>
    public Action<string>? OnErrorLine { get; init; }

    /// <summary>
    /// Called with the process id right after the process started, before its output is read. If it throws, the
    /// runner stops the process, waits for it, and the exception propagates.
    /// </summary>
    public Action<int>? OnStarted { get; init; }

    /// <summary>The command line as an admin would type it, for logs and error messages.</summary>
    public string Describe() => string.Join(" ", new[] { FileName }.Concat(Arguments).Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
}

/// <summary>How a child process ended.</summary>
/// <param name="ExitCode">The exit code; meaningless when <paramref name="TimedOut"/> (the process was killed).</param>
/// <param name="TimedOut">The timeout passed and the process was killed (and waited for).</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
/// <param name="Duration">Wall time from start to exit.</param>
/// <param name="ProcessId">The child's process id, for correlating logs.</param>
public sealed record ProcessOutcome(int ExitCode, bool TimedOut, string StandardOutput, string StandardError, TimeSpan Duration, int ProcessId);

/// <summary>The program could not be started (missing file, no permission, bad format).</summary>
public sealed class ProcessStartException : Exception
{
    public ProcessStartException()
    {
    }

    public ProcessStartException(string message)
        : base(message)
    {
    }

    public ProcessStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
