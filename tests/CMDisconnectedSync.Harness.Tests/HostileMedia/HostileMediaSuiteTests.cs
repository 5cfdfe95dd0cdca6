using CMDisconnectedSync.Harness.HostileMedia;

namespace CMDisconnectedSync.Harness.Tests.HostileMedia;

[TestClass]
public sealed class HostileMediaSuiteTests
{
    // Short mode (CI budget): a 100 MB unsigned manifest; the README's figures come from the 1 GB default
    // ('cmdsync-harness hostile-media'). Refused as 14 in about sha256sum's time, without memory growing with it,
    // and every special file refused by its documented code without a hang.
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task RunAsync_ShortMode_EveryHostileFileRefusedQuicklyInConstantMemory()
    {
        var result = await HostileMediaSuite.RunAsync(megabytes: 100, TextWriter.Null, CancellationToken.None);

        if (result.Problems.Any(p => p.StartsWith("not run", StringComparison.Ordinal)))
        {
            Assert.Inconclusive(result.Problems[0]);
        }

        Assert.IsEmpty(result.Problems, string.Join(Environment.NewLine, result.Problems) + Environment.NewLine + string.Join(Environment.NewLine, result.Details));
        StringAssert.StartsWith(result.Figure, "hostile media refused: 9 of 9;");
    }

    [TestMethod]
    public void WriteHostileManifest_10Megabytes_HasAbout150BytesPerEntryAndParsesAsJson()
    {
        var path = Path.GetTempFileName();
        try
        {
            var entries = HostileMediaSuite.WriteHostileManifest(path, 10_000_000);

            var perEntry = new FileInfo(path).Length / (double)entries;
            Assert.IsTrue(perEntry is > 130 and < 170, $"{perEntry:F1} bytes per entry");
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            Assert.AreEqual(entries, json.RootElement.GetProperty("files").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
