using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// Finds the console's AdminConsole folder once (with <see cref="AdminConsoleLocator"/>: --console-path, then
/// SMS_ADMIN_UI_PATH, then the registry) for the console checks that all need it.
/// </summary>
public sealed class ConsoleFolderLookup
{
    private readonly Lazy<(string? Folder, string Problem)> _result;

    public ConsoleFolderLookup(AdminConsoleLocator locator, string? explicitPath)
    {
        _ = locator ?? throw new ArgumentNullException(nameof(locator));
        _result = new Lazy<(string?, string)>(() =>
        {
            try
            {
                return (locator.Locate(explicitPath), string.Empty);
            }
            catch (ConsoleNotFoundException ex)
            {
                return (null, ex.Message);
            }
        });
    }

    /// <summary>The AdminConsole folder, or null when none was found (then <see cref="Problem"/> says why).</summary>
    public string? Folder => _result.Value.Folder;

    public string Problem => _result.Value.Problem;
}
