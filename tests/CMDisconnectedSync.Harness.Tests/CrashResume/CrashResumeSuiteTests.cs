using CMDisconnectedSync.Harness.CrashResume;

namespace CMDisconnectedSync.Harness.Tests.CrashResume;

[TestClass]
public sealed class CrashResumeSuiteTests
{
    // Short mode: 20 kills of the import workflow and 10 of the export workflow.
    private const int ShortCount = 20;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task RunAsync_ShortMode_EveryKilledRunResumesWithoutCorruption()
    {
        var result = await CrashResumeSuite.RunAsync(ShortCount, seed: 20261125, TextWriter.Null, CancellationToken.None);

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems.Take(10)));
        Assert.AreEqual($"resumed: {ShortCount + (ShortCount / 2)} of {ShortCount + (ShortCount / 2)}, corrupt: 0", result.Figure);
    }

    // Issue 19: kills aimed at each journaled step's start and end (± 30 ms), 5 per workflow here; the full series
    // (cmdsync-harness targeted-kill --count 100 or more) is in the harness README's figures.
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task TargetedKills_ShortMode_NoLeftoversNothingCorruptEveryRunResumes()
    {
        var result = await TargetedKillSuite.RunAsync(5, seed: 20261207, TextWriter.Null, CancellationToken.None);

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems.Take(10)));
        StringAssert.EndsWith(result.Figure, "resumed: 10, leftovers: 0, corrupt: 0");
        StringAssert.StartsWith(result.Figure, "targeted kills: 10 (");
    }

    // The kill window the random kills found once (export, after record-export, before run-finished): replayed
    // deterministically by cutting the journal's last line after a complete run.
    [TestMethod]
    [DataRow("import")]
    [DataRow("export")]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task JournalCut_KilledBeforeRunFinished_RerunFinishes(string workflow)
    {
        var result = await JournalCutReplay.RunAsync(workflow, CancellationToken.None);

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems));
        Assert.AreEqual($"{workflow} killed before run-finished resumed: 1 of 1", result.Figure);
    }
}
