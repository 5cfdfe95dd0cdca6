using Serilog;
using Serilog.Events;

namespace CMDisconnectedSync.Logging;

/// <summary>Where our CMTrace log goes by default and how a logger is configured to write it.</summary>
public static class CmTraceLog
{
    /// <summary>Log files roll at this size, like ConfigMgr's own logs (their default is 2.5 MB; ours hold more detail).</summary>
    public const long FileSizeLimitBytes = 10 * 1024 * 1024;

    /// <summary>
    /// <c>%ProgramData%\CMDisconnectedSync\Logs\&lt;component&gt;.log</c> on Windows (beside where admins look for
    /// ConfigMgr logs); the per-user data folder elsewhere, so the Linux build machine never needs root to log.
    /// </summary>
    public static string DefaultPath(string component)
    {
        var root = Environment.OSVersion.Platform == PlatformID.Win32NT
            ? Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData)
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        return Path.Combine(root, "CMDisconnectedSync", "Logs", component + ".log");
    }

    /// <summary>Adds the CMTrace file sink (rolling by size, several processes may append) and the thread id enricher.</summary>
    public static LoggerConfiguration WriteToCmTraceFile(
        this LoggerConfiguration configuration, string path, string component, LogEventLevel minimumLevel)
    {
        _ = configuration ?? throw new ArgumentNullException(nameof(configuration));
        return configuration
            .Enrich.With<ThreadIdEnricher>()
            .WriteTo.File(
                new CmTraceTextFormatter(component),
                path,
                restrictedToMinimumLevel: minimumLevel,
                fileSizeLimitBytes: FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: 5,
                shared: true);
    }
}
