using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CMDisconnectedSync.Cli.Adapters;
using CMDisconnectedSync.ConsoleExtension.Discovery;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync console generate|install|uninstall|discover</c>: thin verbs over CMDisconnectedSync.ConsoleExtension.
/// </summary>
public static class ConsoleCommand
{
    public static Command Create(CommandContextFactory contexts) =>
        Create(contexts, new WindowsAdminConsoleHints(), new ConsoleProcessProbe(), TimeProvider.System);

    internal static Command Create(CommandContextFactory contexts, IAdminConsoleHints hints, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var command = new Command("console", "ConfigMgr console extension: generate its XML and cab stage, install or remove the legacy XML, discover node GUIDs.");
        command.Subcommands.Add(Generate(contexts));
        command.Subcommands.Add(Install(contexts, hints, probe, clock));
        command.Subcommands.Add(Uninstall(contexts, probe, clock));
        command.Subcommands.Add(Discover(contexts, hints));
        return command;
    }

    private static readonly JsonSerializerOptions DiscoverJson = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The product version for the cab manifest: this assembly's version, i.e. VersionPrefix from Directory.Build.props.</summary>
    internal static string ProductVersion => typeof(ConsoleCommand).Assembly.GetName().Version!.ToString(3);

    private static Option<string> RolePaneGuidOption() => new("--role-pane-guid")
    {
        Description = "GUID of the Servers and Site System Roles pane (find it with 'cmdsync console discover --filter SMS_SCI_SysResUse'). "
            + "Default: the unconfirmed placeholder " + ConsoleNodeIds.SiteSystemRolesPaneUnconfirmed + ".",
        DefaultValueFactory = _ => ConsoleNodeIds.SiteSystemRolesPaneUnconfirmed,
    };

    private static Command Generate(CommandContextFactory contexts)
    {
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the review tree (legacy XmlStorage tree + cab XML + manifest.xml) here, e.g. console-xml." };
        var check = new Option<bool>("--check") { Description = "With --out: write nothing, exit 62 if the folder differs from what the model generates." };
        var cabStage = new Option<DirectoryInfo?>("--cab-stage") { Description = "Write exactly the cab's files (flat XML + payload + manifest.xml) into this empty folder." };
        var payload = new Option<DirectoryInfo?>("--payload") { Description = "With --cab-stage: the app's build output; its top-level .exe/.dll/.exe.config files join the cab when present." };
        var executable = new Option<string>("--executable-path")
        {
            Description = "Executable/FilePath written into the action XML.",
            DefaultValueFactory = _ => ConsoleExtensionOptions.DefaultExecutablePath,
        };
        var rolePane = RolePaneGuidOption();
        var command = new Command("generate", "Generate the console extension files from the model (the checked-in console-xml/ is this output).")
        {
            output, check, cabStage, payload, executable, rolePane,
        };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions
            {
                ExecutablePath = parseResult.GetValue(executable)!,
                RolePaneGuid = parseResult.GetValue(rolePane)!,
                Version = ProductVersion,
            });
            var outFolder = parseResult.GetValue(output);
            var stageFolder = parseResult.GetValue(cabStage);
            if (outFolder is null && stageFolder is null)
            {
                context.Error.WriteLine("cmdsync console generate: give --out <folder> and/or --cab-stage <empty folder>.");
                return ExitCodes.Usage;
            }

            if (outFolder is not null && parseResult.GetValue(check))
            {
                var drift = ConsoleExtensionOutput.FindDrift(ConsoleExtensionLayout.ReviewTree(definition), outFolder.FullName);
                foreach (var entry in drift)
                {
                    context.Error.WriteLine($"{entry.Kind.ToString().ToLowerInvariant()}: {entry.RelativePath}");
                }

                if (drift.Count > 0)
                {
                    context.Error.WriteLine($"{outFolder.FullName} differs from the model in {drift.Count} file(s). Regenerate: cmdsync console generate --out {outFolder.FullName}");
                    return ExitCodes.ConsoleXmlDrift;
                }

                context.Output.WriteLine($"{outFolder.FullName} matches the model.");
            }
            else if (outFolder is not null)
            {
                var files = ConsoleExtensionOutput.WriteReviewTree(definition, outFolder.FullName);
                context.Logger.Information("Wrote {Count} console extension files to {Path}", files.Count, outFolder.FullName);
                context.Output.WriteLine($"Wrote {files.Count} files to {outFolder.FullName}.");
            }

            if (stageFolder is not null)
            {
                var entries = ConsoleExtensionOutput.WriteCabStage(definition, stageFolder.FullName, parseResult.GetValue(payload)?.FullName);
                var payloadCount = entries.Count(e => e.Kind == DeploymentKind.Payload);
                context.Logger.Information("Staged {Count} cab files ({Payload} payload) in {Path}", entries.Count + 1, payloadCount, stageFolder.FullName);
                context.Output.WriteLine($"Staged {entries.Count + 1} cab files ({payloadCount} payload) in {stageFolder.FullName}.");
                if (!entries.Any(e => string.Equals(e.FileName, ConsoleExtensionOptions.ExecutableFileName, StringComparison.OrdinalIgnoreCase)))
                {
                    context.Logger.Warning("{Exe} was not in the payload folder; the cab carries the console XML only", ConsoleExtensionOptions.ExecutableFileName);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<DirectoryInfo?> ConsolePathOption() => new("--console-path")
    {
        Description = "The console's AdminConsole folder (default: from SMS_ADMIN_UI_PATH, then the registry).",
    };

    private static Option<DirectoryInfo> StateFolderOption() => new("--state-dir")
    {
        Description = "Where the install receipt and backups are kept (default: %ProgramData%\\CMDisconnectedSync\\ConsoleExtension).",
        DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "CMDisconnectedSync", "ConsoleExtension")),
    };

