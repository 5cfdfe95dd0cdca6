using System.Runtime.CompilerServices;
using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;
using Serilog;

namespace CMDisconnectedSync.App;

/// <summary>
/// The demo lab behind <c>--lab</c>, opened for the wizard. Every type of <c>CMDisconnectedSync.Lab.dll</c> stays inside
/// <see cref="Open"/>, which is never inlined into <see cref="AppLauncher"/>: the runtime loads an assembly when it
/// compiles a method that uses its types, so a production install, whose MSI puts the lab in the off-by-default Demo
/// feature, starts without it.
/// </summary>
internal sealed record LabSession(IDisconnectedSyncOperations Operations, IServerCheck ServerCheck, string Root, LabWizardDefaults Defaults)
{
    /// <summary>The lab's assembly, which only the MSI's Demo feature installs.</summary>
    public const string LabAssemblyFile = "CMDisconnectedSync.Lab.dll";

    /// <summary>
    /// Whether the lab is installed beside the app. Checked before <see cref="Open"/>: a missing assembly surfaces there as
    /// a FileNotFoundException on .NET Framework but as a TypeLoadException about a task's field under Mono.
    /// </summary>
    public static bool IsInstalled => File.Exists(Path.Combine(AppContext.BaseDirectory, LabAssemblyFile));

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static LabSession Open(string folder, TimeProvider clock, ILogger logger, string logPath)
    {
        // Before the first form: no UI synchronization context yet, so waiting here cannot deadlock.
        var lab = LabBackendComposition.OpenAsync(folder, clock, logger, logPath, CancellationToken.None).GetAwaiter().GetResult();
        var defaults = lab.DefaultsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new LabSession(lab.Operations, lab.ServerCheck, lab.Lab.Root, defaults);
    }
}
