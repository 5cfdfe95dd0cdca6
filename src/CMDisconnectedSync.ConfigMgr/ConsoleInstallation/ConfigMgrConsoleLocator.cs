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

        var recent = _registry.GetString(RegistryRoot.CurrentUser, MostRecentConnectionKey, MostRecentServerValue);
        if (!string.IsNullOrWhiteSpace(recent))
        {
            _logger.Information("No --site-server given; using {Server}, the console's last connection", recent);
            return recent!.Trim();
        }

        throw new ConfigMgrException(ConfigMgrFailure.SiteServerUnknown,
            $@"No site server given and the ConfigMgr console on {Environment.MachineName} has no recent connection "
            + $@"(HKCU\{MostRecentConnectionKey} '{MostRecentServerValue}'). Name the SMS Provider server with --site-server, "
            + "e.g. --site-server CM01.corp.example.");
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
