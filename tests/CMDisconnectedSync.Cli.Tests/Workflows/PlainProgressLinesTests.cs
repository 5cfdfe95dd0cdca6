using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.Progress;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

[TestClass]
public sealed class PlainProgressLinesTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly FakeTimeProvider _clock = new();
    private readonly StringWriter _output = new();

    public void Dispose() => _output.Dispose();

    private PlainProgressLines CreateSut() => new(_output, _clock);

    private static StepReport Copy(StepOutcome outcome, string? detail = null) => new(3, 6, "copy-content", "Copy content", outcome, detail);

    [TestMethod]
    public void TransferLine_RateKnown_ShowsStepBytesFilesRateAndEta()
    {
        var line = PlainProgressLines.TransferLine(Copy(StepOutcome.Running), new TransferProgress(1229 * MiB, 3482 * MiB, 10, 40), new TransferRate(112 * MiB, TimeSpan.FromSeconds(21)));

        Assert.AreEqual("[3/6] Copy content  1.2 GiB / 3.4 GiB  10/40 files  112.0 MiB/s  ETA 00:00:21", line);
    }

    [TestMethod]
    public void OnTransfer_ManyReportsWithinASecond_WritesOneLinePerSecond()
    {
        var sut = CreateSut();
        sut.OnStep(Copy(StepOutcome.Running));

        for (var i = 1; i <= 10; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(250));
            sut.OnTransfer(new TransferProgress(i * MiB, 100 * MiB, i, 100));
        }

        var lines = _output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1 + 2, lines);
        Assert.AreEqual("[3/6] Copy content  ...", lines[0]);
        StringAssert.Contains(lines[1], "4.0 MiB / 100.0 MiB");
    }

    [TestMethod]
    public void OnStep_Failed_MarksTheStepAndLeavesTheReasonToTheVerb()
    {
        // export/import print the failure once, in full, after the progress lines (WorkflowVerbSupport.FailedAsync).
        CreateSut().OnStep(Copy(StepOutcome.Failed, "Disk full on D:\nsecond line"));

        Assert.AreEqual("[3/6] Copy content  FAILED (the reason follows)" + Environment.NewLine, _output.ToString());
    }
}
