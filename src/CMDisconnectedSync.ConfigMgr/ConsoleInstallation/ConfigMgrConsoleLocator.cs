using Serilog;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Finds what the SMS Provider SDK needs on this computer: the console's <c>AdminConsole\bin</c> folder holding the SDK
/// assemblies, and the site server the console last connected to (design.md §5, §6).
/// </summary>
public sealed class ConfigMgrConsoleLocator
{
    /// <summary>Set by console setup to <c>…\AdminConsole\bin\i386</c>; the SDK DLLs are in its parent.</summary>
    public const string AdminUiPathVariable = "SMS_ADMIN_UI_PATH";

    /// <summary>Console setup key (HKLM) and its value holding <c>…\AdminConsole\</c>. Key path *unconfirmed* by a primary source.</summary>
    public const string SetupKey = @"SOFTWARE\Microsoft\ConfigMgr10\Setup";
    public const string UiInstallationDirectoryValue = "UI Installation Directory";

    /// <summary>The console's most recent connection (HKCU), value <c>ServerName</c> (design.md §6).</summary>
    public const string MostRecentConnectionKey = @"Software\Microsoft\ConfigMgr10\AdminUI\MRU\1";
    public const string MostRecentServerValue = "ServerName";

    /// <summary>
    /// Where the console connects when the user has no MRU entry yet (a new profile, a service account, a scheduled task):
    /// the server console setup recorded, HKLM, value <c>Server</c>. The console reads MRU\1 <c>ServerName</c> first and
    /// falls back to this key (blog.bitsadmin.com, "Living Off the Foreign Land", 2023-08-15, section on the ConfigMgr
    /// console); Microsoft's lab builder reads the same value to find the site server
    /// (vinaypamnani-msft/memlabs, vmbuild/DSC/phases/Upgrade-Console.ps1 @50fe8c4). The console is 32-bit, so the key
    /// is under WOW6432Node.
    /// </summary>
    public const string ConsoleConnectionKey = @"SOFTWARE\WOW6432Node\Microsoft\ConfigMgr10\AdminUI\Connection";
    public const string ConsoleConnectionServerValue = "Server";

    public const string ManagementProviderFile = "Microsoft.ConfigurationManagement.ManagementProvider.dll";
    public const string WqlQueryEngineFile = "AdminUI.WqlQueryEngine.dll";

    private readonly IEnvironmentReader _environment;
    private readonly IRegistryReader _registry;
    private readonly ILogger _logger;

    public ConfigMgrConsoleLocator(IEnvironmentReader environment, IRegistryReader registry, ILogger logger)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<ConfigMgrConsoleLocator>();
    }

    /// <summary>The folder holding both SDK assemblies; throws <see cref="ConfigMgrFailure.ConsoleNotInstalled"/> when none.</summary>
    public string FindSdkFolder()
    {
        var tried = new List<string>();
        var adminUiPath = _environment.GetVariable(AdminUiPathVariable);
        if (!string.IsNullOrWhiteSpace(adminUiPath))
        {
            var candidate = Path.GetDirectoryName(adminUiPath!.TrimEnd('\\', '/'));
            if (candidate is not null && HoldsSdk(candidate, tried, $"{AdminUiPathVariable}={adminUiPath}"))
            {
                return candidate;
            }
        }
        else
        {
            tried.Add($"{AdminUiPathVariable} is not set");
        }

        var installDirectory = _registry.GetString(RegistryRoot.LocalMachine, SetupKey, UiInstallationDirectoryValue);
        if (!string.IsNullOrWhiteSpace(installDirectory))
        {
            var candidate = Path.Combine(installDirectory!, "bin");
            if (HoldsSdk(candidate, tried, $@"HKLM\{SetupKey} '{UiInstallationDirectoryValue}'"))
            {
                return candidate;
            }
        }
        else
        {
            tried.Add($@"HKLM\{SetupKey} has no '{UiInstallationDirectoryValue}'");
        }

        throw new ConfigMgrException(ConfigMgrFailure.ConsoleNotInstalled,
            $"No ConfigMgr console is installed on {Environment.MachineName}, so the ConfigMgr SDK ({ManagementProviderFile}, "
            + $"{WqlQueryEngineFile}) is not available ({string.Join("; ", tried)}). Run this command on a computer with the "
            + "ConfigMgr console installed (the site server or an admin workstation), or install the console here.");
    }

    /// <summary>
    /// <paramref name="siteServer"/> when given, else the server the console last connected to; throws
    /// <see cref="ConfigMgrFailure.SiteServerUnknown"/> when neither is known.
    /// </summary>
    public string ResolveSiteServer(string? siteServer)
    {
        if (!string.IsNullOrWhiteSpace(siteServer))
        {
            return siteServer!.Trim();
        }

        if (ConsoleConnectionSettings.Read(_registry) is { } connection)
        {
            _logger.Information("No --site-server given; using {Server} from {Source}", connection.ServerName, connection.Source);
            return connection.ServerName;
        }

        throw new ConfigMgrException(ConfigMgrFailure.SiteServerUnknown,
            $@"No site server given and the ConfigMgr console on {Environment.MachineName} has no recent connection "
            + $@"(HKCU\{MostRecentConnectionKey} '{MostRecentServerValue}') and no default one (HKLM\{ConsoleConnectionKey} "
            + $"'{ConsoleConnectionServerValue}'). Name the SMS Provider server with --site-server, e.g. --site-server CM01.corp.example.");
    }

    private bool HoldsSdk(string folder, List<string> tried, string source)
    {
        var present = File.Exists(Path.Combine(folder, ManagementProviderFile)) && File.Exists(Path.Combine(folder, WqlQueryEngineFile));
        if (!present)
        {
            tried.Add($"{source}: {folder} has no {ManagementProviderFile} and {WqlQueryEngineFile}");
        }

        _logger.Debug("ConfigMgr SDK in {Folder} (from {Source}): {Present}", folder, source, present);
        return present;
    }
}

