namespace CMDisconnectedSync.Lab.Wsus;

/// <summary>
/// Finds the lab stand-in for WsusUtil.exe (<c>wsusutil-lab</c>, project CMDisconnectedSync.Lab.WsusUtil), which the
/// CLI build copies next to <c>cmdsync</c>.
/// </summary>
public static class LabWsusUtilProgram
{
    public const string ProgramName = "wsusutil-lab";

    /// <summary>The program in <paramref name="folder"/> (default: this process's own folder); throws when it is missing.</summary>
    public static string Locate(string? folder = null)
    {
        folder ??= AppContext.BaseDirectory;
        var candidates = new[] { ProgramName + ".exe", ProgramName }.Select(name => Path.Combine(folder, name));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"The lab wsusutil ({ProgramName}) is not in {folder}. It is built with cmdsync: run './build.sh demo' or "
                + "build src/CMDisconnectedSync.Cli again, which copies it there.",
                Path.Combine(folder, ProgramName));
    }
}
