using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Processes;

/// <summary>
/// A process as it can be recognised again after our own process died: its id plus the moment it started, as the
/// operating system keeps it. A process id alone is not enough: ids are reused, so a later, unrelated process can
/// carry the id of a wsusutil that ended long ago.
/// </summary>
/// <param name="ProcessId">The process id.</param>
/// <param name="StartedAt">
/// The start marker, opaque and only compared for equality: on Linux <c>proc-ticks:&lt;n&gt;</c>, field 22
/// (<c>starttime</c>, clock ticks after boot) of <c>/proc/&lt;pid&gt;/stat</c>; elsewhere <c>utc-ticks:&lt;n&gt;</c>,
/// <see cref="Process.StartTime"/> in UTC ticks (on Windows the creation time GetProcessTimes reports).
/// </param>
public sealed record ProcessStamp(int ProcessId, string StartedAt)
{
    /// <summary>The form the journal keeps: <c>pid=&lt;id&gt; start=&lt;marker&gt;</c>.</summary>
    public string ToJournalDetail() => string.Format(CultureInfo.InvariantCulture, "pid={0} start={1}", ProcessId, StartedAt);

    /// <summary>Reads <see cref="ToJournalDetail"/>'s form back; null for anything else.</summary>
    public static ProcessStamp? FromJournalDetail(string? detail)
    {
        const string IdPrefix = "pid=";
        const string StartPrefix = "start=";
        var parts = (detail ?? string.Empty).Split(' ');
        if (parts.Length != 2 || !parts[0].StartsWith(IdPrefix, StringComparison.Ordinal) || !parts[1].StartsWith(StartPrefix, StringComparison.Ordinal)
            || parts[1].Length == StartPrefix.Length)
        {
            return null;
        }

        var id = parts[0].Remove(0, IdPrefix.Length);
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var processId) && processId > 0
            ? new ProcessStamp(processId, parts[1].Remove(0, StartPrefix.Length))
            : null;
    }
}

/// <summary>
/// The port to the operating system's process table: which process runs under an id right now, and since when.
/// Used to recognise a wsusutil that an earlier run of ours started and that outlived it (issue 19).
/// </summary>
public interface IRunningProcesses
{
    /// <summary>The running process with this id, or null when none runs under it (never started, ended, or a zombie).</summary>
    ProcessStamp? Find(int processId);

    /// <summary>
    /// The running processes that may be the one <paramref name="launch"/> started, for a run killed before it could
    /// journal that process's stamp. Empty when none runs.
    /// </summary>
    IReadOnlyList<ProcessStamp> FindLaunched(ProcessLaunchMark launch);
}

/// <summary>
/// <see cref="IRunningProcesses"/> of this computer. Linux: <c>/proc/&lt;pid&gt;/stat</c> (proc_pid_stat(5),
/// https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html : field 3 <c>state</c>, field 22 <c>starttime</c> "the time
/// the process started after system boot", in clock ticks), read as it is because <see cref="Process.StartTime"/>
/// there is derived from boot time and uptime and may move between two reads. Windows (and Mono elsewhere):
/// <see cref="Process.StartTime"/> (https://learn.microsoft.com/dotnet/api/system.diagnostics.process.starttime), the
/// process creation time, in UTC ticks.
/// <para>
/// <see cref="FindLaunched"/>: Linux matches the exact argument in <c>/proc/&lt;pid&gt;/cmdline</c> ("the complete
/// command line for the process", arguments separated by null bytes, proc_pid_cmdline(5),
/// https://man7.org/linux/man-pages/man5/proc_pid_cmdline.5.html ). Windows has no command line in the process table
/// <see cref="Process"/> reads, so there every process of that program name (<see cref="Process.GetProcessesByName(string)"/>)
/// started since the launch counts: a wsusutil someone else started since then runs against the same WSUS database,
/// and waiting for it is right as well.
/// </para>
/// </summary>
public sealed class RunningProcesses : IRunningProcesses
{
    private const string UtcTicksPrefix = "utc-ticks:";

    private readonly string _procRoot;
    private readonly bool _hasProcFs;

    public RunningProcesses()
        : this("/proc")
    {
    }

