using CMDisconnectedSync.App.Presentation.Logs;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>Records the programs the app would start.</summary>
internal sealed class RecordingLauncher : IProcessLauncher
{
    public List<string> Started { get; } = [];

    public void Start(string fileName, string arguments) => Started.Add(fileName + " " + arguments);
}
