using CMDisconnectedSync.Doctor;
using Serilog;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>The machine a check reads, and the name its report carries.</summary>
/// <param name="MachineName">The computer's name as the report shows it.</param>
/// <param name="Seams">How the checks read it (this machine's adapters, or a lab server's).</param>
public sealed record CheckedServer(string MachineName, DoctorSeams Seams);

/// <summary>
/// "Check this server" over the doctor: the same check list (<see cref="DoctorChecks.Standard"/>), runner and report
/// renderings as <c>cmdsync doctor</c>, against the site the window was opened for. Read-only.
/// </summary>
public sealed class DoctorServerCheck : Ui.IServerCheck
{
    private readonly Func<Ui.ServerSide, CheckedServer> _servers;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <param name="servers">The machine to check as each side (on a real server, this machine for both).</param>
    /// <param name="clock">Stamps the report.</param>
    /// <param name="logger">Each finding is logged, like the CLI's.</param>
    public DoctorServerCheck(Func<Ui.ServerSide, CheckedServer> servers, TimeProvider clock, ILogger logger)
    {
        _servers = servers ?? throw new ArgumentNullException(nameof(servers));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The version the report names: the product version every assembly of the build carries.</summary>
    public static string ToolVersion => typeof(DoctorServerCheck).Assembly.GetName().Version!.ToString(3);

    /// <summary>On the thread pool: the checks read the registry, files and the SMS Provider synchronously in places, and the window calls this from its UI thread.</summary>
    /// <remarks>Without a site (an export WSUS server outside the hierarchy) the doctor runs as <c>cmdsync doctor</c> without <c>--site-server</c>.</remarks>
    public Task<Ui.ServerCheckReport> CheckAsync(Ui.ServerSide side, Ui.SiteTarget? site, CancellationToken cancellationToken) =>
        Task.Run(() => CheckOnPoolAsync(side, site, cancellationToken), cancellationToken);

    private async Task<Ui.ServerCheckReport> CheckOnPoolAsync(Ui.ServerSide side, Ui.SiteTarget? site, CancellationToken cancellationToken)
    {
        var server = _servers(side);
        var options = new DoctorOptions(OperationsMapper.ToCore(side), site?.SiteServer, ConsolePath: null);
        _logger.Information("Checking {Machine} as the {Side} server of {Site}", server.MachineName, options.Side, site?.Describe() ?? "no site");
        var report = await new DoctorRunner(_clock, _logger)
            .RunAsync(server.MachineName, options.Side, ToolVersion, DoctorChecks.Standard(server.Seams, options), cancellationToken)
            .ConfigureAwait(false);
        return OperationsMapper.ToUi(report);
    }
}
