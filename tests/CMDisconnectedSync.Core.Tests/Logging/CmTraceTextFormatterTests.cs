using System.Text.RegularExpressions;
using CMDisconnectedSync.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace CMDisconnectedSync.Core.Tests.Logging;

[TestClass]
public sealed class CmTraceTextFormatterTests
{
    // The exact shape CMTrace parses (one line per event), as written by ConfigMgr's own components.
    private static readonly Regex CmTraceLine = new(
        "^<!\\[LOG\\[(?<message>.*)\\]LOG\\]!><time=\"(?<time>\\d{2}:\\d{2}:\\d{2}\\.\\d{3})(?<bias>[+-]\\d{3})\" " +
        "date=\"(?<date>\\d{2}-\\d{2}-\\d{4})\" component=\"(?<component>[^\"]*)\" context=\"\" " +
        "type=\"(?<type>[123])\" thread=\"(?<thread>[^\"]*)\" file=\"\">$",
        RegexOptions.Singleline);

    private static readonly DateTimeOffset NoonUtc = new(2026, 3, 7, 12, 34, 56, 789, TimeSpan.Zero);

    private static CmTraceTextFormatter CreateSut() => new("cmdsync");

    private static LogEvent Event(
        LogEventLevel level, string text, DateTimeOffset? timestamp = null, Exception? exception = null,
        params LogEventProperty[] properties) =>
        new(timestamp ?? NoonUtc, level, exception, new MessageTemplateParser().Parse(text), properties);

    private static string Format(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        CreateSut().Format(logEvent, writer);
        return writer.ToString();
    }

    [TestMethod]
    public void Format_InformationEvent_WritesExactCmTraceLine()
    {
        var line = Format(Event(LogEventLevel.Information, "Export started", properties:
            new LogEventProperty(CmTraceTextFormatter.ThreadIdPropertyName, new ScalarValue(7))));

        Assert.AreEqual(
            "<![LOG[Export started]LOG]!><time=\"12:34:56.789+000\" date=\"03-07-2026\" component=\"cmdsync\" context=\"\" type=\"1\" thread=\"7\" file=\"\">"
            + Environment.NewLine,
            line);
    }

    [TestMethod]
    [DataRow(LogEventLevel.Verbose, "1")]
    [DataRow(LogEventLevel.Debug, "1")]
    [DataRow(LogEventLevel.Information, "1")]
    [DataRow(LogEventLevel.Warning, "2")]
    [DataRow(LogEventLevel.Error, "3")]
    [DataRow(LogEventLevel.Fatal, "3")]
    public void Format_EachLevel_MapsToCmTraceType(LogEventLevel level, string expectedType)
    {
        var match = CmTraceLine.Match(Format(Event(level, "x")).TrimEnd('\r', '\n'));

        Assert.IsTrue(match.Success);
        Assert.AreEqual(expectedType, match.Groups["type"].Value);
    }

    [TestMethod]
    [DataRow(60, "-060")]
    [DataRow(-480, "+480")]
    [DataRow(330, "-330")]
    [DataRow(0, "+000")]
    public void Format_LocalOffset_WritesWindowsBiasAndLocalTime(int offsetMinutes, string expectedBias)
    {
        var local = NoonUtc.ToOffset(TimeSpan.FromMinutes(offsetMinutes));

        var match = CmTraceLine.Match(Format(Event(LogEventLevel.Information, "x", local)).TrimEnd('\r', '\n'));

        Assert.IsTrue(match.Success);
        Assert.AreEqual(expectedBias, match.Groups["bias"].Value);
        Assert.AreEqual(local.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), match.Groups["time"].Value);
    }

    [TestMethod]
    public void Format_SourceContext_UsesLastSegmentAsComponent()
    {
        var line = Format(Event(LogEventLevel.Information, "x", properties:
            new LogEventProperty("SourceContext", new ScalarValue("CMDisconnectedSync.Workflow.ImportWorkflow"))));

        Assert.AreEqual("ImportWorkflow", CmTraceLine.Match(line.TrimEnd('\r', '\n')).Groups["component"].Value);
    }

    [TestMethod]
    public void Format_StructuredProperties_RendersThemIntoTheMessage()
    {
        var logEvent = Event(LogEventLevel.Warning, "Copied {Path} to {Server}", properties:
        [
            new LogEventProperty("Path", new ScalarValue(@"D:\WSUS\WsusContent\0A\file.cab")),
            new LogEventProperty("Server", new ScalarValue("CM01")),
        ]);

        var match = CmTraceLine.Match(Format(logEvent).TrimEnd('\r', '\n'));

        Assert.AreEqual("Copied \"D:\\WSUS\\WsusContent\\0A\\file.cab\" to \"CM01\"", match.Groups["message"].Value);
    }

    [TestMethod]
    public void Format_MessageContainingTerminator_StaysOneParsableRecord()
    {
        var line = Format(Event(LogEventLevel.Error, "evil ]LOG]!><time=\"x\" injected"));

        var match = CmTraceLine.Match(line.TrimEnd('\r', '\n'));
        Assert.IsTrue(match.Success);
        Assert.IsFalse(match.Groups["message"].Value.Contains("]LOG]!>", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Format_Exception_AppendsItInsideTheMessageField()
    {
        var line = Format(Event(LogEventLevel.Error, "wsusutil failed", exception: new IOException("disk full")));

        var match = CmTraceLine.Match(line.TrimEnd('\r', '\n'));
        Assert.IsTrue(match.Success);
        StringAssert.Contains(match.Groups["message"].Value, "System.IO.IOException: disk full");
        Assert.AreEqual("3", match.Groups["type"].Value);
    }

    [TestMethod]
    public void Constructor_BlankComponent_Throws()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new CmTraceTextFormatter(" "));
    }
}
