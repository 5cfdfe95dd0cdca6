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

    // Issue 19: '--log /dev/null/x.log' crashed with a stack trace (exit 134): the last-resort handler opened the same log again.
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task RunAsync_LogFolderCannotBeCreated_ExitsFileSystemFailedNamingThePath(bool json)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var folder = Directory.CreateTempSubdirectory("cmdsync-cli-log-").FullName;
        try
        {
            // A file where the log's folder should be: no platform can create a folder under it.
            var blocker = Path.Combine(folder, "not-a-folder");
            await File.WriteAllTextAsync(blocker, "x", TestContext.CancellationToken);
            var logPath = Path.Combine(blocker, "x.log");
            string[] args = ["verify", Path.Combine(folder, "bundle"), "--state", Path.Combine(folder, "state"), "--log", logPath];

            var exitCode = await CliApplication.RunAsync(json ? [.. args, "--json"] : args, output, error);

            Assert.AreEqual(ExitCodes.FileSystemFailed, exitCode);
            var message = json ? JsonDocument.Parse(output.ToString()).RootElement.GetProperty("error").GetString()! : error.ToString();
            StringAssert.Contains(message, logPath);
            StringAssert.Contains(message, "--log");
            Assert.DoesNotContain("   at ", error.ToString(), "no stack trace");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Issue 19: 'cmdsync @/dev/zero' read a response file until memory ran out, and a bundle folder named '@…' could not be passed.
    [TestMethod]
    public async Task RunAsync_ArgumentStartingWithAt_IsAnArgumentNotAResponseFile()
    {
        var folder = Directory.CreateTempSubdirectory("cmdsync-cli-at-").FullName;
        try
        {
            var bundle = Path.Combine(folder, "@bundle");
            Directory.CreateDirectory(bundle);
            var responseFile = Path.Combine(folder, "@args");
            await File.WriteAllTextAsync(responseFile, "--help", TestContext.CancellationToken);

            var (exitCode, output, error) = await RunAsync("verify", bundle, "--state", Path.Combine(folder, "state"), "--json");
            var (atExitCode, _, atError) = await RunAsync("@" + responseFile);

            Assert.AreEqual(ExitCodes.BundleManifestMissing, exitCode, error);
            StringAssert.Contains(JsonDocument.Parse(output).RootElement.GetProperty("bundle").GetString(), "@bundle");
            Assert.AreEqual(ExitCodes.Usage, atExitCode, "a response file would have expanded to --help (exit 0)");
            StringAssert.Contains(atError, "@" + responseFile);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Issue 19: a Ctrl+C before the verb started (while the command line was read) ended the process by the signal.
    [TestMethod]
    public async Task RunAsync_CancelledBeforeTheVerbStarts_ExitsCancelledWithJson()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var folder = Directory.CreateTempSubdirectory("cmdsync-cli-cancel-").FullName;
        try
        {
            var exitCode = await CliApplication.RunAsync(
                ["verify", Path.Combine(folder, "bundle"), "--state", Path.Combine(folder, "state"), "--json", "--log", Path.Combine(folder, "x.log")],
                output, error, new BrokenHost(), cancelled.Token);

            Assert.AreEqual(ExitCodes.Cancelled, exitCode);
            Assert.AreEqual("cancelled", JsonDocument.Parse(output.ToString()).RootElement.GetProperty("result").GetString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
