using System.Text.Json;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;
using Serilog;

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

    /// <summary>A host whose composition fails the way a bug would: nothing the verbs expect and map.</summary>
    private sealed class BrokenHost : IWorkflowHost
    {
        public TimeProvider Clock => TimeProvider.System;

        public WorkflowServices Compose(ILogger logger, IConfigMgrSite? site) => throw new InvalidOperationException("composition bug 4711");

        public IConfigMgrSiteConnector SiteConnector(ILogger logger) => throw new InvalidOperationException("composition bug 4711");
    }

    private async Task<(int ExitCode, string Output, string Error, string Log)> RunBrokenAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var folder = Directory.CreateTempSubdirectory("cmdsync-cli-app-").FullName;
        try
        {
            var logPath = Path.Combine(folder, "cmdsync.log");
            var exitCode = await CliApplication.RunAsync([.. args, "--state", Path.Combine(folder, "state"), "--log", logPath], output, error, new BrokenHost(), TestContext.CancellationToken);
            return (exitCode, output.ToString(), error.ToString(), logPath + Environment.NewLine + await File.ReadAllTextAsync(logPath));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public async Task RunAsync_UnexpectedException_ExitsFailureWithOneLineNamingTheLog()
    {
        var (exitCode, output, error, log) = await RunBrokenAsync("import", "/nonexistent/bundle");

        Assert.AreEqual(ExitCodes.Failure, exitCode);
        Assert.AreEqual(string.Empty, output);
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, error);
        StringAssert.Contains(lines[0], "composition bug 4711");
        StringAssert.Contains(lines[0], log.Split(Environment.NewLine)[0]);
        StringAssert.Contains(log, "InvalidOperationException");
        StringAssert.Contains(log, nameof(BrokenHost));
    }

    [TestMethod]
    public async Task RunAsync_UnexpectedExceptionWithJson_WritesOneFailureObject()
    {
        var (exitCode, output, _, log) = await RunBrokenAsync("import", "/nonexistent/bundle", "--json");

        Assert.AreEqual(ExitCodes.Failure, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("failed", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Failure, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "composition bug 4711");
        Assert.AreEqual(log.Split(Environment.NewLine)[0], json.RootElement.GetProperty("log").GetString());
    }
}
