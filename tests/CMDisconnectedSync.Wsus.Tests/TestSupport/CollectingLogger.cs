using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>A Serilog logger whose events the test can read back (rendered messages, in order).</summary>
internal sealed class CollectingLogger : ILogEventSink
{
    private readonly List<string> _messages = [];

    public CollectingLogger() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_messages)
        {
            _messages.Add(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
