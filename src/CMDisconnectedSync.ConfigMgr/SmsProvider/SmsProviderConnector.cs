using System.Runtime.CompilerServices;
using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using Microsoft.ConfigurationManagement.ManagementProvider;
using Microsoft.ConfigurationManagement.ManagementProvider.WqlQueryEngine;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Connects to a site's SMS Provider with the ConfigMgr SDK: finds the console install (no console, no SDK: a clear
/// <see cref="ConfigMgrFailure.ConsoleNotInstalled"/> error), hooks assembly resolution to it, resolves the server
/// (<c>--site-server</c> or the console's last connection) and connects with <c>WqlConnectionManager.Connect</c>.
/// </summary>
public sealed class SmsProviderConnector : IConfigMgrSiteConnector
{
    private readonly ConfigMgrConsoleLocator _locator;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Func<string, IConfigMgrSite> _connect;

    /// <summary>The production connector: the process environment, the Windows registry and the system clock.</summary>
    public SmsProviderConnector(ILogger logger)
        : this(new ConfigMgrConsoleLocator(new ProcessEnvironmentReader(), new WindowsRegistryReader(), logger), TimeProvider.System, logger)
    {
    }

    public SmsProviderConnector(ConfigMgrConsoleLocator locator, TimeProvider clock, ILogger logger)
        : this(locator, clock, logger, connect: null)
    {
    }

    internal SmsProviderConnector(ConfigMgrConsoleLocator locator, TimeProvider clock, ILogger logger, Func<string, IConfigMgrSite>? connect)
    {
        _locator = locator ?? throw new ArgumentNullException(nameof(locator));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<SmsProviderConnector>();
        _connect = connect ?? (server => SmsProviderSession.Open(server, CreateWqlConnection, _clock, _logger));
    }

    public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken)
    {
        var sdkFolder = _locator.FindSdkFolder();
#if !NETFRAMEWORK
        throw new ConfigMgrException(ConfigMgrFailure.ConsoleNotInstalled,
            $"The ConfigMgr SDK in {sdkFolder} is a .NET Framework library; this build of cmdsync runs on .NET "
            + $"{Environment.Version}. Run the .NET Framework 4.8 build of cmdsync installed by CMDisconnectedSync.msi.");
#else
        var server = _locator.ResolveSiteServer(siteServer);
        SdkAssemblyResolver.Install(sdkFolder, _logger);
        return Task.Run(() => _connect(server), cancellationToken);
#endif
    }

    // Kept out of line so the SDK assemblies are first needed after the AssemblyResolve hook is installed.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ConnectionManagerBase CreateWqlConnection() => new WqlConnectionManager(new SmsNamedValuesDictionary());
}

/// <summary>Opens a connection and reads which site it reached.</summary>
internal static class SmsProviderSession
{
    /// <summary>Named value the SDK fills in on connect (Microsoft: "How to Connect to an SMS Provider … by Using Managed Code").</summary>
    public const string ConnectedSiteCodeKey = "ConnectedSiteCode";

    public static SmsProviderSite Open(string server, Func<ConnectionManagerBase> createConnection, TimeProvider clock, ILogger logger)
    {
        var calls = new ProviderCalls(server, clock, logger);
        var connection = calls.Run("connecting (WqlConnectionManager.Connect)", createConnection);
        try
        {
            var connected = calls.Run("connecting (WqlConnectionManager.Connect)", () => connection.Connect(server));
            if (!connected)
            {
                throw ConnectReturnedFalse(server);
            }

            // TryGetValue (the base Dictionary's): the SDK's own indexer throws KeyNotFoundException when the key is absent.
            var siteCode = calls.Run("reading the connected site code", () =>
                connection.NamedValueDictionary.TryGetValue(ConnectedSiteCodeKey, out var value) ? value as string : null);
            if (string.IsNullOrWhiteSpace(siteCode))
            {
                throw new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable,
                    $"Connected to {server}, but it reported no site code: it is not an SMS Provider. Name the site server with --site-server.");
            }

            logger.Information("Connected to the SMS Provider on {Server}, site {SiteCode}", server, siteCode);
            return new SmsProviderSite(connection, server, siteCode!, clock, logger);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// What <c>Connect</c> returning false means. Read from the SDK (AdminUI.WqlQueryEngine.dll and
    /// Microsoft.ConfigurationManagement.ManagementProvider.dll of console 1706, MikePohatu/Visualizer4CM@a1dd215, with
    /// ikdasm): <c>WqlConnectionManager.Connect</c> returns false only when, after the provider answered, the console's
    /// connection initializers fail with ArgumentOutOfRangeException: <c>ConnectionManagerBase.RunInitializers</c> loads
    /// each assembly registered under <c>HKLM\Software\Microsoft\ConfigMgr10\AdminUI\Initializers</c> and
    /// <c>LoadAndReadFeatureExposure</c> the feature-exposure assembly, and turns a missing, unreadable or broken assembly
    /// into that exception. Access denied, an unreachable server and WMI errors are thrown instead (ManagementException,
    /// COMException, UnauthorizedAccessException), and <see cref="SmsProviderErrors"/> names those.
    /// </summary>
    internal static ConfigMgrException ConnectReturnedFalse(string server) => new(ConfigMgrFailure.OperationFailed,
        $"The SMS Provider on {server} answered, but the ConfigMgr console installation on {Environment.MachineName} could not "
        + "set up the connection (WqlConnectionManager.Connect returned false: one of the console's connection initializers, "
        + @"registered under HKLM\SOFTWARE\Microsoft\ConfigMgr10\AdminUI\Initializers, or its feature-exposure assembly failed to load). "
        + "This is not a permission problem. Open the ConfigMgr console on this computer and connect to " + server + ": if it "
        + "fails too, repair or reinstall the console (matching the site's version) from the site server's "
        + @"Tools\ConsoleSetup folder, then run this again.");
}
