namespace CMDisconnectedSync.App.Presentation.Logs;

/// <summary>Seam over starting a program (the log viewer) without waiting for it.</summary>
public interface IProcessLauncher
{
    void Start(string fileName, string arguments);
}
