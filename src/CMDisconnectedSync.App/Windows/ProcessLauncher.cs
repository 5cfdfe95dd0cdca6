using System.Diagnostics;
using CMDisconnectedSync.App.Presentation.Logs;

namespace CMDisconnectedSync.App.Windows;

/// <summary>Starts a program (the log viewer) and does not wait for it.</summary>
internal sealed class ProcessLauncher : IProcessLauncher
{
    public void Start(string fileName, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { UseShellExecute = false });
    }
}
