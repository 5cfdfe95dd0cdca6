using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;
using Spectre.Console.Testing;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

/// <summary>
/// The interactive progress bars, rendered by Spectre.Console into its test console (an interactive terminal of fixed
/// width, with the same renderer a real one gets): what an admin at the console reads when the run ends.
/// </summary>
[TestClass]
public sealed class SpectreProgressTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly TestConsole _console = new();

    public SpectreProgressTests()
    {
        _console.Profile.Width = 160;
        _console.Interactive();
    }

    public void Dispose() => _console.Dispose();

    private SpectreProgress CreateSut() => new(_console);

    private static StepReport Step(int index, string title, StepOutcome outcome) => new(index, 3, "step-" + index, title, outcome, null);

    [TestMethod]
    public async Task RunAsync_WholeRun_ShowsEveryStepWithItsOutcomeAndReturnsTheResult()
    {
        var result = await CreateSut().RunAsync(progress =>
        {
            progress.Steps!.Report(Step(1, "Preflight", StepOutcome.Running));
            progress.Steps.Report(Step(1, "Preflight", StepOutcome.AlreadyDone));
            progress.Steps.Report(Step(2, "Copy content", StepOutcome.Running));
            progress.Transfer!.Report(new TransferProgress(50 * MiB, 100 * MiB, 5, 10));
            progress.Transfer.Report(new TransferProgress(100 * MiB, 100 * MiB, 10, 10));
            progress.Steps.Report(Step(2, "Copy content", StepOutcome.Completed));
            progress.Steps.Report(Step(3, "wsusutil import", StepOutcome.Running));
            progress.Steps.Report(Step(3, "wsusutil import", StepOutcome.Failed));
            return Task.FromResult(42);
        });

        Assert.AreEqual(42, result);
        var screen = _console.Output;
        StringAssert.Contains(screen, "[1/3] Preflight (already done)");
        StringAssert.Contains(screen, "[2/3] Copy content");
        StringAssert.Contains(screen, "100%");
        StringAssert.Contains(screen, "[3/3] wsusutil import (failed)");
    }

    [TestMethod]
    public async Task RunAsync_SyncWait_ShowsHowLongAndTheLastState()
    {
        await CreateSut().RunAsync(progress =>
        {
            progress.Steps!.Report(Step(3, "ConfigMgr software update sync", StepOutcome.Running));
            progress.Sync!.Report(new SyncProgress(new SupSyncStatus("PS1", "SUP01", 6704, DateTimeOffset.UnixEpoch, null, 0), TimeSpan.FromSeconds(133), true));
            return Task.FromResult(0);
        });

        StringAssert.Contains(_console.Output, "[3/3] ConfigMgr software update sync  waiting 00:02:13: state 6704");
    }

    [TestMethod]
    public async Task RunAsync_TitleWithMarkupCharacters_IsShownLiterally()
    {
        await CreateSut().RunAsync(progress =>
        {
            progress.Steps!.Report(Step(1, "Copy [red]content[/] to D:\\WSUS", StepOutcome.Running));
            progress.Steps.Report(Step(1, "Copy [red]content[/] to D:\\WSUS", StepOutcome.Completed));
            return Task.FromResult(0);
        });

        StringAssert.Contains(_console.Output, "[1/3] Copy [red]content[/] to D:\\WSUS");
    }
}