    /// <param name="procRoot">The procfs mount; a folder without <c>self/stat</c> means "no procfs here" (Windows).</param>
    internal RunningProcesses(string procRoot)
    {
        _procRoot = procRoot;
        _hasProcFs = File.Exists(Path.Combine(procRoot, "self", "stat"));
    }

    public ProcessStamp? Find(int processId)
    {
        if (processId <= 0)
        {
            return null;
        }

        return _hasProcFs ? FromProcFs(processId) : FromProcessTable(processId);
    }

    public IReadOnlyList<ProcessStamp> FindLaunched(ProcessLaunchMark launch)
    {
        _ = launch ?? throw new ArgumentNullException(nameof(launch));
        return _hasProcFs ? FromProcFsCommandLines(launch.Argument) : FromProcessTableByName(launch);
    }

    private List<ProcessStamp> FromProcFsCommandLines(string argument)
    {
        var found = new List<ProcessStamp>();
        foreach (var folder in Directory.EnumerateDirectories(_procRoot))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var processId) || !HasArgument(folder, argument))
            {
                continue;
            }

            if (FromProcFs(processId) is { } stamp)
            {
                found.Add(stamp);
            }
        }

        return found;
    }

    private static bool HasArgument(string processFolder, string argument)
    {
        byte[] commandLine;
        try
        {
            commandLine = File.ReadAllBytes(Path.Combine(processFolder, "cmdline"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            // Ended while we looked, or not ours to read.
            return false;
        }

        return ParseCommandLine(commandLine).Contains(argument, StringComparer.Ordinal);
    }

    /// <summary>The arguments of a <c>/proc/&lt;pid&gt;/cmdline</c>: null-separated, with a trailing null (empty for a zombie or kernel thread).</summary>
    internal static IReadOnlyList<string> ParseCommandLine(byte[] commandLine) =>
        Encoding.UTF8.GetString(commandLine).Split(['\0'], StringSplitOptions.RemoveEmptyEntries);

    private static List<ProcessStamp> FromProcessTableByName(ProcessLaunchMark launch)
    {
        // The creation time and our clock tick at different granularities: a second of slack keeps the process itself.
        var notBefore = launch.NotBeforeUtcTicks - TimeSpan.TicksPerSecond;
        var found = new List<ProcessStamp>();
        foreach (var process in Process.GetProcessesByName(Path.GetFileNameWithoutExtension(launch.ImageName)))
        {
            using (process)
            {
                if (StartUtcTicks(process) is { } started && started >= notBefore)
                {
                    found.Add(StampOf(process.Id, started));
                }
            }
        }

        return found;
    }

    private static ProcessStamp StampOf(int processId, long startUtcTicks) =>
        new(processId, UtcTicksPrefix + startUtcTicks.ToString(CultureInfo.InvariantCulture));

    private ProcessStamp? FromProcFs(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(_procRoot, processId.ToString(CultureInfo.InvariantCulture), "stat"));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            // No such process (or it ended between the two reads).
            return null;
        }

        return ParseProcStat(processId, text);
    }

    /// <summary>
    /// Field 2 (<c>comm</c>) is in parentheses and may itself hold spaces and parentheses, so the fields are counted
    /// after the last ')': field 3 (state) is the first there and field 22 (starttime) the 20th. A zombie (Z) or dead
    /// (X) process does not run any more.
    /// </summary>
    internal static ProcessStamp? ParseProcStat(int processId, string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = text.Substring(close + 1).Split([' '], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X" || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }

        return new ProcessStamp(processId, "proc-ticks:" + ticks.ToString(CultureInfo.InvariantCulture));
    }

    private static ProcessStamp? FromProcessTable(int processId)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            // "The process specified by the processId parameter is not running" (Process.GetProcessById).
            return null;
        }

        using (process)
        {
            return StartUtcTicks(process) is { } started ? StampOf(processId, started) : null;
        }
    }

    /// <summary>When <paramref name="process"/> started (UTC ticks), or null when it has ended or its start cannot be read.</summary>
    private static long? StartUtcTicks(Process process)
    {
        try
        {
            return process.HasExited ? null : process.StartTime.ToUniversalTime().Ticks;
        }
        catch (InvalidOperationException)
        {
            // It exited between HasExited and StartTime.
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Its start time cannot be read (a protected process of another session): it is not one of ours.
            return null;
        }
    }
}
