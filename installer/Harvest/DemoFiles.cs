namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>
/// Recognises the files of the demo lab's assemblies in a publish folder. The App and the CLI reference the lab
/// (cmdsync demo, the wizard's --lab), so its assemblies sit in their publish output; the MSI ships them only in the
/// Demo feature, which a default install leaves out. The names come from the "demo:" lines of
/// installer/shipped-projects.txt (build.sh passes them as --demo-assembly).
/// </summary>
internal static class DemoFiles
{
    /// <summary>What an assembly named N brings along: N.exe, N.dll, their .config, and satellite N.resources.dll.</summary>
    private static readonly string[] Suffixes = [".exe", ".dll", ".exe.config", ".dll.config", ".resources.dll"];

    /// <param name="installPath">'/'-separated path below the install folder, e.g. <c>wsusutil-lab.exe</c>.</param>
    public static bool IsDemoFile(string installPath, IReadOnlyCollection<string> demoAssemblies)
    {
        var fileName = installPath[(installPath.LastIndexOf('/') + 1)..];
        return demoAssemblies.Any(assembly => Suffixes.Any(suffix =>
            fileName.Equals(assembly + suffix, StringComparison.OrdinalIgnoreCase)));
    }
}
