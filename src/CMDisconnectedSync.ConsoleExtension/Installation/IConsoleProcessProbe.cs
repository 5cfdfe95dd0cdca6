namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>Tells whether a ConfigMgr console is running (it reads XmlStorage only at start-up and holds it open).</summary>
public interface IConsoleProcessProbe
{
    /// <summary>Process ids of running <c>Microsoft.ConfigurationManagement.exe</c>; empty when none.</summary>
    IReadOnlyList<int> RunningConsoleProcessIds();
}
