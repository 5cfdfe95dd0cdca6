namespace CMDisconnectedSync.Testing.ConfigMgr;

/// <summary>
/// The compile-only ConfigMgr SDK reference assemblies our adapter is built against (eng/ConfigMgrSdkReference), copied
/// beside the tests into <c>ConfigMgrSdkReference/</c>: real .NET assemblies with the SDK's names that declare exactly
/// the types and members the adapter uses, so a console bin folder holding them satisfies the doctor's SDK checks.
/// Not the ConfigMgr SDK (which is never in this repository).
/// </summary>
public static class SdkReferenceAssemblies
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ConfigMgrSdkReference");

    public static IReadOnlyList<string> FileNames { get; } =
        ["Microsoft.ConfigurationManagement.ManagementProvider.dll", "AdminUI.WqlQueryEngine.dll"];

    /// <summary>Copies both reference assemblies into <paramref name="binFolder"/> (a console's <c>AdminConsole\bin</c>).</summary>
    public static void CopyInto(string binFolder)
    {
        Directory.CreateDirectory(binFolder);
        foreach (var file in FileNames)
        {
            File.Copy(Path.Combine(Folder, file), Path.Combine(binFolder, file), overwrite: true);
        }
    }
}
