using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Installation;

/// <summary>Stand-in for the process list: consoles "run" when a test starts them.</summary>
internal sealed class FakeConsoleProcessProbe : IConsoleProcessProbe
{
    private readonly List<int> _running = [];

    public FakeConsoleProcessProbe StartConsole(int processId)
    {
        _running.Add(processId);
        return this;
    }

    public IReadOnlyList<int> RunningConsoleProcessIds() => _running.ToList();
}
