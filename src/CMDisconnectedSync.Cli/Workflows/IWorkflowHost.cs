using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;
using Serilog;

namespace CMDisconnectedSync.Cli.Workflows;

/// <summary>
/// Where the export/import/status verbs get their ports: the real Windows adapters (<see cref="WindowsWorkflowHost"/>)
/// or, in tests, lab stand-ins. The verbs only parse, compose through this, run the Core workflow and render.
/// </summary>
public interface IWorkflowHost
{
    /// <summary>The workflow services for this invocation (with <paramref name="site"/> when one was connected).</summary>
    WorkflowServices Compose(ILogger logger, IConfigMgrSite? site);

    /// <summary>Connects to the ConfigMgr site named by <c>--site-server</c>.</summary>
    IConfigMgrSiteConnector SiteConnector(ILogger logger);

    /// <summary>Times the workflows (journal, sync wait).</summary>
    TimeProvider Clock { get; }
}
