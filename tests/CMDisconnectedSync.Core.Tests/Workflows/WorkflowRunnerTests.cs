using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Workflows;

[TestClass]
public sealed class WorkflowRunnerTests
{
    private string _root = null!;
    private readonly List<string> _ran = [];

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-runner-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private WorkflowJournal OpenJournal() =>
        WorkflowJournal.Open(Path.Combine(_root, "export.journal"), "export", "run-1", new FakeTimeProvider());

    private WorkflowStep Step(string name, Func<CancellationToken, Task<string?>>? action = null) =>
        new(name, "Title of " + name, action ?? (_ =>
        {
            _ran.Add(name);
            return Task.FromResult<string?>(name + "-done");
        }));

    [TestMethod]
    public async Task RunAsync_FreshJournal_RunsEveryStepInOrderAndRecordsDetails()
    {
        var journal = OpenJournal();
        var reports = new List<StepReport>();

        await WorkflowRunner.RunAsync(journal, [Step("a"), Step("b")], new SynchronousProgress<StepReport>(reports.Add), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "a", "b" }, _ran);
        Assert.AreEqual("b-done", OpenJournal().CompletionDetailOf("b"));
        CollectionAssert.AreEqual(
            new[] { StepOutcome.Running, StepOutcome.Completed, StepOutcome.Running, StepOutcome.Completed },
            reports.Select(r => r.Outcome).ToArray());
        Assert.AreEqual(2, reports[^1].Index);
        Assert.AreEqual(2, reports[^1].Count);
    }

    [TestMethod]
    public async Task RunAsync_AfterFailure_ResumesAtFailedStepWithoutRedoingFinishedOnes()
    {
        var failNext = true;
        var flaky = Step("copy", _ =>
        {
            _ran.Add("copy");
            if (failNext)
            {
                failNext = false;
                throw new IOException("There is not enough space on the disk.");
            }

            return Task.FromResult<string?>(null);
        });
        var steps = new[] { Step("verify"), flaky, Step("import") };

        await Assert.ThrowsExactlyAsync<IOException>(() => WorkflowRunner.RunAsync(OpenJournal(), steps, null, CancellationToken.None));
        Assert.AreEqual(JournalEvent.Failed, OpenJournal().LastEventOf("copy"));

        var reports = new List<StepReport>();
        await WorkflowRunner.RunAsync(OpenJournal(), steps, new SynchronousProgress<StepReport>(reports.Add), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "verify", "copy", "copy", "import" }, _ran);
        Assert.AreEqual(StepOutcome.AlreadyDone, reports[0].Outcome);
        Assert.AreEqual("verify-done", reports[0].Detail);
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_JournalsCancellationAndRethrows()
    {
        using var cancellation = new CancellationTokenSource();
        var cancelling = Step("copy", token =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return Task.FromResult<string?>(null);
        });

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(
            () => WorkflowRunner.RunAsync(OpenJournal(), [cancelling, Step("import")], null, cancellation.Token));

        var journal = OpenJournal();
        Assert.AreEqual(JournalEvent.Failed, journal.LastEventOf("copy"));
        Assert.AreEqual("cancelled", journal.Entries[^1].Detail);
        Assert.IsNull(journal.LastEventOf("import"));
        CollectionAssert.DoesNotContain(_ran, "import");
    }

    [TestMethod]
    public async Task RunAsync_DuplicateStepNames_Throws()
    {
        await Assert.ThrowsExactlyAsync<ArgumentException>(
            () => WorkflowRunner.RunAsync(OpenJournal(), [Step("a"), Step("a")], null, CancellationToken.None));
        Assert.IsEmpty(_ran);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, as they happen.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