/// <summary>The server the ConfigMgr console connects to, and where that was read.</summary>
/// <param name="ServerName">The SMS Provider server.</param>
/// <param name="SiteCode">The site code when the console recorded one (the MRU entry does), else null.</param>
/// <param name="Source">The registry key and value it came from, for logs and messages.</param>
public sealed record ConsoleConnectionTarget(string ServerName, string? SiteCode, string Source);

/// <summary>
/// Reads the console's connection the way the console does: this user's most recent connection (HKCU MRU\1
/// <c>ServerName</c>/<c>SiteCode</c>), else the connection console setup recorded for the machine (HKLM Connection
/// <c>Server</c>); see <see cref="ConfigMgrConsoleLocator.ConsoleConnectionKey"/> for the sources.
/// </summary>
public static class ConsoleConnectionSettings
{
    public const string MostRecentSiteCodeValue = "SiteCode";

    /// <summary>The connection, or null when neither key names a server.</summary>
    public static ConsoleConnectionTarget? Read(IRegistryReader registry)
    {
        _ = registry ?? throw new ArgumentNullException(nameof(registry));
        var recent = registry.GetString(RegistryRoot.CurrentUser, ConfigMgrConsoleLocator.MostRecentConnectionKey, ConfigMgrConsoleLocator.MostRecentServerValue);
        if (!string.IsNullOrWhiteSpace(recent))
        {
            var siteCode = registry.GetString(RegistryRoot.CurrentUser, ConfigMgrConsoleLocator.MostRecentConnectionKey, MostRecentSiteCodeValue);
            return new ConsoleConnectionTarget(recent!.Trim(), string.IsNullOrWhiteSpace(siteCode) ? null : siteCode!.Trim(),
                $@"the console's last connection (HKCU\{ConfigMgrConsoleLocator.MostRecentConnectionKey} '{ConfigMgrConsoleLocator.MostRecentServerValue}')");
        }

        var installed = registry.GetString(RegistryRoot.LocalMachine, ConfigMgrConsoleLocator.ConsoleConnectionKey, ConfigMgrConsoleLocator.ConsoleConnectionServerValue);
        return string.IsNullOrWhiteSpace(installed)
            ? null
            : new ConsoleConnectionTarget(installed!.Trim(), null,
                $@"the console's default connection (HKLM\{ConfigMgrConsoleLocator.ConsoleConnectionKey} '{ConfigMgrConsoleLocator.ConsoleConnectionServerValue}')");
    }
}
