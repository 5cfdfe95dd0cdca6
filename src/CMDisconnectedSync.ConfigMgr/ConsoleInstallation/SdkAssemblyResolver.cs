using System.Reflection;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Loads the ConfigMgr SDK assemblies (and the console assemblies they depend on) from the console's
/// <c>AdminConsole\bin</c> when the runtime asks for them: we compile against them but never ship or copy them.
/// </summary>
public static class SdkAssemblyResolver
{
    private static readonly object Gate = new();
    private static string? _installedFolder;

    /// <summary>Installs the <see cref="AppDomain.AssemblyResolve"/> hook once per process for <paramref name="sdkFolder"/>.</summary>
    public static void Install(string sdkFolder, ILogger logger)
    {
        _ = sdkFolder ?? throw new ArgumentNullException(nameof(sdkFolder));
        _ = logger ?? throw new ArgumentNullException(nameof(logger));
        lock (Gate)
        {
            if (_installedFolder is not null)
            {
                return;
            }

            _installedFolder = sdkFolder;
            AppDomain.CurrentDomain.AssemblyResolve += (_, args) => Resolve(sdkFolder, args.Name, logger);
            logger.Debug("Resolving ConfigMgr SDK assemblies from {Folder}", sdkFolder);
        }
    }

    /// <summary>The path to load for <paramref name="assemblyName"/> from <paramref name="sdkFolder"/>, or null when it is not a console assembly there.</summary>
    public static string? PathFor(string sdkFolder, string assemblyName)
    {
        var name = new AssemblyName(assemblyName).Name;
        if (name is null || !IsConsoleAssembly(name))
        {
            return null;
        }

        var path = Path.Combine(sdkFolder, name + ".dll");
        return File.Exists(path) ? path : null;
    }

    private static Assembly? Resolve(string sdkFolder, string assemblyName, ILogger logger)
    {
        var path = PathFor(sdkFolder, assemblyName);
        if (path is null)
        {
            return null;
        }

        logger.Debug("Loading {Assembly} from {Path}", assemblyName, path);
        return Assembly.LoadFrom(path);
    }

    // Only the SDK and the console assemblies it pulls in; other DLLs in AdminConsole\bin (e.g. Newtonsoft.Json)
    // must not replace the versions we ship.
    private static bool IsConsoleAssembly(string name) =>
        name.StartsWith("Microsoft.ConfigurationManagement.", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AdminUI.", StringComparison.OrdinalIgnoreCase);
}
