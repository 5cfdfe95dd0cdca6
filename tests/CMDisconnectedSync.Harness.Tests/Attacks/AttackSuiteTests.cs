using CMDisconnectedSync.Harness.Attacks;

namespace CMDisconnectedSync.Harness.Tests.Attacks;

[TestClass]
public sealed class AttackSuiteTests
{
    // Short mode: two rounds through every generator (a few hundred hostile bundles), a dozen through cmdsync verify.
    private static readonly int ShortCount = AttackCatalog.Generators.Count * 12;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task RunAsync_ShortMode_AcceptsNoHostileBundleAndEveryExitCodeIsDocumented()
    {
        var result = await AttackSuite.RunAsync(ShortCount, seed: 20261125, cliSamples: 12, TextWriter.Null, CancellationToken.None);

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems.Take(20)));
        Assert.AreEqual($"accepted: 0 of {ShortCount}", result.Figure);
    }

    [TestMethod]
    public void Generators_EveryAttack_ExpectsOnlyDocumentedVerificationExitCodes()
    {
        var random = new Random(7);
        var attacks = Enumerable.Range(0, 2000).Select(i => AttackCatalog.Generators[i % AttackCatalog.Generators.Count](random)).ToList();

        var undocumented = attacks.SelectMany(a => a.ExpectedExitCodes).Where(code => code is < Cli.ExitCodes.BundleManifestMissing or > Cli.ExitCodes.BundleHashMismatch).ToList();

        Assert.IsEmpty(undocumented);
        Assert.IsGreaterThanOrEqualTo(14, attacks.Select(a => a.Class).Distinct().Count());
    }

    [TestMethod]
    public void HostilePaths_EveryForm_IsRejectedByThePathValidator()
    {
        var validator = new CMDisconnectedSync.Paths.BundlePathValidator();

        var accepted = AttackCatalog.HostilePaths.Where(p => validator.Check(p) is null).ToList();

        Assert.IsEmpty(accepted, string.Join(", ", accepted));
    }
}
