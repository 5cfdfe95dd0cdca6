using System.Windows.Forms;

namespace CMDisconnectedSync.App;

/// <summary>Entry point: set up WinForms, hand the command line to <see cref="AppLauncher"/>, return its exit code.</summary>
internal static class Program
{
    [STAThread]
    private static int Main(string[] args)
    {
        // First call in Main, as Microsoft's high-DPI guidance requires.
        Application.EnableVisualStyles();
        Application.SetCompatibleTextRenderingDefault(false);
        return new AppLauncher().Run(args);
    }
}
