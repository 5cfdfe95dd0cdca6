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
        using var ctrlC = new CtrlCListener();
        return await RunAsync(args, output, error, host, ctrlC, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one invocation with Ctrl+C heard by <paramref name="ctrlC"/>, which <see cref="Program"/> creates as its very
    /// first statement: building the command tree and parsing take the first ~0.1 s, and a Ctrl+C there used to end
    /// the process by the signal (no JSON, no exit 3). Only a Ctrl+C while the runtime itself is still starting, before
    /// Main, is beyond any .NET code.
    /// </summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IWorkflowHost host, CtrlCListener ctrlC, CancellationToken cancellation)
    {
        _ = ctrlC ?? throw new ArgumentNullException(nameof(ctrlC));
        using var invocation = CancellationTokenSource.CreateLinkedTokenSource(ctrlC.Token, cancellation);
        var globalOptions = new GlobalOptions();
        var root = BuildRootCommand(globalOptions, output, error, host);
        // No response files: '@x' is an argument like any other (a bundle folder may start with '@'), and
        // 'cmdsync @/dev/zero' read until memory ran out. Source: learn.microsoft.com, ParserConfiguration.ResponseFileTokenReplacer
        // ("null to disable response files support").
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            return UsageErrors.Write(parseResult, globalOptions, output, error);
        }

        var contexts = new CommandContextFactory(globalOptions, output, error);
        if (invocation.IsCancellationRequested)
        {
            // Ctrl+C while the command line was being read: nothing was started.
            using var context = contexts.CreateOrFallBack(parseResult);
            return await WorkflowVerbSupport.CancelledAsync(context).ConfigureAwait(false);
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
        try
        {
            return await parseResult.InvokeAsync(configuration, invocation.Token).ConfigureAwait(false);
        }
        // System.CommandLine's own SIGINT/SIGTERM handler cancels the token it hands the verb; it may run before this
        // listener's handler of the same signal, so the verb's cancellation can arrive here before 'invocation' is
        // cancelled (seen as exit 1 "unexpected error: The operation was canceled" by EarlyCtrlCTests, 4 runs in 11).
        catch (OperationCanceledException exception) when (invocation.IsCancellationRequested || exception.CancellationToken.IsCancellationRequested)
        {
            using var context = contexts.CreateOrFallBack(parseResult);
            return await WorkflowVerbSupport.CancelledAsync(context).ConfigureAwait(false);
        }
        catch (LogFileUnavailableException exception)
        {
            // The verb could not open its log: say so on standard error (or as the JSON result) and name the path.
            using var context = contexts.CreateWithoutLogFile(parseResult, exception);
            return context.Fail(ExitCodes.FileSystemFailed, FormattableString.Invariant($"cmdsync {VerbOf(parseResult)}: {OneLine(exception.Message)}"));
        }
        catch (Exception exception) when (ExitCodes.ForDeploymentContent(exception) is { } code)
        {
            // A fetched or carried update file is not Microsoft's, or could not be fetched: the message names the update and URL.
            using var context = contexts.CreateOrFallBack(parseResult);
            return context.Fail(code, FormattableString.Invariant($"cmdsync {VerbOf(parseResult)}: {OneLine(exception.Message)}"), exception);
        }
#pragma warning disable CA1031 // The last line of defence: any other exception is a bug or an unforeseen failure; log it, say where, exit 1.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            using var context = contexts.CreateOrFallBack(parseResult);
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
        root.Subcommands.Add(ContentCommand.Create(configMgr));
        root.Subcommands.Add(VerifyCommand.Create(context, workflows.IsInteractive));
        root.Subcommands.Add(KeysCommand.Create(context));
        root.Subcommands.Add(ReceiptCommand.Create(context));
        root.Subcommands.Add(BundleCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        return root;
    }
}
