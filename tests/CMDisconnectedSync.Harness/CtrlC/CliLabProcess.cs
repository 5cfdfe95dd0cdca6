using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Harness.CtrlC;

/// <summary>How the Ctrl+C reaches the process.</summary>
public enum Interruption
{
    /// <summary><c>kill -INT &lt;pid&gt;</c>: only cmdsync gets SIGINT, so cmdsync alone must stop wsusutil.</summary>
    ProcessOnly,

    /// <summary>
    /// <c>kill -INT -&lt;pgid&gt;</c>: what a terminal does on Ctrl+C. The whole foreground process group gets SIGINT,
    /// wsusutil included, so wsusutil may die of the signal before cmdsync's own cancellation stops it.
    /// </summary>
    ProcessGroup,
}

/// <summary>
/// One <c>cmdsync-harness cli-lab …</c> process (<see cref="CliLabChild"/>), started in a session and process group of its
/// own (<c>setsid</c>) so that a process-group SIGINT reaches it and its children but never the test host. Linux only:
/// it reads <c>/proc</c> to find its children and signals with <c>kill</c>.
/// </summary>
internal sealed class CliLabProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource<bool> _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliLabProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Whether this machine has what the interruption needs: Linux (<c>/proc</c>), <c>kill</c> and <c>setsid</c>.</summary>
    public static string? Unavailable() =>
        !OperatingSystem.IsLinux() ? "needs Linux (/proc, POSIX signals); on Windows Ctrl+C is a console event, not a signal kill can send"
        : !OnPath("kill") ? "no 'kill' program on PATH"
        : !OnPath("setsid") ? "no 'setsid' program on PATH (util-linux)"
        : !OnPath("mkfifo") ? "no 'mkfifo' program on PATH (coreutils)"
        : null;

    /// <summary>Creates a named pipe: a file whose reader blocks until a writer writes, to hold cmdsync at a chosen point.</summary>
    public static void MakeFifo(string path)
    {
        var start = new ProcessStartInfo("mkfifo") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        using var mkfifo = Process.Start(start) ?? throw new InvalidOperationException("mkfifo could not be started.");
        var error = mkfifo.StandardError.ReadToEnd();
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException($"mkfifo {path} failed ({mkfifo.ExitCode}): {error.Trim()}");
        }
    }

    /// <summary>Starts <c>setsid dotnet cmdsync-harness.dll cli-lab &lt;lab&gt; &lt;cmdsync arguments…&gt;</c> with redirected output.</summary>
    public static CliLabProcess Start(string lab, IEnumerable<string> cmdsyncArguments)
    {
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // setsid execs dotnet in place (the child is not a group leader), and the dotnet host runs the app in that
        // same process: the pid we get is cmdsync's, and the leader of its new process group.
        foreach (var argument in new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "cmdsync-harness.dll"), CliLabChild.Mode, lab }.Concat(cmdsyncArguments))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var started = new CliLabProcess(process);
        process.OutputDataReceived += (_, e) => Collect(started._output, started._outputClosed, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(started._error, started._errorClosed, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs one command to its end.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string lab, IEnumerable<string> cmdsyncArguments, TimeSpan timeout)
    {
        using var process = Start(lab, cmdsyncArguments);
        var exitCode = await process.WaitForExitAsync(timeout).ConfigureAwait(false);
        return (exitCode, process.Output, process.Error);
    }

    /// <summary>
    /// Waits until a child process running <paramref name="program"/> exists (deterministic: a hung wsusutil-lab stays
    /// until stopped). Null when this process ended first or nothing appeared within <paramref name="timeout"/>.
    /// </summary>
    public async Task<int?> WaitForChildAsync(string program, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout && !_process.HasExited)
        {
            if (ProcFs.ChildrenOf(Id).Where(child => child.Name == program).Select(child => (int?)child.Id).FirstOrDefault() is { } found)
            {
                return found;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>Sends SIGINT, as Ctrl+C does (<see cref="Process.Kill()"/> would send SIGKILL).</summary>
    public void Interrupt(Interruption how)
    {
        var target = how == Interruption.ProcessGroup ? "-" + Id.ToString(CultureInfo.InvariantCulture) : Id.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-INT", "--", target })
        {
            start.ArgumentList.Add(argument);
        }

        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill could not be started.");
        var error = kill.StandardError.ReadToEnd();
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {target} failed ({kill.ExitCode}): {error.Trim()}");
        }
    }

    /// <summary>The exit code; throws <see cref="TimeoutException"/> (after killing the process group) when it does not end in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cmdsync (process {Id}) did not end within {timeout}. Output:{Environment.NewLine}{Output}{Error}");
        }

        await Task.WhenAll(_outputClosed.Task, _errorClosed.Task).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    private static void Collect(StringBuilder text, TaskCompletionSource<bool> closed, string? line)
    {
        if (line is null)
        {
            closed.TrySetResult(true);
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}

/// <summary>What <c>/proc</c> says about processes (Linux).</summary>
internal static class ProcFs
{
    /// <summary>The live children of <paramref name="parentId"/>, with their names (<c>comm</c>).</summary>
    public static IReadOnlyList<(int Id, string Name)> ChildrenOf(int parentId)
    {
        var children = new List<(int, string)>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Stat(id) is { } stat && stat.ParentId == parentId && stat.State != 'Z')
            {
                children.Add((id, stat.Name));
            }
        }

        return children;
    }

    /// <summary>The running processes whose command line contains <paramref name="text"/> (e.g. a lab folder).</summary>
    public static IReadOnlyList<int> Mentioning(string text)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && Stat(id) is { State: not 'Z' } && CommandLine(id).Contains(text, StringComparison.Ordinal))
            {
                found.Add(id);
            }
        }

        return found;
    }

    /// <summary>
    /// Whether <paramref name="id"/> still runs (a zombie has ended: only its exit status waits to be collected). A pid
    /// reused by an unrelated process is told apart by its name.
    /// </summary>
    public static bool IsRunning(int id, string name) => Stat(id) is { } stat && stat.State != 'Z' && stat.Name == name;

    private static string CommandLine(int id)
    {
        try
        {
            return File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Ended meanwhile, or not ours to read: it cannot be one of the lab's processes then.
            return string.Empty;
        }
    }

    private static (string Name, char State, int ParentId)? Stat(int id)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The process ended between listing /proc and reading its stat file: it is not running.
            return null;
        }

        // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split at the last ')'.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return (text[(open + 1)..close], fields[0][0], int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
