using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;
using Serilog;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

/// <summary>
/// Composes the CLI's workflows from a lab WSUS (real wsusutil-lab child process), an elevated process, roomy NTFS
/// volumes and, when given, a fake ConfigMgr site: the CLI under test is the real one, only the ports are stand-ins.
/// </summary>
internal sealed class LabWorkflowHost(WsusUtilLabServer wsus, FakeTimeProvider clock, IConfigMgrSite? site = null) : IWorkflowHost
{
    public TimeProvider Clock => clock;

    public WsusUtilLabServer Wsus => wsus;

    public WorkflowServices Compose(ILogger logger, IConfigMgrSite? connected) =>
        new(wsus, new Elevated(), new RoomyNtfs(), clock, logger, connected);

    public IConfigMgrSiteConnector SiteConnector(ILogger logger) =>
        new Connector(site ?? throw new InvalidOperationException("This lab host has no ConfigMgr site."));

    private sealed class Elevated : IElevation
    {
        public bool IsElevatedAdministrator() => true;
    }

    private sealed class RoomyNtfs : IVolumeInspector
    {
        public VolumeState Inspect(string path) => new(Path.GetPathRoot(Path.GetFullPath(path)) ?? "/", long.MaxValue / 4, "NTFS", true);
    }

    private sealed class Connector(IConfigMgrSite site) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) => Task.FromResult(site);
    }
}
