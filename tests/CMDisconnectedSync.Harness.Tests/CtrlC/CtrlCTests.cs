using System.Diagnostics;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.Harness.CtrlC;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Harness.Tests.CtrlC;

/// <summary>
/// Ctrl+C end to end: the real <c>cmdsync export</c> / <c>cmdsync import</c> command line in a process of its own gets
/// SIGINT while the lab's <c>wsusutil-lab</c> (cued to hang through the lab server's <c>wsus-settings.json</c>
/// <c>WsusUtilFault</c>) runs as its child, then the same command is rerun with the cue removed.
/// <para>
/// Why a harness child and not <c>dotnet cmdsync.dll</c>: on Linux the shipped composition has no WSUS (export and
/// import stop with exit 40), and <c>cmdsync demo</c> builds a fresh lab in an empty folder on every run, so a demo
/// cannot be resumed (and its <c>--wsusutil-fault</c> offers no hang). The child (<see cref="CliLabChild"/>) runs the
/// same <see cref="CliApplication.RunAsync(string[], TextWriter, TextWriter, IWorkflowHost)"/> that <c>cmdsync</c>'s Main
/// runs: System.CommandLine's SIGINT handling and its 30 s termination timeout, the verbs, exit codes and messages,
/// the product's process runner stopping wsusutil. Only the ports are the lab's servers (what <c>cmdsync demo</c> uses).
/// </para>
/// <para>
/// Deterministic: the signal is sent only once the hung wsusutil-lab is seen in <c>/proc</c> as cmdsync's child, and a
/// hung wsusutil never finishes by itself, so no sleep races a fast run. Two ways the signal arrives: to cmdsync alone
/// (<c>kill -INT pid</c>, so cmdsync must stop wsusutil itself) and to the process group (what a terminal's Ctrl+C
/// does: wsusutil gets SIGINT too). Inconclusive where there is no /proc, <c>kill</c> or <c>setsid</c> (Windows).
/// </para>
/// </summary>
[TestClass]
public sealed class CtrlCTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Longer than the CLI's 30 s ProcessTerminationTimeout, after which System.CommandLine would exit 130 instead of ours.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(45);

    private CliLabSession? _session;
    private LabEnvironment _lab = null!;

    [TestInitialize]
    public async Task CreateLabAsync()
    {
        _session = await CliLabSession.CreateAsync("ctrlc", "Ctrl+C");
        _lab = _session.Lab;
    }

    public void Dispose() => _session?.Dispose();

    private string Bundle => _session!.Bundle;

    [TestMethod]
    [DataRow(Interruption.ProcessOnly)]
    [DataRow(Interruption.ProcessGroup)]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Import_CtrlCWhileWsusUtilRuns_ExitsCancelledAndRerunResumesAfterTheCopiedContent(Interruption how)
    {
        var exported = await CliLabProcess.RunAsync(_lab.Root, _session!.ExportArguments(), StartTimeout);
        Assert.AreEqual(ExitCodes.Success, exported.ExitCode, exported.Output + exported.Error);
        CliLabSession.CueWsusUtil(_lab.DisconnectedServer, "hang");

        var interrupted = await InterruptWhileWsusUtilRunsAsync(_session!.ImportArguments(), how);

        var journal = WorkflowJournalFiles.ImportJournal(_lab.DisconnectedStateFolder);
        var stopped = WorkflowJournal.Peek(journal)!;
        Assert.IsTrue(stopped.IsCompleted(ImportWorkflow.CopyStep), "copy-content should have finished before wsusutil import ran: " + interrupted);
        Assert.AreEqual(JournalEvent.Failed, stopped.LastEventOf(ImportWorkflow.WsusUtilStep), interrupted);
        Assert.AreEqual("cancelled", stopped.Entries.Last(e => e.Step == ImportWorkflow.WsusUtilStep).Detail, interrupted);
        // Nothing half-written under a final name: WsusContent holds exactly the export server's bytes, wsusutil wrote
        // nothing into the WSUS database, and the bundle's sequence is not recorded as accepted.
        var content = await LabContentComparison.CompareAsync(_lab.ExportServer.ContentDirectory, _lab.DisconnectedServer.ContentDirectory, CancellationToken.None);
        Assert.IsTrue(content.Identical, string.Join(Environment.NewLine, content.Differences.Take(5)));
        Assert.IsFalse(File.Exists(_lab.DisconnectedServer.DatabasePath), "the hung wsusutil import must not have written " + _lab.DisconnectedServer.DatabasePath);
        Assert.IsNull((await new DisconnectedStateStore(_lab.DisconnectedStateFolder, TimeProvider.System, StateFolderProtections.ForThisComputer()).LoadAcceptedAsync(CancellationToken.None)).LastAccepted);

        CliLabSession.CueWsusUtil(_lab.DisconnectedServer, null);
        var rerun = await CliLabProcess.RunAsync(_lab.Root, _session!.ImportArguments(), StartTimeout);

        Assert.AreEqual(ExitCodes.Success, rerun.ExitCode, rerun.Output + rerun.Error);
        StringAssert.Contains(rerun.Output, "Copy content into WsusContent  already done in an earlier run");
        StringAssert.Contains(rerun.Output, "Resumed   " + ImportWorkflow.CopyStep + " finished in an earlier run");
        var finished = WorkflowJournal.Peek(journal)!;
        Assert.IsTrue(finished.IsFinished, "the rerun should finish the journal's run");
        // The copy journals each committed batch as a Started line of its step ("committed files …"); the step itself
        // started once, in the interrupted run.
        Assert.AreEqual(1, finished.Entries.Count(e => e.Step == ImportWorkflow.CopyStep && e.Event == JournalEvent.Started
            && !(e.Detail ?? string.Empty).StartsWith("committed ", StringComparison.Ordinal)), "the rerun copied the content again");
        Assert.AreEqual(2, finished.Entries.Count(e => e.Step == ImportWorkflow.WsusUtilStep && e.Event == JournalEvent.Started));
        Assert.IsTrue(File.Exists(_lab.DisconnectedServer.DatabasePath), "the rerun's wsusutil import should have written " + _lab.DisconnectedServer.DatabasePath);
        Assert.AreEqual(1L, (await new DisconnectedStateStore(_lab.DisconnectedStateFolder, TimeProvider.System, StateFolderProtections.ForThisComputer()).LoadAcceptedAsync(CancellationToken.None)).LastAccepted?.Sequence);
    }

    [TestMethod]
    [DataRow(Interruption.ProcessOnly)]
    [DataRow(Interruption.ProcessGroup)]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Export_CtrlCWhileWsusUtilRuns_ExitsCancelledLeavesNoBundleAndRerunFinishes(Interruption how)
    {
        CliLabSession.CueWsusUtil(_lab.ExportServer, "hang");

        var interrupted = await InterruptWhileWsusUtilRunsAsync(_session!.ExportArguments(), how);

        var journal = WorkflowJournalFiles.ExportJournal(_lab.ExportStateFolder);
        Assert.AreEqual(JournalEvent.Failed, WorkflowJournal.Peek(journal)!.LastEventOf(ExportWorkflow.WsusUtilStep), interrupted);
        // Nothing under a final name: no manifest (so no bundle anyone could carry across), no wsusutil package, no chain head.
        Assert.IsNull(BundleManifestLocator.TryFind(Bundle), interrupted);
        var staging = ExportWorkflow.StagingFolderFor(Bundle);
        Assert.IsEmpty(Directory.Exists(staging) ? Directory.GetFiles(staging, "*.xml.gz") : [], "the hung wsusutil export left a package in " + staging);
        Assert.IsNull(await new ExportChainStore(_lab.ExportStateFolder, StateFolderProtections.ForThisComputer()).LoadAsync(CancellationToken.None));

        CliLabSession.CueWsusUtil(_lab.ExportServer, null);
        var rerun = await CliLabProcess.RunAsync(_lab.Root, _session!.ExportArguments(), StartTimeout);

        Assert.AreEqual(ExitCodes.Success, rerun.ExitCode, rerun.Output + rerun.Error);
        var finished = WorkflowJournal.Peek(journal)!;
        Assert.IsTrue(finished.IsFinished, "the rerun should finish the journal's run");
        Assert.AreEqual(2, finished.Entries.Count(e => e.Step == ExportWorkflow.WsusUtilStep && e.Event == JournalEvent.Started));
        Assert.IsFalse(Directory.Exists(staging), "the finished export should remove its wsusutil staging folder " + staging);
        var demo = new LabDemo(_lab, LabWsusUtilProgram.Locate(), TimeProvider.System, Serilog.Core.Logger.None);
        var verification = await demo.VerifyAsync(demo.DisconnectedServices(), Bundle, CancellationToken.None);
        Assert.IsTrue(verification.Succeeded, verification.Cause);
    }

    /// <summary>
    /// The window System.CommandLine leaves open: it installs its Ctrl+C handler only once the verb's action first waits
    /// asynchronously, and the export verb reads its <c>--password-file</c> synchronously before that. A FIFO as the
    /// password file holds cmdsync in that read until the test writes the password, so the SIGINT lands in the window
    /// every time (without cmdsync's own listener it ended with 130). wsusutil is cued to hang, so a lost Ctrl+C cannot
    /// pass by finishing the export: it would run into the stop timeout.
    /// </summary>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Export_CtrlCBeforeTheVerbFirstWaits_ExitsCancelledAndRerunFinishes()
    {
        CliLabSession.CueWsusUtil(_lab.ExportServer, "hang");
        var fifo = _session!.Combine("password.fifo");
        CliLabProcess.MakeFifo(fifo);
        using var cmdsync = CliLabProcess.Start(_lab.Root, _session!.ExportArguments(fifo));

        // Opening a FIFO for writing returns once the reader has opened it: cmdsync is then blocked reading the password.
        var opening = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
        Assert.AreSame(opening, await Task.WhenAny(opening, Task.Delay(StartTimeout)), $"cmdsync never opened its password file:{Environment.NewLine}{cmdsync.Output}{cmdsync.Error}");
        using (var password = await opening)
        {
            cmdsync.Interrupt(Interruption.ProcessOnly);
            password.WriteByte((byte)'\n');
        }

        var exitCode = await cmdsync.WaitForExitAsync(StopTimeout);
        var output = $"exit {exitCode}{Environment.NewLine}{cmdsync.Output}{cmdsync.Error}";

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output);
        StringAssert.Contains(cmdsync.Error, "Cancelled. " + WorkflowVerbSupport.ResumeHint, output);
        Assert.IsEmpty(ProcFs.Mentioning(_lab.Root), "a process of the lab (wsusutil-lab) still runs after cmdsync exited. " + output);
        Assert.IsNull(BundleManifestLocator.TryFind(Bundle), output);

        CliLabSession.CueWsusUtil(_lab.ExportServer, null);
        var rerun = await CliLabProcess.RunAsync(_lab.Root, _session!.ExportArguments(), StartTimeout);

        Assert.AreEqual(ExitCodes.Success, rerun.ExitCode, rerun.Output + rerun.Error);
        Assert.IsNotNull(BundleManifestLocator.TryFind(Bundle));
    }

    /// <summary>
    /// Starts the command, waits for its hung wsusutil-lab child, sends SIGINT, and checks what every interrupted run
    /// must show: exit code 3, the resume hint, and no wsusutil left running. Returns the run's output for messages.
    /// </summary>
    private async Task<string> InterruptWhileWsusUtilRunsAsync(IReadOnlyList<string> arguments, Interruption how)
    {
        using var cmdsync = CliLabProcess.Start(_lab.Root, arguments);
        var wsusUtil = await cmdsync.WaitForChildAsync(LabWsusUtilProgram.ProgramName, StartTimeout);
        Assert.IsNotNull(wsusUtil, $"wsusutil-lab never ran under cmdsync (process {cmdsync.Id}):{Environment.NewLine}{cmdsync.Output}{cmdsync.Error}");

        var watch = Stopwatch.StartNew();
        cmdsync.Interrupt(how);
        var exitCode = await cmdsync.WaitForExitAsync(StopTimeout);
        var output = $"stopped {watch.Elapsed.TotalSeconds:0.0} s after SIGINT ({how}); exit {exitCode}{Environment.NewLine}{cmdsync.Output}{cmdsync.Error}";

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output);
        StringAssert.Contains(cmdsync.Error, "Cancelled. " + WorkflowVerbSupport.ResumeHint, output);
        if (ProcFs.IsRunning(wsusUtil.Value, LabWsusUtilProgram.ProgramName))
        {
            // Stop the orphan this failed run left, then report it.
            using (var orphan = Process.GetProcessById(wsusUtil.Value))
            {
                orphan.Kill();
            }

            Assert.Fail($"wsusutil-lab (process {wsusUtil}) was still running after cmdsync exited. {output}");
        }
        return output;
    }
}
