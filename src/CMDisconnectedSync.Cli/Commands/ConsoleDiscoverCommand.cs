using System.CommandLine;
using CMDisconnectedSync.ConsoleExtension.Discovery;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync console discover</c>: node and query GUIDs with their WQL from the console's ConsoleRoot XML.</summary>
internal static class ConsoleDiscoverCommand
{
    internal static Command Create(CommandContextFactory contexts, IAdminConsoleHints hints)
    {
        var filter = new Option<string?>("--filter") { Description = "Only entries whose WQL, node path, name or GUID contains this text (case-insensitive), e.g. SMS_SCI_SysResUse." };
        var consolePath = ConsoleCommand.ConsolePathOption();
        var command = new Command("discover", HelpText.WithExamples(
            "List the node and query GUIDs (with their WQL) of the console's XmlStorage\\ConsoleRoot, to confirm where actions belong.",
            "cmdsync console discover --filter SMS_SCI_SysResUse",
            "cmdsync console discover --json"))
        {
            filter, consolePath,
        };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            return ConsoleCommand.Guarded(context, () =>
            {
                var adminConsole = new AdminConsoleLocator(hints).Locate(parseResult.GetValue(consolePath)?.FullName);
                IReadOnlyList<ConsoleRootEntry> entries;
                try
                {
                    entries = ConsoleRootCatalog.Filter(
                        ConsoleRootCatalog.Read(Path.Combine(adminConsole, "XmlStorage", "ConsoleRoot")),
                        parseResult.GetValue(filter));
                }
                catch (Exception ex) when (ex is InvalidDataException or DirectoryNotFoundException or UnauthorizedAccessException)
                {
                    return context.Fail(ExitCodes.ConsoleRootUnreadable, ex.Message, ex);
                }

                if (context.Json)
                {
                    context.WriteJson(new { result = "listed", exitCode = ExitCodes.Success, adminConsole, entries, log = context.LogPath });
                    return ExitCodes.Success;
                }

                foreach (var entry in entries)
                {
                    context.Output.WriteLine($"{entry.Kind,-5} {entry.NamespaceGuid}  {entry.NodePath}{(entry.DisplayName is null ? string.Empty : " (" + entry.DisplayName + ")")}");
                    if (entry.Wql is not null)
                    {
                        context.Output.WriteLine($"      WQL: {entry.Wql}");
                    }
                }

                context.Output.WriteLine($"{entries.Count} entries.");
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
