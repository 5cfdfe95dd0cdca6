using System.Diagnostics;
using CMDisconnectedSync.Processes;

namespace CMDisconnectedSync.Core.Tests.Processes;

[TestClass]
public sealed class RunningProcessesTests
{
    private static RunningProcesses CreateSut() => new();

    [TestMethod]
    public void Find_ARunningProcess_ReturnsTheSameStampEveryTime()
    {
        using var sleeper = Sleeper.Start();

        var first = CreateSut().Find(sleeper.Id);
        var second = CreateSut().Find(sleeper.Id);

        Assert.IsNotNull(first);
        Assert.AreEqual(sleeper.Id, first.ProcessId);
        Assert.AreEqual(first, second, "the start marker must not move between reads (it identifies the process)");
    }

    [TestMethod]
    public void Find_AProcessThatEnded_ReturnsNull()
    {
        using var sleeper = Sleeper.Start();
        var id = sleeper.Id;
        sleeper.Kill(entireProcessTree: true);
        sleeper.WaitForExit();

        Assert.IsNull(CreateSut().Find(id));
    }

    [TestMethod]
    public void Find_TwoProcessesStartedOneAfterTheOther_HaveDifferentStartMarkersOrIds()
    {
        using var first = Sleeper.Start();
        Thread.Sleep(50);
        using var second = Sleeper.Start();

        Assert.AreNotEqual(CreateSut().Find(first.Id), CreateSut().Find(second.Id));
    }

    [TestMethod]
    public void ParseProcStat_CommandNameWithSpacesAndParentheses_ReadsStartTimeAfterTheLastParenthesis()
    {
        // proc_pid_stat(5): pid (comm) state ppid … field 22 starttime; comm may hold ") (" itself.
        var line = "4242 (wsus (lab) util) S 1 4242 4242 0 -1 4194304 100 0 0 0 1 2 0 0 20 0 1 0 987654321 1000 100 18446744073709551615";

        var stamp = RunningProcesses.ParseProcStat(4242, line);

        Assert.AreEqual(new ProcessStamp(4242, "proc-ticks:987654321"), stamp);
    }

    [TestMethod]
    [DataRow("Z")]
    [DataRow("X")]
    public void ParseProcStat_ZombieOrDead_IsNotRunning(string state)
    {
        var line = $"4242 (wsusutil-lab) {state} 1 4242 4242 0 -1 4194304 100 0 0 0 1 2 0 0 20 0 1 0 987654321 1000";

        Assert.IsNull(RunningProcesses.ParseProcStat(4242, line));
    }

    [TestMethod]
    public void JournalDetail_RoundTrips_AndAnythingElseIsNull()
    {
        var stamp = new ProcessStamp(31337, "proc-ticks:12345");

        Assert.AreEqual(stamp, ProcessStamp.FromJournalDetail(stamp.ToJournalDetail()));
        Assert.IsNull(ProcessStamp.FromJournalDetail("pid=0 start=proc-ticks:1"));
        Assert.IsNull(ProcessStamp.FromJournalDetail("pid=12 start="));
        Assert.IsNull(ProcessStamp.FromJournalDetail("sequence 5 accepted"));
        Assert.IsNull(ProcessStamp.FromJournalDetail(null));
    }

    /// <summary>A real child process that runs until killed (the stand-in for a wsusutil that outlived its cmdsync).</summary>
    internal static class Sleeper
    {
        public static Process Start()
        {
            var start = OperatingSystem.IsWindows()
                ? new ProcessStartInfo("powershell", "-NoProfile -Command Start-Sleep -Seconds 300")
                : new ProcessStartInfo("sleep", "300");
            start.UseShellExecute = false;
            return Process.Start(start)!;
        }
    }
}
