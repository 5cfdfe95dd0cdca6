using Serilog;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

internal static class TestLogger
{
    /// <summary>A logger that drops everything: for tests that assert on results, not on log lines.</summary>
    public static ILogger Silent { get; } = new LoggerConfiguration().CreateLogger();
}
