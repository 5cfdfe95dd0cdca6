using System.CommandLine;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync console generate</c>: writes the review tree (console-xml/) or the cab stage from the model; <c>--check</c> reports drift.</summary>
internal static class ConsoleGenerateCommand
{
    internal static Command Create(CommandContextFactory contexts)
    {
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write the review tree (legacy XmlStorage tree + cab XML + manifest.xml) here, e.g. console-xml." };
        var check = new Option<bool>("--check") { Description = "With --out: write nothing, exit 62 if the folder differs from what the model generates." };
        var cabStage = new Option<DirectoryInfo?>("--cab-stage") { Description = "Write exactly the cab's files (flat XML + payload + manifest.xml) into this empty folder." };
        var payload = new Option<DirectoryInfo?>("--payload")
        {
            Description = "With --cab-stage: the app's net48 publish folder; its top-level .exe/.dll/.exe.config files join the cab "
                + "(required: the cab's actions start the CMDisconnectedSync.exe it carries).",
        };
        var executable = new Option<string>("--executable-path")
        {
            Description = "Executable/FilePath written into the action XML.",
            DefaultValueFactory = _ => ConsoleExtensionOptions.DefaultExecutablePath,
        };
        var rolePane = ConsoleCommand.RolePaneGuidOption();
        var command = new Command("generate", HelpText.WithExamples(
            "Generate the console extension files from the model (the checked-in console-xml/ is this output).",
            "cmdsync console generate --out console-xml --check",
            "cmdsync console generate --cab-stage D:\\stage --payload D:\\publish\\net48"))
        {
            output, check, cabStage, payload, executable, rolePane,
        };
        command.SetAction(parseResult =>
        {
            using var context = contexts.Create(parseResult);
            var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions
            {
                ExecutablePath = parseResult.GetValue(executable)!,
                RolePaneGuid = parseResult.GetValue(rolePane),
                Version = ConsoleCommand.ProductVersion,
            });
            var outFolder = parseResult.GetValue(output);
            var stageFolder = parseResult.GetValue(cabStage);
            if (outFolder is null && stageFolder is null)
            {
                return context.Fail(ExitCodes.Usage, "cmdsync console generate: give --out <folder> and/or --cab-stage <empty folder>.");
            }

            object? reviewTree = null;
            object? checkedTree = null;
            object? stagedCab = null;
            if (outFolder is not null && parseResult.GetValue(check))
            {
                var drift = ConsoleExtensionOutput.FindDrift(ConsoleExtensionLayout.ReviewTree(definition), outFolder.FullName);
                checkedTree = new
                {
                    folder = outFolder.FullName, matches = drift.Count == 0,
                    drift = drift.Select(d => new { kind = d.Kind.ToString().ToLowerInvariant(), path = d.RelativePath }).ToList(),
                };
                if (drift.Count > 0)
                {
                    if (context.Json)
                    {
                        context.WriteJson(new { result = "drift", exitCode = ExitCodes.ConsoleXmlDrift, @checked = checkedTree, log = context.LogPath });
                        return ExitCodes.ConsoleXmlDrift;
                    }

                    foreach (var entry in drift)
                    {
                        context.Error.WriteLine($"{entry.Kind.ToString().ToLowerInvariant()}: {entry.RelativePath}");
                    }

                    context.Error.WriteLine($"{outFolder.FullName} differs from the model in {drift.Count} file(s). Regenerate: cmdsync console generate --out {outFolder.FullName}");
                    return ExitCodes.ConsoleXmlDrift;
                }

                if (!context.Json)
                {
                    context.Output.WriteLine($"{outFolder.FullName} matches the model.");
                }
            }
            else if (outFolder is not null)
            {
                var files = ConsoleExtensionOutput.WriteReviewTree(definition, outFolder.FullName);
                context.Logger.Information("Wrote {Count} console extension files to {Path}", files.Count, outFolder.FullName);
                reviewTree = new { folder = outFolder.FullName, files = files.Count };
                if (!context.Json)
                {
                    context.Output.WriteLine($"Wrote {files.Count} files to {outFolder.FullName}.");
                }
            }

            if (stageFolder is not null)
            {
                IReadOnlyList<CabEntry> entries;
                try
                {
                    entries = ConsoleExtensionOutput.WriteCabStage(definition, stageFolder.FullName, parseResult.GetValue(payload)?.FullName);
                }
                catch (FileNotFoundException ex)
                {
                    return context.Fail(ExitCodes.Usage, ex.Message, ex);
                }

                var payloadCount = entries.Count(e => e.Kind == DeploymentKind.Payload);
                context.Logger.Information("Staged {Count} cab files ({Payload} payload) in {Path}", entries.Count + 1, payloadCount, stageFolder.FullName);
                stagedCab = new { folder = stageFolder.FullName, files = entries.Count + 1, payload = payloadCount };
                if (!context.Json)
                {
                    context.Output.WriteLine($"Staged {entries.Count + 1} cab files ({payloadCount} payload) in {stageFolder.FullName}.");
                }
            }

            if (context.Json)
            {
                context.WriteJson(new
                {
                    result = checkedTree is null ? "generated" : "matches", exitCode = ExitCodes.Success, reviewTree, @checked = checkedTree, cabStage = stagedCab, log = context.LogPath,
                });
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
