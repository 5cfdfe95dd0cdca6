namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>
/// Finds the console's <c>AdminConsole</c> folder: an explicit path first, then <c>SMS_ADMIN_UI_PATH</c>'s grandparent
/// (the variable points to <c>AdminConsole\bin\i386</c>, design.md §5), then the registry. A candidate counts only
/// if it holds <c>XmlStorage</c>.
/// </summary>
public sealed class AdminConsoleLocator
{
    private readonly IAdminConsoleHints _hints;

    public AdminConsoleLocator(IAdminConsoleHints hints) => _hints = hints ?? throw new ArgumentNullException(nameof(hints));

    public string Locate(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return IsAdminConsole(explicitPath!)
                ? Path.GetFullPath(explicitPath!)
                : throw new ConsoleNotFoundException(
                    $"'{explicitPath}' is not a ConfigMgr console folder (it has no XmlStorage subfolder). Pass the AdminConsole folder, "
                    + @"e.g. 'C:\Program Files (x86)\Microsoft Configuration Manager\AdminConsole'.");
        }

        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(_hints.SmsAdminUiPath))
        {
            var i386 = new DirectoryInfo(_hints.SmsAdminUiPath!.TrimEnd('\\', '/'));
            if (i386.Parent?.Parent is { } adminConsole)
            {
                candidates.Add(adminConsole.FullName);
            }
        }

        if (!string.IsNullOrWhiteSpace(_hints.RegistryUiInstallationDirectory))
        {
            candidates.Add(_hints.RegistryUiInstallationDirectory!.TrimEnd('\\', '/'));
        }

        foreach (var candidate in candidates)
        {
            if (IsAdminConsole(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new ConsoleNotFoundException(
            "No ConfigMgr console found: SMS_ADMIN_UI_PATH and the registry value 'UI Installation Directory' "
            + (candidates.Count == 0 ? "are not set" : "point to folders without XmlStorage (" + string.Join(", ", candidates) + ")")
            + ". Install the console, or pass --console-path <AdminConsole folder>.");
    }

    private static bool IsAdminConsole(string path) => Directory.Exists(Path.Combine(path, "XmlStorage"));
}
