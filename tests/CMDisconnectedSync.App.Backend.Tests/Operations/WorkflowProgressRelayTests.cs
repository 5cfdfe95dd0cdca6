using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.Workflows;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Tests.Operations;

[TestClass]
public sealed class WorkflowProgressRelayTests
{
    private static (WorkflowProgress Progress, List<Ui.TransferProgress> Seen) CreateSut()
    {
        var seen = new List<Ui.TransferProgress>();
        return (new WorkflowProgressRelay(new Sink(seen)).ToWorkflowProgress(), seen);
    }

    [TestMethod]
    public void Transfer_ThousandReportsAtOnce_ThinnedButTheFinalOnePasses()
    {
        var (progress, seen) = CreateSut();
        progress.Steps!.Report(new StepReport(4, 8, ImportWorkflow.CopyStep, "Copy content", StepOutcome.Running, null));

        for (var i = 1; i <= 1000; i++)
        {
            progress.Transfer!.Report(new Bundles.TransferProgress(i, 1000, i / 10, 100));
        }

        Assert.IsLessThan(50, seen.Count, "one report per 100 ms, not one per buffer");
        Assert.AreEqual(1000L, seen[^1].BytesDone);
        Assert.AreEqual(ImportWorkflow.CopyStep, seen[^1].StepName);
    }

    [TestMethod]
    public void Steps_NewStep_StartsWithoutThePreviousStepsBytes()
    {
        var (progress, seen) = CreateSut();
        progress.Steps!.Report(new StepReport(4, 8, ImportWorkflow.CopyStep, "Copy content", StepOutcome.Running, null));
        progress.Transfer!.Report(new Bundles.TransferProgress(10, 10, 1, 1));

        progress.Steps.Report(new StepReport(5, 8, ImportWorkflow.WsusUtilStep, "wsusutil import", StepOutcome.Running, null));

        Assert.AreEqual(0L, seen[^1].BytesDone);
        Assert.AreEqual(Ui.StepState.Running, seen[^1].State);
    }

    private sealed class Sink(List<Ui.TransferProgress> seen) : IProgress<Ui.TransferProgress>
    {
        public void Report(Ui.TransferProgress value) => seen.Add(value);
    }
}
