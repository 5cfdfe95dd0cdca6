using System.CommandLine;
using System.Text.Json;
using CMDisconnectedSync.Cli.Commands;

namespace CMDisconnectedSync.Cli.Tests.Commands;

[TestClass]
public sealed class CliOptionsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("1h", 60 * 60)]
    [DataRow("90m", 90 * 60)]
    [DataRow("45s", 45)]
    [DataRow("1h30m", 90 * 60)]
    [DataRow("2H", 2 * 60 * 60)]
    [DataRow("01:30:00", 90 * 60)]
    [DataRow("1:30:00", 90 * 60)]
    [DataRow("1.00:00:00", 24 * 60 * 60)]
    [DataRow("60", 60 * 60)]
    public void TryParse_AcceptedForm_IsThatDuration(string text, int seconds)
    {
        Assert.IsTrue(Duration.TryParse(text, out var value), text);
        Assert.AreEqual(TimeSpan.FromSeconds(seconds), value);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("abc")]
    [DataRow("1x")]
    [DataRow("1.5h")]
    [DataRow("0")]
    [DataRow("0m")]
    [DataRow("-5m")]
    [DataRow("00:00:00")]
    [DataRow("25:99:00")]
    [DataRow("m")]
    [DataRow("99999999999999h")]
    public void TryParse_NotADurationAboveZero_IsRefused(string text)
    {
        Assert.IsFalse(Duration.TryParse(text, out _), text);
    }

    private static ParseResult Parse(params string[] args)
    {
        var timeout = new AliasedOption<TimeSpan>(Duration.CreateOption("--sync-timeout", "How long.", TimeSpan.FromHours(1)), "--timeout");
        var command = new RootCommand();
        timeout.AddTo(command);
        command.SetAction(parseResult => (int)timeout.GetValue(parseResult).TotalMinutes);
        return command.Parse(args);
    }

    [TestMethod]
    public void DurationOption_InvalidValue_ErrorNamesTheOptionAndTheAcceptedForms()
    {
        var parse = Parse("--sync-timeout", "soon");

        Assert.HasCount(1, parse.Errors);
        Assert.AreEqual("--sync-timeout 'soon' is not a duration above zero. Write it as 1h, 90m, 45s, 1h30m or 01:30:00.", parse.Errors[0].Message);
    }

    [TestMethod]
    public void DurationOption_HiddenAlias_NamesTheAliasTyped()
    {
        var parse = Parse("--timeout", "soon");

        StringAssert.StartsWith(parse.Errors[0].Message, "--timeout 'soon'");
    }

    [TestMethod]
    [DataRow(new string[0], 60)]
    [DataRow(new[] { "--sync-timeout", "90m" }, 90)]
    [DataRow(new[] { "--timeout", "00:05:00" }, 5)]
    [DataRow(new[] { "--timeout", "5m", "--sync-timeout", "2h" }, 120)]
    public void AliasedOption_PrimaryOrHiddenAlias_GivesTheValueTyped(string[] args, int minutes)
    {
        var parse = Parse(args);

        Assert.IsEmpty(parse.Errors);
        Assert.AreEqual(minutes, parse.Invoke());
    }

    [TestMethod]
    public async Task Import_SyncTimeoutNotADuration_ExitsUsageNamingTheOptionUnderJson()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var log = Path.Combine(TestContext.TestRunDirectory ?? Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".log");

        var exitCode = await CliApplication.RunAsync(["import", "E:\\bundle", "--sync-timeout", "an hour", "--json", "--log", log], output, error);

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        Assert.AreEqual("usage-error", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Usage, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "--sync-timeout 'an hour' is not a duration");
        Assert.AreEqual("Run 'cmdsync import --help' for the options and examples.", json.RootElement.GetProperty("next").GetString());
        Assert.AreEqual(string.Empty, error.ToString());
    }

    [TestMethod]
    public async Task Sync_Help_ShowsSyncTimeoutOnceWithItsDefaultAndHidesTheOldName()
    {
        using var output = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["sync", "--help"], output, TextWriter.Null);

        Assert.AreEqual(ExitCodes.Success, exitCode);
        var help = output.ToString();
        StringAssert.Contains(help, "--sync-timeout <duration>");
        StringAssert.Contains(help, "[default: 01:00:00]");
        Assert.DoesNotContain("--timeout", help);
    }
}
