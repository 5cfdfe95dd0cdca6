using System.Diagnostics;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Harness.CtrlC;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.Tests.CtrlC;

/// <summary>
/// Issue 19, orphaned wsusutil, with the parent killed for real: the real <c>cmdsync import</c>/<c>export</c> command
/// line (<see cref="CliLabChild"/>) runs the lab's <c>wsusutil-lab</c> cued to hang; once that wsusutil is seen in
/// <c>/proc</c> as cmdsync's child, cmdsync alone gets SIGKILL (no handler, no finally: what Task Manager or an
/// out-of-memory kill does). On Linux nothing ends the child with it (Windows' kill-on-close Job Object would), so
/// the wsusutil keeps running. The rerun must refuse with exit 5 naming that process and what to do, start no second
/// wsusutil, and once the orphan is ended, resume and finish. Inconclusive where there is no /proc, kill or setsid.
/// </summary>
[TestClass]
public sealed class OrphanedWsusUtilTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private CliLabSession? _session;
    private LabEnvironment _lab = null!;

    [TestInitialize]
    public async Task CreateLabAsync()
    {
        _session = await CliLabSession.CreateAsync("orphan", "Orphaned wsusutil");
        _lab = _session.Lab;
    }

    public void Dispose() => _session?.Dispose();

    private string Bundle => _session!.Bundle;

    [TestMethod]
    [DataRow("import")]
    [DataRow("export")]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Rerun_AfterCmdsyncWasKilledWhileWsusUtilRuns_RefusedWithExit5NamingThePidThenResumesOnceItIsEnded(string workflow)
    {
        var import = workflow == "import";
        if (import)
        {
            var exported = await CliLabProcess.RunAsync(_lab.Root, _session!.ExportArguments(), StartTimeout);
            Assert.AreEqual(ExitCodes.Success, exported.ExitCode, exported.Output + exported.Error);
        }

        var server = import ? _lab.DisconnectedServer : _lab.ExportServer;
        var arguments = import ? _session!.ImportArguments() : _session!.ExportArguments();
        CliLabSession.CueWsusUtil(server, "hang");
        int orphan;
        using (var cmdsync = CliLabProcess.Start(_lab.Root, arguments))
        {
            orphan = await cmdsync.WaitForChildAsync(LabWsusUtilProgram.ProgramName, StartTimeout)
                ?? throw new AssertFailedException($"wsusutil-lab never ran under cmdsync:{Environment.NewLine}{cmdsync.Output}{cmdsync.Error}");
            using (var parent = Process.GetProcessById(cmdsync.Id))
            {
                // SIGKILL to cmdsync alone (Process.Kill without the tree).
                parent.Kill();
                await parent.WaitForExitAsync();
            }
        }

        try
        {
            Assert.IsTrue(ProcFs.IsRunning(orphan, LabWsusUtilProgram.ProgramName), "the lab wsusutil should have outlived the killed cmdsync (Linux has no kill-on-close job)");
            CliLabSession.CueWsusUtil(server, null);
            var journal = WorkflowJournal.Peek(import ? WorkflowJournalFiles.ImportJournal(_lab.DisconnectedStateFolder) : WorkflowJournalFiles.ExportJournal(_lab.ExportStateFolder))!;
            // The kill lands as soon as the child shows in /proc: before or after the journal line with its id. Either
            // way the journal knows it: by that id and start time, or (killed in between) by the launch mark written
            // before the start, whose unique log path is on the orphan's command line.
            var recordedById = journal.StartedProcesses.Any(p => p.Process.ProcessId == orphan);
            var foundByLaunch = journal.UnrecordedLaunches.Any(l => new RunningProcesses().FindLaunched(l.Launch).Any(p => p.ProcessId == orphan));
            Assert.IsTrue(recordedById || foundByLaunch, "the journal recorded the wsusutil the killed run started");

            var refused = await CliLabProcess.RunAsync(_lab.Root, arguments, StartTimeout);

            Assert.AreEqual(ExitCodes.FileSystemFailed, refused.ExitCode, refused.Output + refused.Error);
            StringAssert.Contains(refused.Error, $"process {orphan}");
            StringAssert.Contains(refused.Error, "Wait for process");
            Assert.AreEqual(1, ProcFs.Mentioning(_lab.Root).Count(id => ProcFs.IsRunning(id, LabWsusUtilProgram.ProgramName)), "no second wsusutil was started beside the orphan");
        }
        finally
        {
            if (ProcFs.IsRunning(orphan, LabWsusUtilProgram.ProgramName))
            {
                using var process = Process.GetProcessById(orphan);
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        var resumed = await CliLabProcess.RunAsync(_lab.Root, arguments, StartTimeout);

        Assert.AreEqual(ExitCodes.Success, resumed.ExitCode, resumed.Output + resumed.Error);
        if (import)
        {
            var content = await LabContentComparison.CompareAsync(_lab.ExportServer.ContentDirectory, _lab.DisconnectedServer.ContentDirectory, CancellationToken.None);
            Assert.IsTrue(content.Identical, string.Join(Environment.NewLine, content.Differences.Take(5)));
            Assert.AreEqual(1L, (await new DisconnectedStateStore(_lab.DisconnectedStateFolder, TimeProvider.System, StateFolderProtections.ForThisComputer()).LoadAcceptedAsync(CancellationToken.None)).LastAccepted?.Sequence);
            StringAssert.Contains(resumed.Output, "Copy content into WsusContent  already done in an earlier run");
        }
        else
        {
            Assert.IsNotNull(BundleManifestLocator.TryFind(Bundle));
            Assert.AreEqual(1L, (await new ExportChainStore(_lab.ExportStateFolder, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None))?.LastSequence);
        }
    }
}
