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

    [TestMethod]
    public void FindLaunched_ARunningProcessWithTheArgument_IsFoundByItsCommandLine()
    {
        if (!File.Exists("/proc/self/cmdline"))
        {
            Assert.Inconclusive("No procfs here: the command line search is Linux's.");
        }

        var argument = "/var/lib/cmdsync/staging/import-" + Guid.NewGuid().ToString("N") + " with space.log";
        using var launched = Sleeper.StartWithArgument(argument);
        using var other = Sleeper.Start();

        // sh forks its sleep, and until the child has exec'd it is a copy of sh with the same command line: found too,
        // rightly (a clean-clone CI caught that moment and saw 2). Once it has exec'd, only the launched sh remains.
        var mark = new ProcessLaunchMark("sh", argument, DateTime.UtcNow.AddMinutes(-1).Ticks);
        var found = CreateSut().FindLaunched(mark);
        for (var tries = 0; found.Count != 1 && tries < 100; tries++)
        {
            Thread.Sleep(50);
            found = CreateSut().FindLaunched(mark);
        }

        Assert.HasCount(1, found);
        Assert.AreEqual(CreateSut().Find(launched.Id), found[0]);
        Assert.IsEmpty(CreateSut().FindLaunched(new ProcessLaunchMark("sh", argument + ".other", DateTime.UtcNow.Ticks)), "only the exact argument counts");
        launched.Kill(entireProcessTree: true);
        launched.WaitForExit();
        Assert.IsEmpty(CreateSut().FindLaunched(new ProcessLaunchMark("sh", argument, DateTime.UtcNow.Ticks)), "an ended process is not found");
    }

    [TestMethod]
    public void FindLaunched_WithoutProcFs_FindsTheProgramsProcessesStartedSinceTheLaunch()
    {
        // Windows' branch (no command lines in the process table): by program name and start time. Run here through
        // the same Process API by pointing the procfs root at a folder without self/stat.
        var beforeStart = DateTime.UtcNow.Ticks;
        using var sleeper = Sleeper.Start();
        var image = OperatingSystem.IsWindows() ? "powershell.exe" : "sleep";
        var sut = new RunningProcesses(Path.Combine(Path.GetTempPath(), "no-procfs-" + Guid.NewGuid().ToString("N")));

        var sinceBefore = sut.FindLaunched(new ProcessLaunchMark(image, "unused", beforeStart));
        var sinceLater = sut.FindLaunched(new ProcessLaunchMark(image, "unused", DateTime.UtcNow.AddMinutes(5).Ticks));

        CollectionAssert.Contains(sinceBefore.Select(p => p.ProcessId).ToList(), sleeper.Id);
        CollectionAssert.DoesNotContain(sinceLater.Select(p => p.ProcessId).ToList(), sleeper.Id, "a process started before the launch is not the launched one");
    }

    [TestMethod]
    public void ParseCommandLine_NullSeparatedWithTrailingNull_GivesTheArguments()
    {
        // proc_pid_cmdline(5): arguments separated by null bytes, with a null byte after the last.
        var bytes = System.Text.Encoding.UTF8.GetBytes("/usr/bin/wsusutil-lab\0import\0/tmp/a b/pkg.xml.gz\0/tmp/a b/import.log\0");

        CollectionAssert.AreEqual(new[] { "/usr/bin/wsusutil-lab", "import", "/tmp/a b/pkg.xml.gz", "/tmp/a b/import.log" }, RunningProcesses.ParseCommandLine(bytes).ToArray());
        Assert.IsEmpty(RunningProcesses.ParseCommandLine([]));
    }

    [TestMethod]
    public void LaunchMark_JournalDetail_RoundTripsAnyPath_AndAnythingElseIsNull()
    {
        var mark = new ProcessLaunchMark("WsusUtil.exe", @"D:\State\staging\import ""x"" 20261207.log", 639_000_000_000_000_000);

        Assert.AreEqual(mark, ProcessLaunchMark.FromJournalDetail(mark.ToJournalDetail()));
        Assert.IsNull(ProcessLaunchMark.FromJournalDetail(new ProcessStamp(4242, "proc-ticks:1").ToJournalDetail()));
        Assert.IsNull(ProcessLaunchMark.FromJournalDetail("launching {\"image\":\"WsusUtil.exe\""));
        Assert.IsNull(ProcessLaunchMark.FromJournalDetail("launching {\"image\":\"WsusUtil.exe\",\"argument\":\"\",\"notBeforeUtcTicks\":5}"));
        Assert.IsNull(ProcessStamp.FromJournalDetail(mark.ToJournalDetail()));
        Assert.IsNull(ProcessLaunchMark.FromJournalDetail(null));
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

        /// <summary>
        /// A shell that sleeps and carries <paramref name="argument"/> as its <c>$0</c>, so the argument is in its
        /// <c>/proc/&lt;pid&gt;/cmdline</c> (the trailing <c>:</c> keeps the shell from replacing itself with sleep).
        /// </summary>
        public static Process StartWithArgument(string argument)
        {
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            foreach (var part in new[] { "-c", "sleep 300; :", argument })
            {
                start.ArgumentList.Add(part);
            }

            return Process.Start(start)!;
        }
    }
}
