using CMDisconnectedSync.Harness.Fuzzing;

namespace CMDisconnectedSync.Harness.Tests.Fuzzing;

[TestClass]
public sealed class FuzzSuiteTests
{
    private const int ShortCount = 6_000;

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task RunAsync_ShortMode_NoParserThrowsAnUndocumentedException()
    {
        var result = await FuzzSuite.RunAsync(ShortCount, seed: 20261125, TextWriter.Null, CancellationToken.None);

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems));
        Assert.AreEqual($"unhandled: 0 of {ShortCount} inputs", result.Figure);
    }
}
