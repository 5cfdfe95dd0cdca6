namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>The site the ConfigMgr console connected to last.</summary>
public sealed record ConsoleConnection(string ServerName, string? SiteCode);

/// <summary>
/// Seam over the console's most-recently-used connection
/// (<c>HKCU\Software\Microsoft\ConfigMgr10\AdminUI\MRU\1</c> <c>ServerName</c>/<c>SiteCode</c>, design.md §6).
/// </summary>
public interface IConsoleConnectionHistory
{
    /// <summary>The last connection, or null when the console never connected for this user.</summary>
    ConsoleConnection? GetLastConnection();
}
