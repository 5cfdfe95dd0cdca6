using CMDisconnectedSync.Host;
using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Processes;
using Serilog;

namespace CMDisconnectedSync.Harness.CrashResume;

/// <summary>
/// The disconnected server as the crash harness stages it: a WSUS whose WsusContent is a lab folder and whose
/// WsusUtil.exe is the real <c>wsusutil-lab</c> program run through the product's own <see cref="WsusUtilRunner"/>
/// and <see cref="ProcessRunner"/>; settings match the lab bundles (de, en; no express files; not a replica).
/// </summary>
internal sealed class LabWsusServer(string contentDirectory, string databasePath, TimeProvider clock, ILogger logger) : IWsusServer
{
    public static string WsusUtilPath => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "wsusutil-lab.exe" : "wsusutil-lab");

    private readonly WsusUtilRunner _runner = new(new ProcessRunner(), logger, new WsusUtilRunnerOptions
    {
        Timeout = TimeSpan.FromMinutes(2),
        Environment = new Dictionary<string, string> { ["WSUSUTIL_LAB_CONTENT"] = contentDirectory, ["WSUSUTIL_LAB_DATABASE"] = databasePath },
    });

    public WsusInstallationLookup LocateInstallation() =>
        WsusInstallationLookup.Found(new WsusInstallation(contentDirectory, WsusUtilPath, File.Exists(WsusUtilPath), "MICROSOFT##WID", 8530, false, "10.0.20348.1"));

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(new WsusStatus(
        new WsusSettings(false, ["de", "en"], false, false),
        new LastSynchronization(SynchronizationOutcome.Succeeded, clock.GetUtcNow().AddHours(-2), clock.GetUtcNow().AddHours(-1), string.Empty),
        false));

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        _runner.RunAsync(WsusUtilPath, WsusUtilOperation.Export, packagePath, logPath, cancellationToken);

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        _runner.RunAsync(WsusUtilPath, WsusUtilOperation.Import, packagePath, logPath, cancellationToken);
}

/// <summary>An elevated administrator on a roomy, writable NTFS volume: preflight passes, the harness tests what follows.</summary>
internal sealed class LabHost : IElevation, IVolumeInspector
{
    public bool IsElevatedAdministrator() => true;

    public VolumeState Inspect(string path) => new(Path.GetPathRoot(Path.GetFullPath(path)) ?? "/", 1L << 40, "NTFS", true);
}
