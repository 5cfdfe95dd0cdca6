using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// The lab's wsusutil log. Microsoft documents no wsusutil log format; this follows the layout WSUS server logs use
/// (UTC timestamp, severity word, process.thread, component, message, tab-separated — e.g. the SoftwareDistribution.log
/// line quoted in https://github.com/MicrosoftDocs/windowsserverdocs/issues/7423), so the runner's error-line rule
/// meets the same shape it expects in the field.
/// </summary>
internal sealed class LabLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _clock;
    private readonly string _process;

    public LabLog(string path, TimeProvider clock)
    {
        // wsusutil needs a new log name; mimic that (FileMode.CreateNew throws when it exists).
        _writer = new StreamWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        _clock = clock;
        using var self = Process.GetCurrentProcess();
        _process = "wsusutil." + self.Id.ToString(CultureInfo.InvariantCulture);
    }

    public void Info(string component, string message) => Write("Info", component, message);

    public void Error(string component, string message) => Write("Error", component, message);

    private void Write(string severity, string component, string message) =>
        _writer.WriteLine(string.Join("\t",
            _clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture),
            severity,
            _process,
            component,
            message));

    public void Dispose() => _writer.Dispose();
}
