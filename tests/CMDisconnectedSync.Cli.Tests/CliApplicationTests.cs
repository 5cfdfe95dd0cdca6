using CMDisconnectedSync.Cli;

namespace CMDisconnectedSync.Cli.Tests;

[TestClass]
public sealed class CliApplicationTests
{
    public TestContext TestContext { get; set; } = null!;

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var logPath = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".log");
        var exitCode = await CliApplication.RunAsync([.. args, "--log", logPath], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task RunAsync_Help_ListsVerbsAndGlobalOptions()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "demo");
        StringAssert.Contains(output, "--json");
        StringAssert.Contains(output, "--log");
    }

    [TestMethod]
    public async Task RunAsync_UnknownVerb_ReturnsUsageError()
    {
        var (exitCode, _, error) = await RunAsync("no-such-verb");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "no-such-verb");
    }
}
