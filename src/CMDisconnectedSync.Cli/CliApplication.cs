using System.CommandLine;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.Cli.Workflows;

namespace CMDisconnectedSync.Cli;

/// <summary>Builds the <c>cmdsync</c> command tree and runs one invocation.</summary>
public static class CliApplication
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, new WindowsWorkflowHost());

    /// <summary>Runs one invocation with the workflows composed by <paramref name="host"/> (the lab or tests pass their own).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IWorkflowHost host)
    {
        var globalOptions = new GlobalOptions();
        var root = BuildRootCommand(globalOptions, output, error, host);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'cmdsync --help' for the verbs and options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Ctrl+C cancels the verb's token; give a running workflow time to stop wsusutil, finish the file in flight
        // and journal where it stopped (then exit code 3), instead of System.CommandLine's 2-second default after
        // which the process ends without our exit code. Source: learn.microsoft.com, InvocationConfiguration.ProcessTerminationTimeout.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        // System.CommandLine hears Ctrl+C only once the verb first waits asynchronously; this listens from now on.
        using var ctrlC = new CtrlCListener();
        return await parseResult.InvokeAsync(configuration, ctrlC.Token).ConfigureAwait(false);
    }

    internal static RootCommand BuildRootCommand(GlobalOptions globalOptions, TextWriter output, TextWriter error, IWorkflowHost? host = null)
    {
        var root = new RootCommand(
            "cmdsync moves software updates from an internet-facing WSUS/ConfigMgr software update point to a "
            + "disconnected one as a signed, verified, resumable transfer bundle.");
        globalOptions.AddTo(root);

        var context = new CommandContextFactory(globalOptions, output, error);
        var workflows = new WorkflowVerbSupport(context, host ?? new WindowsWorkflowHost());
        root.Subcommands.Add(ExportCommand.Create(workflows));
        root.Subcommands.Add(ImportCommand.Create(workflows));
        root.Subcommands.Add(StatusCommand.Create(workflows));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(ConsoleCommand.Create(context));
        var configMgr = new ConfigMgrVerbSupport(context, logger => new CMDisconnectedSync.ConfigMgr.SmsProvider.SmsProviderConnector(logger));
        root.Subcommands.Add(CategoriesCommand.Create(configMgr));
        root.Subcommands.Add(SyncCommand.Create(configMgr));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(ReceiptCommand.Create(context));
        root.Subcommands.Add(BundleCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        return root;
    }
}
