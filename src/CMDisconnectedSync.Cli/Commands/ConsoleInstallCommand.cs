using System.CommandLine;
using System.Reflection;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync console install [--legacy]</c>: the legacy XML into a console, or how to import the 2103+ cab.</summary>
internal static class ConsoleInstallCommand
{
    internal static Command Create(CommandContextFactory contexts, IAdminConsoleHints hints, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var legacy = new Option<bool>("--legacy") { Description = "Copy the legacy console XML into the console's XmlStorage\\Extensions (consoles that allow unapproved extensions)." };
        var consolePath = ConsoleCommand.ConsolePathOption();
        var appPath = new Option<string?>("--app-path") { Description = "Full path of CMDisconnectedSync.exe for the actions (default: beside cmdsync, else the MSI's folder)." };
        var rolePane = ConsoleCommand.RolePaneGuidOption();
        var state = ConsoleCommand.StateFolderOption();
        var command = new Command("install", HelpText.WithExamples(
            "Install the console actions and the Disconnected Sync node.",
            "cmdsync console install",
            "cmdsync console install --legacy --console-path \"C:\\Program Files (x86)\\Microsoft Configuration Manager\\AdminConsole\""))
        {
            legacy, consolePath, appPath, rolePane,
        };
        state.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            if (!parseResult.GetValue(legacy))
            {
                string[] steps =
                [
                    "Administration > Updates and Servicing > Console Extensions > Import Console Extension: choose CMDisconnectedSync.ConsoleExtension.cab.",
                    "Select CMDisconnectedSync, Approve Installation (and Enable notifications), then Install under Local Extension on each console.",
                ];
                const string legacyHint = "For consoles that still allow unapproved extensions, run: cmdsync console install --legacy";
                if (context.Json)
                {
                    context.WriteJson(new { result = "cab-import-required", exitCode = ExitCodes.ConsoleCabImportRequired, changed = false, steps, legacy = legacyHint });
                    return ExitCodes.ConsoleCabImportRequired;
                }

                context.Error.WriteLine("Configuration Manager 2103 and later install console extensions from a signed cab:");
                for (var i = 0; i < steps.Length; i++)
                {
                    context.Error.WriteLine($"  {i + 1}. {steps[i]}");
                }

                context.Error.WriteLine(legacyHint);
                context.Error.WriteLine("Nothing was changed.");
                return ExitCodes.ConsoleCabImportRequired;
            }

            return ConsoleCommand.Guarded(context, () =>
            {
                var adminConsole = new AdminConsoleLocator(hints).Locate(parseResult.GetValue(consolePath)?.FullName);
                var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions
                {
                    ExecutablePath = parseResult.GetValue(appPath) ?? DefaultAppPath(),
                    RolePaneGuid = parseResult.GetValue(rolePane),
                    Version = ConsoleCommand.ProductVersion,
                });
                var outcome = new LegacyConsoleInstaller(probe, clock).Install(definition, adminConsole, state.GetValue(parseResult).FullName);
                context.Logger.Information(
                    "Installed console XML into {Path}: {Written} written, {Unchanged} unchanged, {Removed} stale removed, backup {Backup}",
                    outcome.AdminConsolePath, outcome.Written, outcome.Unchanged, outcome.RemovedStale, outcome.BackupFolder ?? "(none needed)");
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        result = "installed", exitCode = ExitCodes.Success, adminConsole = outcome.AdminConsolePath, files = outcome.Files.Count,
                        outcome.Written, outcome.Unchanged, outcome.RemovedStale, backup = outcome.BackupFolder,
                        next = "Start the console to see the actions (it reads them only at start-up).", log = context.LogPath,
                    });
                    return ExitCodes.Success;
                }

                context.Output.WriteLine($"Installed {outcome.Files.Count} console files into {outcome.AdminConsolePath} ({outcome.Written} written, {outcome.Unchanged} unchanged, {outcome.RemovedStale} stale removed).");
                if (outcome.BackupFolder is not null)
                {
                    context.Output.WriteLine($"Files it replaced were backed up to {outcome.BackupFolder}.");
                }

                context.Output.WriteLine("Start the console to see the actions (it reads them only at start-up).");
                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static string DefaultAppPath()
    {
        var besideUs = Path.Combine(Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location) ?? AppContext.BaseDirectory, ConsoleExtensionOptions.ExecutableFileName);
        return File.Exists(besideUs) ? besideUs : ConsoleExtensionOptions.DefaultExecutablePath;
    }
}
