using System.CommandLine;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync console uninstall</c>: removes exactly what the legacy install recorded, backed up first.</summary>
internal static class ConsoleUninstallCommand
{
    internal static Command Create(CommandContextFactory contexts, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var state = ConsoleCommand.StateFolderOption();
        var command = new Command("uninstall", HelpText.WithExamples(
            "Remove the legacy console XML this machine's 'console install --legacy' put in place (backed up first).",
            "cmdsync console uninstall",
            "cmdsync console uninstall --json"));
        state.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            return ConsoleCommand.Guarded(context, () =>
            {
                var outcome = new LegacyConsoleInstaller(probe, clock).Uninstall(state.GetValue(parseResult).FullName);
                context.Logger.Information(
                    "Removed console XML from {Path}: {Removed} removed, {Missing} already gone, {Modified} modified since install, backup {Backup}",
                    outcome.AdminConsolePath, outcome.Removed, outcome.AlreadyMissing, outcome.ModifiedSinceInstall, outcome.BackupFolder ?? "(none)");
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        result = "removed", exitCode = ExitCodes.Success, adminConsole = outcome.AdminConsolePath, outcome.Removed, outcome.AlreadyMissing,
                        outcome.Restored, outcome.ModifiedSinceInstall, backup = outcome.BackupFolder, log = context.LogPath,
                    });
                    return ExitCodes.Success;
                }

                context.Output.WriteLine($"Removed {outcome.Removed} console files from {outcome.AdminConsolePath} ({outcome.AlreadyMissing} were already gone"
                    + (outcome.Restored > 0 ? $", {outcome.Restored} put back as they were before the install" : string.Empty) + ").");
                if (outcome.ModifiedSinceInstall > 0)
                {
                    context.Output.WriteLine($"{outcome.ModifiedSinceInstall} of them had been edited since install; the edited copies are in the backup.");
                }

                if (outcome.BackupFolder is not null)
                {
                    context.Output.WriteLine($"Backup: {outcome.BackupFolder}");
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }
}
