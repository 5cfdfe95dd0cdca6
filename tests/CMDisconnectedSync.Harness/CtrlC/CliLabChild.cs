using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Host;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Processes;
using Serilog;

namespace CMDisconnectedSync.Harness.CtrlC;

/// <summary>
/// <c>cmdsync-harness cli-lab &lt;lab folder&gt; &lt;cmdsync arguments…&gt;</c>: the real <c>cmdsync</c> command line
/// (<see cref="CliApplication.RunAsync(string[], TextWriter, TextWriter, IWorkflowHost)"/>: System.CommandLine's Ctrl+C
/// handling, the export/import verbs, their exit codes and messages) in a process of its own, exactly as
/// <c>cmdsync</c>'s <c>Program.Main</c> runs it, except that the workflows' ports are a <see cref="LabEnvironment"/>'s
/// servers instead of the Windows ones (on Linux the shipped composition has no WSUS and stops with exit 40).
/// <c>export</c> runs on the lab export server, every other verb on the disconnected server and the lab site.
/// </summary>
internal static class CliLabChild
{
    public const string Mode = "cli-lab";

    public static Task<int> RunAsync(string labFolder, string[] cmdsyncArguments) =>
        CliApplication.RunAsync(cmdsyncArguments, Console.Out, Console.Error,
            new LabWorkflowHost(LabEnvironment.Open(labFolder), onExportServer: cmdsyncArguments.FirstOrDefault() == "export"));

    /// <summary>
    /// The lab's WSUS server (its <c>wsus-settings.json</c>, including the <c>WsusUtilFault</c> cue, and the real
    /// <c>wsusutil-lab</c> child process run by the product's <see cref="ProcessRunner"/>), an elevated lab admin,
    /// roomy NTFS lab volumes and the lab ConfigMgr site.
    /// </summary>
    private sealed class LabWorkflowHost(LabEnvironment lab, bool onExportServer) : IWorkflowHost
    {
        public TimeProvider Clock => TimeProvider.System;

        public WorkflowServices Compose(ILogger logger, IConfigMgrSite? site) => new(
            new LabWsusServer(onExportServer ? lab.ExportServer : lab.DisconnectedServer, LabWsusUtilProgram.Locate(), new ProcessRunner(), logger),
            new LabElevation(),
            new LabVolumeInspector(),
            Clock,
            logger,
            site)
        {
            StateFolders = StateFolderProtections.ForLab(),
        };

        public IConfigMgrSiteConnector SiteConnector(ILogger logger) =>
            new LabConfigMgrSiteConnector(lab.SiteFolder, lab.DisconnectedServer, Clock, logger);
    }
}
