using System.CommandLine;
using CMDisconnectedSync.Cli.Commands;

namespace CMDisconnectedSync.Cli;

/// <summary>Builds the <c>cmdsync</c> command tree and runs one invocation.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var globalOptions = new GlobalOptions();
        var root = BuildRootCommand(globalOptions, output, error);
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

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }

    internal static RootCommand BuildRootCommand(GlobalOptions globalOptions, TextWriter output, TextWriter error)
    {
        var root = new RootCommand(
            "cmdsync moves software updates from an internet-facing WSUS/ConfigMgr software update point to a "
            + "disconnected one as a signed, verified, resumable transfer bundle.");
        globalOptions.AddTo(root);

        var context = new CommandContextFactory(globalOptions, output, error);
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
