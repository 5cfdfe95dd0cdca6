using System.Globalization;
using System.Text;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Wsus.Api;
using CMDisconnectedSync.Wsus.Registry;
using Serilog;

namespace CMDisconnectedSync.Wsus;

/// <summary>
/// The local WSUS server: installation from the registry, state from the WSUS admin API through a Windows PowerShell
/// child process (loaded at run time; no compile-time reference), export/import through <see cref="WsusUtilRunner"/>.
/// </summary>
public sealed class WsusServer : IWsusServer
{
    private readonly IRegistryReader _registry;
    private readonly IProcessRunner _processes;
    private readonly WsusUtilRunner _wsusUtil;
    private readonly WsusServerOptions _options;
    private readonly ILogger _logger;

    public WsusServer(IRegistryReader registry, IProcessRunner processes, WsusUtilRunner wsusUtil, WsusServerOptions options, ILogger logger)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _processes = processes ?? throw new ArgumentNullException(nameof(processes));
        _wsusUtil = wsusUtil ?? throw new ArgumentNullException(nameof(wsusUtil));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<WsusServer>();
    }

    public WsusInstallationLookup LocateInstallation()
    {
        var lookup = WsusSetupRegistry.Read(_registry);
        if (lookup.Installation is { } found)
        {
            // wsusutil is our child: it stages in the temp folder of this account, with our runner's overrides.
            var installation = found with { WsusUtilTempFolder = _wsusUtil.TempFolder };
            lookup = WsusInstallationLookup.Found(installation);
            _logger.Debug(
                "WSUS {Version} found: content {ContentDirectory}, wsusutil {WsusUtilPath} (present: {WsusUtilExists}), database {SqlServerName}, port {Port}, SSL {UsingSsl}, wsusutil temp folder {TempFolder}",
                installation.Version, installation.ContentDirectory, installation.WsusUtilPath, installation.WsusUtilExists,
                installation.SqlServerName, installation.PortNumber, installation.UsingSsl, installation.WsusUtilTempFolder);
        }
        else
        {
            _logger.Debug("WSUS not found: {Problem}", lookup.Problem);
        }

        return lookup;
    }

    public async Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var lookup = LocateInstallation();
        if (!lookup.IsInstalled)
        {
            throw new WsusQueryException(lookup.Problem);
        }

        var launch = new ProcessLaunch(_options.PowerShellPath,
            ["-NoLogo", "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-EncodedCommand", EncodeCommand(WsusStatusScript.Text)])
        {
            Timeout = _options.StatusQueryTimeout,
            OutputEncoding = Encoding.UTF8,
        };

        ProcessOutcome outcome;
        try
        {
            outcome = await _processes.RunAsync(launch, cancellationToken).ConfigureAwait(false);
        }
        catch (ProcessStartException exception)
        {
            throw new WsusQueryException(
                $"Could not start Windows PowerShell ({_options.PowerShellPath}) to query WSUS: {exception.Message} Check that Windows PowerShell 5.1 is present on {Environment.MachineName}.",
                exception);
        }

        _logger.Debug("WSUS status query (PowerShell, process {ProcessId}) took {Duration}, exit code {ExitCode}",
            outcome.ProcessId, outcome.Duration, outcome.ExitCode);
        if (outcome.TimedOut)
        {
            throw new WsusQueryException(
                $"The WSUS status query on {Environment.MachineName} did not answer within {_options.StatusQueryTimeout} and was stopped. "
                + "Check that the WsusService and the WSUS database (SQL Server or Windows Internal Database) are running.");
        }

        if (outcome.ExitCode != 0)
        {
            var error = FirstLines(outcome.StandardError);
            throw new WsusQueryException(outcome.ExitCode switch
            {
                WsusStatusScript.ApiMissingExitCode =>
                    $"The WSUS administration API is not installed on {Environment.MachineName}: {error} Run this on the WSUS server (or install the WSUS API and tools feature).",
                WsusStatusScript.ApiFailedExitCode =>
                    $"The WSUS administration API on {Environment.MachineName} failed: {error} Check that the WsusService and its database are running and that you run elevated as a local Administrator.",
                _ => $"The WSUS status query (Windows PowerShell) on {Environment.MachineName} ended with exit code {outcome.ExitCode.ToString(CultureInfo.InvariantCulture)}: {error}",
            });
        }

        var status = WsusStatusJson.Parse(outcome.StandardOutput);
        _logger.Debug(
            "WSUS status: languages {Languages}, express files {ExpressFiles}, replica {IsReplica}, synchronizing {IsSynchronizing}, last synchronization {Outcome} ended {EndTime}",
            status.Settings.DescribeLanguages(), status.Settings.ExpressFiles, status.Settings.IsReplica, status.IsSynchronizing,
            status.LastSynchronization.Outcome, status.LastSynchronization.EndTime);
        return status;
    }

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        _wsusUtil.RunAsync(RequireWsusUtil(), WsusUtilOperation.Export, packagePath, logPath, cancellationToken);

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        _wsusUtil.RunAsync(RequireWsusUtil(), WsusUtilOperation.Import, packagePath, logPath, cancellationToken);

    private string RequireWsusUtil()
    {
        var lookup = LocateInstallation();
        return lookup.Installation switch
        {
            null => throw new WsusQueryException(lookup.Problem),
            { WsusUtilExists: false } installation => throw new WsusQueryException(
                $"WsusUtil.exe is missing at {installation.WsusUtilPath}. Repair the WSUS role so its Tools folder is complete."),
            var installation => installation.WsusUtilPath,
        };
    }

    /// <summary>PowerShell's <c>-EncodedCommand</c> takes Base64 of UTF-16LE: no quoting of the script through the command line.</summary>
    internal static string EncodeCommand(string script) => Convert.ToBase64String(Encoding.Unicode.GetBytes(script));

    private static string FirstLines(string text)
    {
        var lines = text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).Where(l => l.Length > 0).Take(3).ToList();
        return lines.Count == 0 ? "(no error output)" : string.Join(" ", lines);
    }
}
