using System.Diagnostics;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Cli.Adapters;

/// <summary>Finds running ConfigMgr consoles (<c>AdminConsole\bin\Microsoft.ConfigurationManagement.exe</c>) by process name.</summary>
internal sealed class ConsoleProcessProbe : IConsoleProcessProbe
{
    public const string ConsoleProcessName = "Microsoft.ConfigurationManagement";

    public IReadOnlyList<int> RunningConsoleProcessIds()
    {
        var processes = Process.GetProcessesByName(ConsoleProcessName);
        try
        {
            return processes.Select(p => p.Id).ToList();
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }
        }
    }
}
