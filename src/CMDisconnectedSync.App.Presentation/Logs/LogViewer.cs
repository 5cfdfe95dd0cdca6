using CMDisconnectedSync.App.Presentation.Host;

namespace CMDisconnectedSync.App.Presentation.Logs;

/// <summary>
/// Opens our CMTrace-format logs in CMTrace when it is installed (it highlights warnings and errors), else Notepad.
/// </summary>
public sealed class LogViewer
{
    private readonly IProcessLauncher _launcher;
    private readonly IFileSystemProbe _files;
    private readonly IReadOnlyList<string> _cmTraceCandidates;
    private readonly string _fallbackEditor;

    /// <param name="launcher">Starts the viewer.</param>
    /// <param name="files">Finds CMTrace and the log.</param>
    /// <param name="cmTraceCandidates">Where CMTrace may be, in order (see <see cref="CmTraceLocations"/>).</param>
    /// <param name="fallbackEditor">Used when no CMTrace is found: <c>notepad.exe</c> on Windows.</param>
    public LogViewer(IProcessLauncher launcher, IFileSystemProbe files, IReadOnlyList<string> cmTraceCandidates, string fallbackEditor)
    {
        _launcher = launcher ?? throw new ArgumentNullException(nameof(launcher));
        _files = files ?? throw new ArgumentNullException(nameof(files));
        _cmTraceCandidates = cmTraceCandidates ?? throw new ArgumentNullException(nameof(cmTraceCandidates));
        _fallbackEditor = fallbackEditor ?? throw new ArgumentNullException(nameof(fallbackEditor));
    }

    /// <summary>Opens the log; returns the program used. Throws <see cref="FileNotFoundException"/> naming the log when it is gone.</summary>
    public string Open(string logPath)
    {
        if (string.IsNullOrWhiteSpace(logPath) || !_files.FileExists(logPath))
        {
            throw new FileNotFoundException(
                $"The log '{logPath}' no longer exists (moved, or cleaned up with the run folder). The run's journal still records its steps.",
                logPath);
        }

        var viewer = _cmTraceCandidates.FirstOrDefault(_files.FileExists) ?? _fallbackEditor;
        _launcher.Start(viewer, "\"" + logPath + "\"");
        return viewer;
    }
}

/// <summary>
/// Where CMTrace usually is. *Unconfirmed* by a primary source here (field knowledge): the ConfigMgr client puts it in
/// <c>%WINDIR%\CCM\CMTrace.exe</c>, a site server has it in <c>&lt;install dir&gt;\tools\CMTrace.exe</c>
/// (<c>SMS_LOG_PATH</c>'s sibling), and admins often copy it to <c>%WINDIR%</c>. Change this one list after a field check.
/// </summary>
public static class CmTraceLocations
{
    public static IReadOnlyList<string> Candidates(Func<string, string?> environmentVariable)
    {
        _ = environmentVariable ?? throw new ArgumentNullException(nameof(environmentVariable));
        var candidates = new List<string>();
        var windows = environmentVariable("WINDIR");
        if (!string.IsNullOrEmpty(windows))
        {
            candidates.Add(Path.Combine(windows!, "CCM", "CMTrace.exe"));
        }

        var smsLogs = environmentVariable("SMS_LOG_PATH");
        if (!string.IsNullOrEmpty(smsLogs) && Path.GetDirectoryName(smsLogs!.TrimEnd('\\', '/')) is { Length: > 0 } installDir)
        {
            candidates.Add(Path.Combine(installDir, "tools", "CMTrace.exe"));
        }

        if (!string.IsNullOrEmpty(windows))
        {
            candidates.Add(Path.Combine(windows!, "CMTrace.exe"));
        }

        return candidates;
    }
}
