using System.CommandLine;
using CMDisconnectedSync.Cli.Adapters;
using CMDisconnectedSync.Doctor.Machine;
using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync console generate|install|uninstall|discover</c>: thin verbs over CMDisconnectedSync.ConsoleExtension;
/// this class holds the group, the options the verbs share and the mapping of expected failures to exit codes 60–66.
/// </summary>
public static class ConsoleCommand
{
    public static Command Create(CommandContextFactory contexts) =>
        Create(contexts, RegistryAdminConsoleHints.ThisMachine(), new ConsoleProcessProbe(), TimeProvider.System);

    internal static Command Create(CommandContextFactory contexts, IAdminConsoleHints hints, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var command = new Command("console", "ConfigMgr console extension: generate its XML and cab stage, install or remove the legacy XML, discover node GUIDs.");
        command.Subcommands.Add(ConsoleGenerateCommand.Create(contexts));
        command.Subcommands.Add(ConsoleInstallCommand.Create(contexts, hints, probe, clock));
        command.Subcommands.Add(ConsoleUninstallCommand.Create(contexts, probe, clock));
        command.Subcommands.Add(ConsoleDiscoverCommand.Create(contexts, hints));
        return command;
    }

    /// <summary>The product version for the cab manifest: this assembly's version, i.e. VersionPrefix from Directory.Build.props.</summary>
    internal static string ProductVersion => typeof(ConsoleCommand).Assembly.GetName().Version!.ToString(3);

    internal static Option<string?> RolePaneGuidOption() => new("--role-pane-guid")
    {
        Description = "GUID of your console's Servers and Site System Roles pane (find it with 'cmdsync console discover --filter SMS_SCI_SysResUse' "
            + "or 'cmdsync doctor'): adds Export/Import to the software update point's role row. Without it those two row actions are left "
            + "out (no public source names the GUID, so none ships); the Software Updates and Disconnected Sync actions are always there.",
    };

    internal static Option<DirectoryInfo?> ConsolePathOption() => new("--console-path")
    {
        Description = "The console's AdminConsole folder (default: from SMS_ADMIN_UI_PATH, then the registry).",
    };

    /// <summary><c>--state</c> (earlier <c>--state-dir</c>, still accepted): where the install receipt and backups are kept.</summary>
    internal static AliasedOption<DirectoryInfo> StateFolderOption() => new(
        new Option<DirectoryInfo>("--state")
        {
            Description = "Where the install receipt and backups are kept.",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "ConsoleExtension")),
        },
        "--state-dir");

    /// <summary>Maps the console extension's expected failures to their exit codes with the message the admin needs.</summary>
    internal static int Guarded(CommandContext context, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ConsoleNotFoundException ex)
        {
            return Fail(context, ex, ExitCodes.ConsoleNotFound);
        }
        catch (ConsoleRunningException ex)
        {
            return Fail(context, ex, ExitCodes.ConsoleRunning);
        }
        catch (ConsoleExtensionNotInstalledException ex)
        {
            return Fail(context, ex, ExitCodes.ConsoleExtensionNotInstalled);
        }
        catch (ConsoleExtensionInstalledElsewhereException ex)
        {
            return Fail(context, ex, ExitCodes.ConsoleInstalledElsewhere);
        }
        catch (UnauthorizedAccessException ex)
        {
            // The console's XmlStorage lives under Program Files: writing there (and into the state folder under
            // ProgramData) needs an elevated administrator.
            return context.Fail(ExitCodes.FileSystemFailed,
                $"{ex.Message} Writing the console extension needs administrator rights: run cmdsync elevated (as a local Administrator) and rerun the same command.",
                ex);
        }
    }

    private static int Fail(CommandContext context, Exception ex, int exitCode) => context.Fail(exitCode, ex.Message, ex);
}
