using System.Reflection;
using CMDisconnectedSync.ConfigMgr.SmsProvider;

namespace CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

/// <summary>
/// Reads ConfigMgr SDK assembly identities without loading any SDK code: the ones this adapter was compiled against
/// (its own assembly references, i.e. what the runtime will ask the console for) and the one a DLL on disk declares
/// (<see cref="AssemblyName.GetAssemblyName(string)"/> reads the manifest only; the assembly is not loaded).
/// </summary>
public static class SdkIdentityReader
{
    /// <summary>The SDK assembly files the adapter needs from the console's <c>AdminConsole\bin</c>.</summary>
    public static IReadOnlyList<string> SdkFileNames { get; } =
        [ConfigMgrConsoleLocator.ManagementProviderFile, ConfigMgrConsoleLocator.WqlQueryEngineFile];

    /// <summary>
    /// The SDK identities recorded in CMDisconnectedSync.ConfigMgr.dll's assembly references: the single source of the
    /// expected identity (the build takes them from the real SDK or from eng/ConfigMgrSdkReference).
    /// </summary>
    public static IReadOnlyList<SdkAssemblyIdentity> CompiledAgainst() =>
        typeof(SmsProviderSite).Assembly.GetReferencedAssemblies()
            .Where(reference => SdkFileNames.Any(file => string.Equals(Path.GetFileNameWithoutExtension(file), reference.Name, StringComparison.OrdinalIgnoreCase)))
            .Select(ToIdentity)
            .OrderBy(identity => identity.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The identity <paramref name="assemblyPath"/> declares. Throws <see cref="FileNotFoundException"/> when absent,
    /// <see cref="BadImageFormatException"/> when it is not a .NET assembly, <see cref="UnauthorizedAccessException"/>
    /// or <see cref="System.Security.SecurityException"/> when it cannot be read.
    /// </summary>
    public static SdkAssemblyIdentity ReadFromFile(string assemblyPath) => ToIdentity(AssemblyName.GetAssemblyName(assemblyPath));

    private static SdkAssemblyIdentity ToIdentity(AssemblyName name)
    {
        var token = name.GetPublicKeyToken() ?? [];
        return new SdkAssemblyIdentity(
            name.Name ?? string.Empty,
            name.Version?.ToString() ?? string.Empty,
            string.Concat(token.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))),
            name.CultureName ?? string.Empty);
    }
}
