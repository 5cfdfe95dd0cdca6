using Serilog.Core;
using Serilog.Events;

namespace CMDisconnectedSync.Logging;

/// <summary>Adds the managed thread id that CMTrace shows in its Thread column.</summary>
public sealed class ThreadIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        _ = logEvent ?? throw new ArgumentNullException(nameof(logEvent));
        _ = propertyFactory ?? throw new ArgumentNullException(nameof(propertyFactory));
        logEvent.AddPropertyIfAbsent(
            propertyFactory.CreateProperty(CmTraceTextFormatter.ThreadIdPropertyName, Environment.CurrentManagedThreadId));
    }
}