    private static Command Install(CommandContextFactory contexts, IAdminConsoleHints hints, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var legacy = new Option<bool>("--legacy") { Description = "Copy the legacy console XML into the console's XmlStorage\\Extensions (consoles that allow unapproved extensions)." };
        var consolePath = ConsolePathOption();
        var appPath = new Option<string?>("--app-path") { Description = "Full path of CMDisconnectedSync.exe for the actions (default: beside cmdsync, else the MSI's folder)." };
        var rolePane = RolePaneGuidOption();
        var state = StateFolderOption();
        var command = new Command("install", "Install the console actions and the Disconnected Sync node.") { legacy, consolePath, appPath, rolePane, state };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            if (!parseResult.GetValue(legacy))
            {
                context.Error.WriteLine("Configuration Manager 2103 and later install console extensions from a signed cab:");
                context.Error.WriteLine("  1. Administration > Updates and Servicing > Console Extensions > Import Console Extension: choose CMDisconnectedSync.ConsoleExtension.cab.");
                context.Error.WriteLine("  2. Select CMDisconnectedSync, Approve Installation (and Enable notifications), then Install under Local Extension on each console.");
                context.Error.WriteLine("For consoles that still allow unapproved extensions, run: cmdsync console install --legacy");
                context.Error.WriteLine("Nothing was changed.");
                return ExitCodes.ConsoleCabImportRequired;
            }

            return Guarded(context, () =>
            {
                var adminConsole = new AdminConsoleLocator(hints).Locate(parseResult.GetValue(consolePath)?.FullName);
                var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions
                {
                    ExecutablePath = parseResult.GetValue(appPath) ?? DefaultAppPath(),
                    RolePaneGuid = parseResult.GetValue(rolePane)!,
                    Version = ProductVersion,
                });
                var outcome = new LegacyConsoleInstaller(probe, clock).Install(definition, adminConsole, parseResult.GetValue(state)!.FullName);
                context.Logger.Information(
                    "Installed console XML into {Path}: {Written} written, {Unchanged} unchanged, {Removed} stale removed, backup {Backup}",
                    outcome.AdminConsolePath, outcome.Written, outcome.Unchanged, outcome.RemovedStale, outcome.BackupFolder ?? "(none needed)");
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

    private static Command Uninstall(CommandContextFactory contexts, IConsoleProcessProbe probe, TimeProvider clock)
    {
        var state = StateFolderOption();
        var command = new Command("uninstall", "Remove the legacy console XML this machine's 'console install --legacy' put in place (backed up first).") { state };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            return Guarded(context, () =>
            {
                var outcome = new LegacyConsoleInstaller(probe, clock).Uninstall(parseResult.GetValue(state)!.FullName);
                context.Logger.Information(
                    "Removed console XML from {Path}: {Removed} removed, {Missing} already gone, {Modified} modified since install, backup {Backup}",
                    outcome.AdminConsolePath, outcome.Removed, outcome.AlreadyMissing, outcome.ModifiedSinceInstall, outcome.BackupFolder ?? "(none)");
                context.Output.WriteLine($"Removed {outcome.Removed} console files from {outcome.AdminConsolePath} ({outcome.AlreadyMissing} were already gone).");
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

    private static Command Discover(CommandContextFactory contexts, IAdminConsoleHints hints)
    {
        var filter = new Option<string?>("--filter") { Description = "Only entries whose WQL, node path, name or GUID contains this text (case-insensitive), e.g. SMS_SCI_SysResUse." };
        var consolePath = ConsolePathOption();
        var command = new Command("discover", "List the node and query GUIDs (with their WQL) of the console's XmlStorage\\ConsoleRoot, to confirm where actions belong.") { filter, consolePath };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            return Guarded(context, () =>
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
                    context.Logger.Error(ex, "Cannot read the console root XML under {Path}", adminConsole);
                    context.Error.WriteLine(ex.Message);
                    return ExitCodes.ConsoleRootUnreadable;
                }

                if (context.Json)
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(entries, DiscoverJson));
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

    /// <summary>Maps the console extension's expected failures to their exit codes with the message the admin needs.</summary>
    private static int Guarded(CommandContext context, Func<int> action)
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
    }

    private static int Fail(CommandContext context, Exception ex, int exitCode)
    {
        context.Logger.Error("{Message}", ex.Message);
        context.Error.WriteLine(ex.Message);
        return exitCode;
    }

    private static string DefaultAppPath()
    {
        var besideUs = Path.Combine(Path.GetDirectoryName(Assembly.GetExecutingAssembly().Location) ?? AppContext.BaseDirectory, ConsoleExtensionOptions.ExecutableFileName);
        return File.Exists(besideUs) ? besideUs : ConsoleExtensionOptions.DefaultExecutablePath;
    }
}
