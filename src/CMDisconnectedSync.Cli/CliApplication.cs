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
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IWorkflowHost host) =>
        RunAsync(args, output, error, host, CancellationToken.None);

    /// <summary>As Ctrl+C does, <paramref name="cancellation"/> cancels the verb (tests cancel without a signal).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IWorkflowHost host, CancellationToken cancellation)
    {
        var globalOptions = new GlobalOptions();
        var root = BuildRootCommand(globalOptions, output, error, host);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return UsageErrors.Write(parseResult, globalOptions, output, error);
        }

        // Ctrl+C cancels the verb's token; give a running workflow time to stop wsusutil, finish the file in flight
        // and journal where it stopped (then exit code 3), instead of System.CommandLine's 2-second default after
        // which the process ends without our exit code. Source: learn.microsoft.com, InvocationConfiguration.ProcessTerminationTimeout.
        // What a verb does not handle itself reaches the catch blocks below, not System.CommandLine's default handler (which
        // returns 1 and prints nothing for a cancellation, or "Unhandled exception" with a stack trace for anything else).
        var configuration = new InvocationConfiguration
        {
            Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(30), EnableDefaultExceptionHandler = false,
        };
        // System.CommandLine hears Ctrl+C only once the verb first waits asynchronously; this listens from now on.
        using var ctrlC = new CtrlCListener();
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(ctrlC.Token, cancellation);
        try
        {
            return await parseResult.InvokeAsync(configuration, invocation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (invocation.IsCancellationRequested)
        {
            using var context = new CommandContextFactory(globalOptions, output, error).Create(parseResult);
            return await WorkflowVerbSupport.CancelledAsync(context).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The last line of defence: any other exception is a bug or an unforeseen failure; log it, say where, exit 1.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            using var context = new CommandContextFactory(globalOptions, output, error).Create(parseResult);
            var message = FormattableString.Invariant($"cmdsync {VerbOf(parseResult)}: unexpected error: {OneLine(exception.Message)} The log has the details: {context.LogPath}");
            return context.Fail(ExitCodes.Failure, message, exception);
        }
    }

    private static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>The verb as typed, e.g. <c>keys list</c>.</summary>
    private static string VerbOf(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is { Parent: not null }; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(" ", names);
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
