using Serilog.Core;
using Serilog.Events;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

internal sealed class CapturingSink : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public IReadOnlyList<LogEvent> Events
    {
        get { lock (_events) { return _events.ToList(); } }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }

    public Serilog.ILogger CreateLogger() => new Serilog.LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();
}
