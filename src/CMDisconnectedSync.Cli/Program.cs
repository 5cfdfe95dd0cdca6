namespace CMDisconnectedSync.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // First, before any other type is loaded: from here on Ctrl+C cancels (exit 3) instead of ending the process.
        using var ctrlC = new CtrlCListener();
        return CliApplication.RunAsync(args, Console.Out, Console.Error, new Workflows.WindowsWorkflowHost(), ctrlC, CancellationToken.None).GetAwaiter().GetResult();
    }
}
