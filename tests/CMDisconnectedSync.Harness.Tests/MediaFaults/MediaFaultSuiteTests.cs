using CMDisconnectedSync.Harness.MediaFaults;

namespace CMDisconnectedSync.Harness.Tests.MediaFaults;

[TestClass]
public sealed class MediaFaultSuiteTests
{
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task RunAsync_FullReadOnlyAndUnpluggedMedia_EveryFaultNamedAndRerunCompletes()
    {
        var result = await MediaFaultSuite.RunAsync(TextWriter.Null, CancellationToken.None);

        if (result.Problems.Any(p => p.Contains("not permitted", StringComparison.Ordinal)))
        {
            Assert.Inconclusive("tmpfs cannot be mounted here (needs root on Linux): " + string.Join("; ", result.Problems));
        }

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems));
        Assert.AreEqual("media faults handled: 3 of 3", result.Figure);
    }
}
