using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab.Wsus;
using Serilog;

namespace CMDisconnectedSync.Lab.ConfigMgr;

/// <summary>Connects to the lab site: the one provider server the lab has (or, with no name given, that one).</summary>
public sealed class LabConfigMgrSiteConnector : IConfigMgrSiteConnector
{
    private readonly string _siteFolder;
    private readonly LabWsusServerFolder _wsus;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public LabConfigMgrSiteConnector(string siteFolder, LabWsusServerFolder wsus, TimeProvider clock, ILogger logger)
    {
        _siteFolder = siteFolder ?? throw new ArgumentNullException(nameof(siteFolder));
        _wsus = wsus ?? throw new ArgumentNullException(nameof(wsus));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var site = new LabConfigMgrSite(_siteFolder, _wsus, _clock, _logger);
        if (siteServer is not null && !string.Equals(siteServer, site.ProviderServer, StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable,
                $"The lab has no SMS Provider named '{siteServer}'; its only site server is {site.ProviderServer}. Use that name or leave the site server out.");
        }

        return Task.FromResult<IConfigMgrSite>(site);
    }
}
