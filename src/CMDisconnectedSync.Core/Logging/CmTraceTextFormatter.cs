using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace CMDisconnectedSync.Logging;

/// <summary>
/// Writes one Serilog event as one line that CMTrace (and OneTrace, Support Center) parses:
/// <c>&lt;![LOG[message]LOG]!&gt;&lt;time="HH:mm:ss.fff+BBB" date="MM-dd-yyyy" component="…" context="" type="1|2|3" thread="…" file=""&gt;</c>.
/// </summary>
/// <remarks>
/// The shape is the one ConfigMgr's own logs use (smsts.log, wsyncmgr.log). The number after the time is the
/// Windows time-zone <em>bias</em> in minutes (UTC = local + bias), so UTC+01:00 is written as <c>-060</c> and
/// UTC-08:00 as <c>+480</c>. <c>type</c> is 1 information, 2 warning, 3 error: CMTrace colours lines by it.
/// CMTrace has no escape for its own delimiters, so <c>]LOG]!&gt;</c> inside a message is defused.
/// </remarks>
public sealed class CmTraceTextFormatter : ITextFormatter
{
    /// <summary>Property holding the managed thread id (see <see cref="ThreadIdEnricher"/>).</summary>
    public const string ThreadIdPropertyName = "ThreadId";

    private const string SourceContextPropertyName = "SourceContext";
    private const string MessageTerminator = "]LOG]!>";

    private readonly string _defaultComponent;

    public CmTraceTextFormatter(string defaultComponent)
    {
        if (string.IsNullOrWhiteSpace(defaultComponent))
        {
            throw new ArgumentException("A CMTrace component name is required (it fills CMTrace's Component column).", nameof(defaultComponent));
        }

        _defaultComponent = defaultComponent;
    }

    public void Format(LogEvent logEvent, TextWriter output)
    {
        _ = logEvent ?? throw new ArgumentNullException(nameof(logEvent));
        _ = output ?? throw new ArgumentNullException(nameof(output));

        var message = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        if (logEvent.Exception is not null)
        {
            message = message + Environment.NewLine + logEvent.Exception;
        }

        var timestamp = logEvent.Timestamp;
        output.Write("<![LOG[");
        output.Write(Defuse(message));
        output.Write(MessageTerminator);
        output.Write("<time=\"");
        output.Write(timestamp.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        output.Write(FormatBias(timestamp.Offset));
        output.Write("\" date=\"");
        output.Write(timestamp.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture));
        output.Write("\" component=\"");
        output.Write(Attribute(ComponentOf(logEvent)));
        output.Write("\" context=\"\" type=\"");
        output.Write(SeverityOf(logEvent.Level).ToString(CultureInfo.InvariantCulture));
        output.Write("\" thread=\"");
        output.Write(Attribute(ThreadOf(logEvent)));
        output.Write("\" file=\"\">");
        output.WriteLine();
    }

    /// <summary>CMTrace line type: 1 information, 2 warning, 3 error.</summary>
    public static int SeverityOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Warning => 2,
        LogEventLevel.Error or LogEventLevel.Fatal => 3,
        _ => 1,
    };

    /// <summary>Windows bias in minutes: the sign is the opposite of the UTC offset, always three digits.</summary>
    public static string FormatBias(TimeSpan utcOffset)
    {
        var bias = -(int)Math.Round(utcOffset.TotalMinutes);
        var sign = bias < 0 ? "-" : "+";
        return sign + Math.Abs(bias).ToString("000", CultureInfo.InvariantCulture);
    }

    private string ComponentOf(LogEvent logEvent)
    {
        if (logEvent.Properties.TryGetValue(SourceContextPropertyName, out var value)
            && value is ScalarValue { Value: string sourceContext }
            && sourceContext.Length > 0)
        {
            var lastDot = sourceContext.LastIndexOf('.');
            return lastDot >= 0 ? sourceContext.Substring(lastDot + 1) : sourceContext;
        }

        return _defaultComponent;
    }

    private static string ThreadOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue(ThreadIdPropertyName, out var value) && value is ScalarValue { Value: not null } scalar
            ? Convert.ToString(scalar.Value, CultureInfo.InvariantCulture) ?? string.Empty
            : string.Empty;

    // A message containing the terminator would end the message field early and corrupt the line in CMTrace.
    private static string Defuse(string message) => message.Replace(MessageTerminator, "]LOG]!&gt;");

    private static string Attribute(string value) => value.Replace("\"", "'").Replace("\r", " ").Replace("\n", " ");
}
