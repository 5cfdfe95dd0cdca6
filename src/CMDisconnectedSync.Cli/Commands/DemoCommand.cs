using System.CommandLine;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync demo</c>: the end-to-end lab run (export → verify → import → incremental round) on a generated
/// sample export server and disconnected server. Until the export/import workflow exists it says so and exits
/// with <see cref="ExitCodes.NotAvailable"/>: never a fake success.
/// </summary>
public static class DemoCommand
{
    public static Command Create(CommandContextFactory contexts)
    {
        var command = new Command("demo", "Run the built-in lab: a sample export server and disconnected server under a temp folder, "
            + "then export → verify → import → a second incremental round. Touches nothing outside the lab folder.");
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            context.Logger.Warning("The demo lab needs the export and import workflows, which this build does not contain yet");
            context.Error.WriteLine("cmdsync demo: not available in this build.");
            context.Error.WriteLine("It will: create a lab export server (generated WsusContent, stand-in wsusutil, lab signing certificate),");
            context.Error.WriteLine("         export a signed bundle, verify it, import it into a lab disconnected server,");
            context.Error.WriteLine("         then run a second, incremental round and list the new products and classifications.");
            context.Error.WriteLine("Nothing was run and nothing was changed.");
            return ExitCodes.NotAvailable;
        });
        return command;
    }
}
