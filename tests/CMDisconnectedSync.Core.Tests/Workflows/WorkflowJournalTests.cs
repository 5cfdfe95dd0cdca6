using System.Text;
using CMDisconnectedSync.Processes;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Workflows;

[TestClass]
public sealed class WorkflowJournalTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 30, 0, TimeSpan.Zero);
    private string _root = null!;
    private FakeTimeProvider _clock = null!;

    private string JournalPath => Path.Combine(_root, "state", "import.journal");

    [TestInitialize]
    public void CreateRoot()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-journal-").FullName;
        _clock = new FakeTimeProvider(Start);
    }

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private WorkflowJournal CreateSut(string runKey = "bundle-42") => WorkflowJournal.Open(JournalPath, "import", runKey, _clock);

    [TestMethod]
    public void Open_NoFile_StartsEmptyJournalOnDisk()
    {
        var journal = CreateSut();

        Assert.IsEmpty(journal.Entries);
        Assert.IsTrue(File.Exists(JournalPath));
    }

    [TestMethod]
    public void Open_SameRunAgain_ReadsBackEveryEntryWithTimeAndDetail()
    {
        var first = CreateSut();
        first.MarkStarted("verify");
        _clock.Advance(TimeSpan.FromSeconds(5));
        first.MarkCompleted("verify", "signer 3F2A");
        first.MarkStarted("install-content");
        first.MarkFailed("install-content", "disk full on D:");

        var reopened = CreateSut();

        Assert.HasCount(4, reopened.Entries);
        Assert.IsTrue(reopened.IsCompleted("verify"));
        Assert.AreEqual("signer 3F2A", reopened.CompletionDetailOf("verify"));
        Assert.AreEqual(Start.AddSeconds(5), reopened.Entries[1].AtUtc);
        Assert.IsFalse(reopened.IsCompleted("install-content"));
        Assert.AreEqual(JournalEvent.Failed, reopened.LastEventOf("install-content"));
        Assert.AreEqual("disk full on D:", reopened.Entries[3].Detail);
    }

    [TestMethod]
    public void IsCompleted_StartedAgainAfterCompletion_IsFalse()
    {
        var journal = CreateSut();
        journal.MarkCompleted("wsus-import");
        journal.MarkStarted("wsus-import");

        Assert.IsFalse(journal.IsCompleted("wsus-import"));
    }

    [TestMethod]
    public void Open_OtherRunKey_SetsOldJournalAsideAndStartsFresh()
    {
        CreateSut("bundle-41").MarkCompleted("verify");

        var journal = CreateSut("bundle-42");

        Assert.IsEmpty(journal.Entries);
        var setAside = Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "import.journal.previous-*");
        Assert.HasCount(1, setAside);
        StringAssert.Contains(File.ReadAllText(setAside[0]), "bundle-41");
    }

    [TestMethod]
    public void Open_TornLastLine_DropsItAndKeepsTheRest()
    {
        var journal = CreateSut();
        journal.MarkCompleted("verify");
        File.AppendAllText(JournalPath, "{\"step\":\"install-con", Encoding.UTF8);

        var reopened = CreateSut();
        reopened.MarkStarted("install-content");

        Assert.HasCount(2, reopened.Entries);
        Assert.HasCount(2, CreateSut().Entries, "the torn fragment must not corrupt the line appended after it");
    }

    // Issue 19: a damaged middle line (a power cut) needed manual cleanup (exit 25). The run now resumes from the
    // valid lines before it, and the damaged file is kept aside for support.
    [TestMethod]
    public void Open_DamagedMiddleLine_ResumesFromTheValidPrefixAndSetsTheFileAside()
    {
        var journal = CreateSut();
        journal.MarkStarted("verify");
        journal.MarkCompleted("verify");
        journal.MarkStarted("install-content");
        var lines = File.ReadAllLines(JournalPath);
        lines[2] = "{\"step\":\"verify\",\"event\":\"Finished\",\"at\":\"2026-11-25T08:30:00Z\"}";
        var damaged = string.Join("\n", lines) + "\n";
        File.WriteAllText(JournalPath, damaged);

        var reopened = CreateSut();

        Assert.HasCount(1, reopened.Entries, "only the entries before the damaged line");
        Assert.AreEqual(JournalEvent.Started, reopened.LastEventOf("verify"));
        StringAssert.Contains(reopened.RecoveryNote, "line 3");
        var aside = Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "import.journal.damaged-*").Single();
        Assert.AreEqual(damaged, File.ReadAllText(aside));
        StringAssert.Contains(reopened.RecoveryNote, aside);
        Assert.HasCount(1, CreateSut().Entries, "the rewritten journal reads back clean");
        Assert.IsNull(CreateSut().RecoveryNote);
    }

    [TestMethod]
    public void Open_NulBlockAfterValidLines_ResumesFromTheLinesBeforeIt()
    {
        var journal = CreateSut();
        journal.MarkCompleted("verify");
        journal.MarkCompleted("install-content");
        var bytes = File.ReadAllBytes(JournalPath).ToList();
        var secondEntry = bytes.LastIndexOf((byte)'\n', bytes.Count - 2) + 1;
        // Some file systems leave the tail of an interrupted write as zeros: here the last entry and a new line.
        bytes.RemoveRange(secondEntry, bytes.Count - secondEntry);
        bytes.AddRange(new byte[4096]);
        bytes.AddRange("\n{\"step\":\"x\",\"event\":\"Started\",\"at\":\"2026-11-25T08:30:00Z\"}\n"u8.ToArray());
        File.WriteAllBytes(JournalPath, [.. bytes]);

        var reopened = CreateSut();

        Assert.IsTrue(reopened.IsCompleted("verify"));
        Assert.IsFalse(reopened.IsCompleted("install-content"));
        Assert.IsNull(reopened.LastEventOf("x"), "nothing after the damage is trusted");
        Assert.IsNotNull(reopened.RecoveryNote);
    }

    [TestMethod]
    public void Open_DamagedHeader_StartsAnewAndSetsTheFileAside()
    {
        CreateSut().MarkCompleted("verify");
        var lines = File.ReadAllLines(JournalPath);
        lines[0] = "\0\0\0\0";
        File.WriteAllText(JournalPath, string.Join("\n", lines) + "\n");

        var reopened = CreateSut();

        Assert.IsEmpty(reopened.Entries);
        StringAssert.Contains(reopened.RecoveryNote, "header");
        Assert.HasCount(1, Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "import.journal.damaged-*"));
    }

    [TestMethod]
    public void Open_JournalOfAnotherFormatVersion_ThrowsAndChangesNothing()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        File.WriteAllText(JournalPath, "{\"journal\":2,\"workflow\":\"import\",\"runKey\":\"bundle-42\"}\n");

        var ex = Assert.ThrowsExactly<JournalCorruptException>(() => CreateSut());

        Assert.AreEqual(1, ex.LineNumber);
        Assert.IsFalse(ex.IsDamage);
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "*.damaged-*"));
    }

    // Regression (review): the rewrite deleted the journal and then moved the new one in; a crash in between lost it.
    // A watcher looks for the journal while it is rewritten over and over: it must never be missing.
    [TestMethod]
    public void Open_TornLastLineRewrittenOverTheExistingJournal_TheJournalIsNeverAbsentAndNoTempIsLeft()
    {
        var journal = CreateSut();
        journal.MarkCompleted("verify", "signer 3F2A");
        var absent = 0;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (!File.Exists(JournalPath))
                {
                    Interlocked.Increment(ref absent);
                }
            }
        });

        for (var i = 0; i < 300; i++)
        {
            File.AppendAllText(JournalPath, "{\"step\":\"install-con", Encoding.UTF8);
            Assert.HasCount(1, CreateSut().Entries);
        }

        stop.Cancel();
        watcher.Wait();
        Assert.AreEqual(0, absent, "the journal was missing while it was being rewritten");
        Assert.AreEqual("signer 3F2A", CreateSut().CompletionDetailOf("verify"));
        Assert.IsFalse(File.ReadAllText(JournalPath).Contains("install-con", StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { JournalPath }, Directory.GetFiles(Path.GetDirectoryName(JournalPath)!));
    }

    [TestMethod]
    public void Open_HeaderOnlyPartlyWritten_StartsFresh()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        File.WriteAllText(JournalPath, "{\"journal\":1,\"work");

        var journal = CreateSut();
        journal.MarkCompleted("verify");

        Assert.IsTrue(CreateSut().IsCompleted("verify"));
    }

    [TestMethod]
    public void Open_ThreeRunsWithinOneSecond_SetsAsideEachPreviousJournalWithoutOverwriting()
    {
        CreateSut("run-a").MarkCompleted("copy-content", "a");
        CreateSut("run-b").MarkCompleted("copy-content", "b");

        var journal = CreateSut("run-c");

        Assert.IsEmpty(journal.Entries);
        Assert.HasCount(2, Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "import.journal.previous-*"));
    }

    [TestMethod]
    public void Open_ManyEarlierRuns_KeepsOnlyTheNewestSetAsideJournals()
    {
        var runs = WorkflowJournal.SetAsideJournalsKept + 5;
        for (var run = 0; run <= runs; run++)
        {
            CreateSut("run-" + run).MarkCompleted("copy-content", "run " + run);
            File.SetLastWriteTimeUtc(JournalPath, Start.UtcDateTime.AddMinutes(run));
            _clock.Advance(TimeSpan.FromMinutes(1));
        }

        var setAside = Directory.GetFiles(Path.GetDirectoryName(JournalPath)!, "import.journal.previous-*");

        Assert.HasCount(WorkflowJournal.SetAsideJournalsKept, setAside);
        var kept = setAside.Select(f => WorkflowJournal.Peek(f)!.RunKey).ToHashSet();
        Assert.Contains("run-" + (runs - 1), kept, "the run set aside last is kept");
        Assert.DoesNotContain("run-0", kept, "the oldest run is pruned");
        Assert.DoesNotContain("run-4", kept);
        Assert.Contains("run-5", kept);
        Assert.AreEqual("run-" + runs, WorkflowJournal.Peek(JournalPath)!.RunKey, "the current journal is never pruned");
    }

    [TestMethod]
    public void Peek_ExistingJournal_ReadsItWithoutChangingTheFile()
    {
        CreateSut().MarkStarted("copy-content");
        var bytes = File.ReadAllBytes(JournalPath);

        var snapshot = WorkflowJournal.Peek(JournalPath)!;

        Assert.AreEqual("bundle-42", snapshot.RunKey);
        Assert.AreEqual(JournalEvent.Started, snapshot.LastEventOf("copy-content"));
        Assert.IsFalse(snapshot.IsFinished);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(JournalPath));
    }

    [TestMethod]
    public void UnrecordedLaunches_ALaunchWithoutTheStartedProcessAfterIt_IsListedUntilTheStampFollows()
    {
        var journal = CreateSut();
        var first = new ProcessLaunchMark("WsusUtil.exe", @"D:\staging\import-1.log", 639_000_000_000_000_000);
        var second = first with { Argument = @"D:\staging\import-2.log" };
        journal.MarkStarted("wsusutil-import");
        journal.MarkProcessLaunching("wsusutil-import", first);
        journal.MarkProcessStarted("wsusutil-import", new ProcessStamp(4242, "proc-ticks:7"));
        journal.MarkFailed("wsusutil-import", "exit code 1");
        journal.MarkStarted("wsusutil-import");
        journal.MarkProcessLaunching("wsusutil-import", second);

        var snapshot = WorkflowJournal.Peek(JournalPath)!;

        Assert.AreEqual(("wsusutil-import", second), snapshot.UnrecordedLaunches.Single(), "the first launch's process was recorded; the second was killed before");
        Assert.AreEqual(new ProcessStamp(4242, "proc-ticks:7"), snapshot.StartedProcesses.Single().Process, "a launch mark is not a started process");
        Assert.AreEqual("wsusutil-import", WorkflowErrors.CancelledStep(journal, "verify"));
    }

    [TestMethod]
    public void CancelledStep_LastEntryIsAWsusUtilProcessRecord_NamesTheStepItRunsIn()
    {
        var journal = CreateSut();
        journal.MarkStarted("install-content");
        journal.MarkCompleted("install-content");
        journal.MarkStarted("wsusutil-import");
        journal.MarkStarted(WorkflowJournalFiles.ProcessEntryFor("wsusutil-import"), "pid 4242");

        Assert.AreEqual("wsusutil-import", WorkflowErrors.CancelledStep(journal, "verify"));
        Assert.AreEqual("verify", WorkflowErrors.CancelledStep(null, "verify"));
    }
}
