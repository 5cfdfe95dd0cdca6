using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using CMDisconnectedSync.Processes;

namespace CMDisconnectedSync.Wsus.Processes;

/// <summary>
/// <see cref="IProcessRunner"/> with <see cref="Process"/>: no shell, no window, output read line by line as it
/// arrives. On timeout or cancellation the process (tree, on .NET 5+) is killed and waited for before returning, so
/// no wsusutil keeps writing a package we have already given up on. Every child is put in a
/// <see cref="IChildProcessJob"/> (on Windows a kill-on-close Job Object), so one that outlives us because we were
/// killed (Task Manager, a crash) is ended by the operating system with us.
/// </summary>
public sealed class ProcessRunner : IProcessRunner
{
    /// <summary>After the process ended, how long we wait for the last output lines to be delivered.</summary>
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(10);

    private readonly IChildProcessJob _job;

    /// <summary>A runner whose children end with this process where the platform can do that (<see cref="ChildProcessJobs.ForThisPlatform"/>).</summary>
    public ProcessRunner()
        : this(ChildProcessJobs.ForThisPlatform())
    {
    }

    public ProcessRunner(IChildProcessJob job) => _job = job ?? throw new ArgumentNullException(nameof(job));

    public async Task<ProcessOutcome> RunAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        _ = launch ?? throw new ArgumentNullException(nameof(launch));
        cancellationToken.ThrowIfCancellationRequested();

        using var process = new Process { StartInfo = CreateStartInfo(launch), EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(true);
        var standardOutput = new LineCollector(launch.OnOutputLine);
        var standardError = new LineCollector(launch.OnErrorLine);
        process.OutputDataReceived += (_, e) => standardOutput.Add(e.Data);
        process.ErrorDataReceived += (_, e) => standardError.Add(e.Data);

        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException or FileNotFoundException)
        {
            throw new ProcessStartException($"Could not start {launch.FileName}: {exception.Message}.", exception);
        }

        var processId = process.Id;
        try
        {
            _job.Add(process);
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            // Not fatal: the run works as before, and a rerun still recognises an orphan from the journal (issue 19).
            Trace.TraceWarning("Could not put {0} (process {1}) in the kill-on-close job: {2}. If cmdsync is killed, end it by hand.",
                launch.FileName, processId, exception.Message);
        }

        try
        {
            launch.OnStarted?.Invoke(processId);
        }
        catch
        {
            // Nothing may keep running that the caller could not record (the journal entry of a wsusutil, say).
            Kill(process);
            process.WaitForExit();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var killed = false;
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (launch.Timeout is { } timeout)
            {
                stop.CancelAfter(timeout);
            }

            var stopRequested = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (stop.Token.Register(() => stopRequested.TrySetResult(true)))
            {
                if (await Task.WhenAny(exited.Task, stopRequested.Task).ConfigureAwait(false) != exited.Task)
                {
                    killed = Kill(process);
                    await exited.Task.ConfigureAwait(false);
                }
            }
        }

        await Task.WhenAny(Task.WhenAll(standardOutput.Completed, standardError.Completed), Task.Delay(OutputDrainTimeout, CancellationToken.None)).ConfigureAwait(false);
        clock.Stop();

        if (killed && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"{launch.FileName} (process {processId}) was cancelled, stopped and has exited.", cancellationToken);
        }

        // A terminal's Ctrl+C reaches the whole foreground process group on Linux, so the child may die of the same
        // Ctrl+C before our cancellation stops it: that run was interrupted, not failed (rerun to resume).
        if (!killed && (EndedByCtrlC(process.ExitCode) || (process.ExitCode != 0 && cancellationToken.IsCancellationRequested)))
        {
            throw new OperationCanceledException(
                $"{launch.FileName} (process {processId}) was interrupted (Ctrl+C) and ended with exit code {process.ExitCode}.", cancellationToken);
        }

        return new ProcessOutcome(
            ExitCode: process.ExitCode,
            TimedOut: killed,
            StandardOutput: standardOutput.Text,
            StandardError: standardError.Text,
            Duration: clock.Elapsed,
            ProcessId: processId);
    }

    /// <summary>
    /// Whether <paramref name="exitCode"/> is how a process ends when Ctrl+C stops it: on Windows
    /// STATUS_CONTROL_C_EXIT, 0xC000013A (-1073741510; Win32 metadata CONTROL_C_EXIT, as in docs.rs windows-sys
    /// Win32::Foundation::CONTROL_C_EXIT); elsewhere 130, the 128 + SIGINT that .NET reports for a child killed by
    /// SIGINT (seen here with wsusutil-lab under a process-group SIGINT) and that shells use for the same.
    /// </summary>
    internal static bool EndedByCtrlC(int exitCode) =>
        exitCode == (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? unchecked((int)0xC000013A) : 130);

    private static ProcessStartInfo CreateStartInfo(ProcessLaunch launch)
    {
        var startInfo = new ProcessStartInfo(launch.FileName)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = launch.WorkingDirectory ?? string.Empty,
        };
        if (launch.OutputEncoding is { } encoding)
        {
            startInfo.StandardOutputEncoding = encoding;
            startInfo.StandardErrorEncoding = encoding;
        }
#if NET
        foreach (var argument in launch.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
#else
        startInfo.Arguments = WindowsCommandLine.Join(launch.Arguments);
#endif
        foreach (var variable in launch.Environment)
        {
            startInfo.Environment[variable.Key] = variable.Value;
        }

        return startInfo;
    }

    /// <summary>Kills the process (and its children where the runtime can); false when it had already exited by itself.</summary>
    private static bool Kill(Process process)
    {
        try
        {
#if NET
            process.Kill(entireProcessTree: true);
#else
            process.Kill();
#endif
            return true;
        }
        catch (InvalidOperationException) when (process.HasExited)
        {
            // It ended on its own between the stop request and the kill: its exit code stands.
            return false;
        }
    }

    /// <summary>Collects one redirected stream; <see cref="Completed"/> ends at its end-of-stream (a null line).</summary>
    private sealed class LineCollector(Action<string>? onLine)
    {
        private readonly StringBuilder _text = new();
        private readonly TaskCompletionSource<bool> _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Completed => _completed.Task;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                _completed.TrySetResult(true);
                return;
            }

            lock (_text)
            {
                _text.AppendLine(line);
            }

            onLine?.Invoke(line);
        }
    }
}
