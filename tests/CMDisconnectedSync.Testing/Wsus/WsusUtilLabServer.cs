using CMDisconnectedSync.Wsus;
using CMDisconnectedSync.Wsus.Processes;

namespace CMDisconnectedSync.Testing.Wsus;

/// <summary>
/// A WSUS server for workflow tests whose wsusutil is the real lab program (<c>wsusutil-lab</c>, built beside the
/// tests), run as a child process by the adapter's real <see cref="ProcessRunner"/> and judged by Core's
/// <see cref="WsusUtilRunner"/>. Settings and last sync are as the test says; <see cref="Fault"/> cues the lab
/// program to fail (exit-code, error-line, empty-package, hang, replay-log:&lt;path&gt;). Test projects that use it reference
/// <c>CMDisconnectedSync.Lab.WsusUtil</c> so the program is built beside them.
/// </summary>
public sealed class WsusUtilLabServer(string contentDirectory, string databasePath, TimeProvider clock) : IWsusServer
{
    public string? Fault { get; set; }

    /// <summary>Filler bytes the lab export adds to its package, to make it larger than a volume (0: none).</summary>
    public int PackagePadding { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The temp folder the lab wsusutil is started with (TMPDIR, TMP and TEMP), and reported as its staging folder; null: inherited.</summary>
    public string? TempFolder { get; set; }

    public WsusSettings Settings { get; set; } = new(false, ["en"], false, false);

    public int ExportRuns { get; private set; }

    public int ImportRuns { get; private set; }

    public string ContentDirectory => contentDirectory;

    /// <summary>Lines of the lab's "database": one per content file of every imported package.</summary>
    public IReadOnlyList<string> ImportedRows => File.Exists(databasePath) ? File.ReadAllLines(databasePath) : [];

    public static string LabProgramPath
    {
        get
        {
            var name = OperatingSystem.IsWindows() ? "wsusutil-lab.exe" : "wsusutil-lab";
            var path = Path.Combine(AppContext.BaseDirectory, name);
            return File.Exists(path) ? path : throw new FileNotFoundException($"The lab wsusutil was not built beside the tests: {path}.");
        }
    }

    public WsusInstallationLookup LocateInstallation() =>
        WsusInstallationLookup.Found(new WsusInstallation(contentDirectory, LabProgramPath, true, "LAB##DB", 8530, false, "10.0.20348-lab")
        {
            WsusUtilTempFolder = Runner().TempFolder,
        });

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var ended = clock.GetUtcNow().AddHours(-1);
        return Task.FromResult(new WsusStatus(Settings, new LastSynchronization(SynchronizationOutcome.Succeeded, ended.AddMinutes(-20), ended, string.Empty), false));
    }

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken)
    {
        ExportRuns++;
        return Runner().RunAsync(LabProgramPath, WsusUtilOperation.Export, packagePath, logPath, cancellationToken);
    }

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken)
    {
        ImportRuns++;
        return Runner().RunAsync(LabProgramPath, WsusUtilOperation.Import, packagePath, logPath, cancellationToken);
    }

    private WsusUtilRunner Runner()
    {
        var environment = new Dictionary<string, string>
        {
            ["WSUSUTIL_LAB_CONTENT"] = contentDirectory,
            ["WSUSUTIL_LAB_DATABASE"] = databasePath,
            ["WSUSUTIL_LAB_FAULT"] = Fault ?? "none",
            ["WSUSUTIL_LAB_PACKAGE_PADDING"] = PackagePadding.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (TempFolder is not null)
        {
            foreach (var variable in new[] { "TMPDIR", "TMP", "TEMP" })
            {
                environment[variable] = TempFolder;
            }
        }

        return new WsusUtilRunner(new ProcessRunner(), Serilog.Core.Logger.None, new WsusUtilRunnerOptions { Timeout = Timeout, Environment = environment });
    }
}
