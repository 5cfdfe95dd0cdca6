namespace CMDisconnectedSync.App.Presentation.Logs;

/// <summary>The log this app run writes to, and the viewer that opens it: "Open log" on every failure page.</summary>
public sealed class RunLog
{
    private readonly LogViewer _viewer;

    public RunLog(LogViewer viewer, string path)
    {
        _viewer = viewer ?? throw new ArgumentNullException(nameof(viewer));
        Path = path ?? throw new ArgumentNullException(nameof(path));
    }

    public string Path { get; }

    /// <summary>Opens the log in CMTrace (or Notepad); returns why it could not, or null when it opened.</summary>
    public string? TryOpen()
    {
        try
        {
            _viewer.Open(Path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return ex.Message;
        }
    }
}
