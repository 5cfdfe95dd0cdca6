using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Wsus;
using Serilog;

namespace CMDisconnectedSync.Lab.Wsus;

/// <summary>
/// <see cref="IWsusServer"/> over a lab server folder (<see cref="LabWsusServerFolder"/>): the installation is the
/// folder's WsusContent and the lab wsusutil, the status comes from its settings file, and export/import run the real
/// <c>wsusutil-lab</c> program as a child process through the same <see cref="WsusUtilRunner"/> (and its strict
/// success rule) that runs <c>WsusUtil.exe</c> on a real server.
/// </summary>
public sealed class LabWsusServer : IWsusServer
{
    /// <summary>What a lab server reports as its WSUS database server: the lab keeps its "database" in a file.</summary>
    public const string DatabaseServerName = "LAB (no database server)";

    private readonly IProcessRunner _processes;
    private readonly ILogger _logger;
    private readonly TimeSpan _timeout;

    public LabWsusServer(LabWsusServerFolder folder, string wsusUtilPath, IProcessRunner processes, ILogger logger, TimeSpan? timeout = null)
    {
        Folder = folder ?? throw new ArgumentNullException(nameof(folder));
        WsusUtilPath = wsusUtilPath ?? throw new ArgumentNullException(nameof(wsusUtilPath));
        _processes = processes ?? throw new ArgumentNullException(nameof(processes));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<LabWsusServer>();
        _timeout = timeout ?? TimeSpan.FromMinutes(5);
    }

    public LabWsusServerFolder Folder { get; }

    public string WsusUtilPath { get; }

    public WsusInstallationLookup LocateInstallation()
    {
        if (!Directory.Exists(Folder.ContentDirectory))
        {
            return WsusInstallationLookup.NotInstalled(
                $"The lab WSUS server {Folder.Root} has no {LabWsusServerFolder.ContentFolderName} folder. Recreate the lab.");
        }

        return WsusInstallationLookup.Found(new WsusInstallation(
            Folder.ContentDirectory, WsusUtilPath, File.Exists(WsusUtilPath), DatabaseServerName, WsusSetupRegistry.DefaultPortNumber, UsingSsl: false, Version: "lab"));
    }

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = Folder.LoadSettings();
        var status = new WsusStatus(
            new WsusSettings(settings.AllLanguages, settings.Languages.OrderBy(l => l, StringComparer.Ordinal).ToList(), settings.ExpressFiles, settings.IsReplica),
            new LastSynchronization(settings.LastSyncOutcome, settings.LastSyncStart, settings.LastSyncEnd, settings.LastSyncError),
            settings.IsSynchronizing);
        _logger.Debug("Lab WSUS {Server} status: languages {Languages}, express {Express}, replica {Replica}, last sync {Outcome} at {End}",
            settings.ServerName, status.Settings.DescribeLanguages(), settings.ExpressFiles, settings.IsReplica, settings.LastSyncOutcome, settings.LastSyncEnd);
        return Task.FromResult(status);
    }

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        Runner(LabWsusUtilVariables.Content, Folder.ContentDirectory)
            .RunAsync(WsusUtilPath, WsusUtilOperation.Export, packagePath, logPath, cancellationToken);

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        Runner(LabWsusUtilVariables.Database, Folder.DatabasePath)
            .RunAsync(WsusUtilPath, WsusUtilOperation.Import, packagePath, logPath, cancellationToken);

    private WsusUtilRunner Runner(string variable, string value)
    {
        var environment = new Dictionary<string, string> { [variable] = value };
        if (Folder.LoadSettings().WsusUtilFault is { Length: > 0 } fault)
        {
            _logger.Warning("Lab WSUS {Server}: the lab wsusutil is cued to fail ({Fault})", Folder.Root, fault);
            environment[LabWsusUtilVariables.Fault] = fault;
        }

        return new(_processes, _logger, new WsusUtilRunnerOptions { Timeout = _timeout, Environment = environment });
    }
}

/// <summary>The environment variables the lab wsusutil reads (see its Program).</summary>
public static class LabWsusUtilVariables
{
    public const string Content = "WSUSUTIL_LAB_CONTENT";
    public const string Database = "WSUSUTIL_LAB_DATABASE";
    public const string Fault = "WSUSUTIL_LAB_FAULT";
}
