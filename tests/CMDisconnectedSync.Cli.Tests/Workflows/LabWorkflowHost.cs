using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

/// <summary>
/// Composes the CLI's workflows from a lab WSUS (real wsusutil-lab child process), an elevated process, roomy NTFS
/// volumes and, when given, a fake ConfigMgr site: the CLI under test is the real one, only the ports are stand-ins.
/// </summary>
/// <param name="consoleLastConnection">
/// The server the ConfigMgr console last connected to (what the real connector uses without --site-server); null: the
/// console has none, and connecting without a server fails as the real connector does.
/// </param>
internal sealed class LabWorkflowHost(WsusUtilLabServer wsus, FakeTimeProvider clock, IConfigMgrSite? site = null, string? consoleLastConnection = null) : IWorkflowHost
{
    public TimeProvider Clock => clock;

    public WsusUtilLabServer Wsus => wsus;

    public WorkflowServices Compose(ILogger logger, IConfigMgrSite? connected) =>
        new(wsus, new Elevated(), new RoomyNtfs(), clock, logger, connected) { StateFolders = StateFolderProtections.ForThisComputer() };

    public IConfigMgrSiteConnector SiteConnector(ILogger logger) => new Connector(site, consoleLastConnection);

    private sealed class Elevated : IElevation
    {
        public bool IsElevatedAdministrator() => true;
    }

    private sealed class RoomyNtfs : IVolumeInspector
    {
        public VolumeState Inspect(string path) => new(Path.GetPathRoot(Path.GetFullPath(path)) ?? "/", long.MaxValue / 4, "NTFS", true);
    }

    private sealed class Connector(IConfigMgrSite? site, string? consoleLastConnection) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken)
        {
            if (siteServer is null && consoleLastConnection is null)
            {
                // The words of the real ConfigMgrConsoleLocator.ResolveSiteServer.
                throw new ConfigMgrException(ConfigMgrFailure.SiteServerUnknown,
                    "No site server given and the ConfigMgr console on LAB has no recent connection. Name the SMS Provider server with --site-server.");
            }

            return Task.FromResult(site ?? throw new InvalidOperationException("This lab host has no ConfigMgr site."));
        }
    }
}
