using System.CommandLine;
using System.Globalization;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync content request</c> (issue 18): on the disconnected site, write which update files (deployment content)
/// the site needs, from its own SMS Provider, into a request file; <c>cmdsync content fetch</c> answers it on the
/// internet side by downloading those files (resumable, each checked against Microsoft's digest).
/// </summary>
public static class ContentCommand
{
    public static Command Create(ConfigMgrVerbSupport support, Func<TextWriter, bool>? isInteractive = null)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var command = new Command("content", "Deployment content (the update files clients install): request it on the disconnected site, fetch it on the internet side.");
        var request = Request(support);
        // --site-server belongs to 'content request' only: 'content fetch' talks to no site.
        request.Options.Add(support.SiteServer);
        command.Subcommands.Add(request);
        command.Subcommands.Add(ContentFetchCommand.Create(support.Contexts, isInteractive));
        return command;
    }

    private static Command Request(ConfigMgrVerbSupport support)
    {
        var groups = new Option<string[]>("--group")
        {
            Description = "A software update group by name (repeat for several).",
            AllowMultipleArgumentsPerToken = false,
        };
        var groupIds = new Option<int[]>("--group-id")
        {
            Description = "A software update group by its CI_ID (SMS_AuthorizationList.CI_ID, unlike the name the same in every console language); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var required = new Option<bool>("--required") { Description = "Every update at least one client reports as required (not expired)." };
        var updates = new Option<string[]>("--update")
        {
            Description = $"A single update: KB article (KB5005565) or CI_ID ({ContentRequestBuilder.CiIdPrefix}16777300); repeat for several.",
        };
        var languages = new Option<uint[]>("--language")
        {
            Description = "Only files in this language (LCID, e.g. 1033 for English); repeat for several. Language-neutral files are always included. Default: every language.",
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The request file to write (e.g. E:\\Transfer\\request.json).",
            Required = true,
        };
        var command = new Command("request", HelpText.WithExamples(
            "Write the files the chosen updates need (SMS_CIToContent, SMS_CIContentFiles) into a request for the internet side; content already in a deployment package is left out. "
            + "A copy is kept in the state folder (content-requests\\<RequestId>.json): 'cmdsync import --deployment-package' later accepts only content that copy lists, so run the import with the same --state.",
            "cmdsync content request --group \"Patch Tuesday 2026-12\" --out E:\\Transfer\\request.json",
            "cmdsync content request --group-id 16777400 --out E:\\Transfer\\request.json",
            "cmdsync content request --required --language 1033 --out E:\\Transfer\\request.json --json",
            "cmdsync content request --update KB5005565 --update CI:16777300 --out request.json --site-server CM01.corp.example"));
        command.Options.Add(groups);
        command.Options.Add(groupIds);
        command.Options.Add(required);
        command.Options.Add(updates);
        command.Options.Add(languages);
        command.Options.Add(output);
        support.StateFolder.AddTo(command);
        command.SetAction((parseResult, cancellationToken) =>
        {
            var selection = new ContentSelection
            {
                Groups = [.. parseResult.GetValue(groups) ?? [], .. (parseResult.GetValue(groupIds) ?? []).Select(GroupIdToken)],
                Required = parseResult.GetValue(required),
                Updates = parseResult.GetValue(updates) ?? [],
            };
            var path = parseResult.GetValue(output)!.FullName;
            var stateFolder = support.StateFolderOf(parseResult);
            return support.RunAsync(parseResult, async (context, site, token) =>
            {
                if (selection.Groups.Count == 0 && !selection.Required && selection.Updates.Count == 0)
                {
                    return context.Fail(ExitCodes.Usage, "Choose the updates: --group <name>, --group-id <CI_ID>, --required and/or --update <KB|CI:id>. Run 'cmdsync content request --help' for examples.");
                }

                ContentRequestPlan plan;
                string? keptPath = null;
                try
                {
                    var builder = new ContentRequestBuilder(DeploymentContentCatalogs.Of(site), support.Clock);
                    plan = await builder.BuildAsync(site.SiteCode, selection, parseResult.GetValue(languages) ?? [], token).ConfigureAwait(false);
                }
                catch (ContentSelectionException ex)
                {
                    return context.Fail(ExitCodes.ContentSelectionUnknown, ex.Message, ex);
                }

                if (plan.Request.Files.Count > 0)
                {
                    try
                    {
                        await ContentRequestSerializer.WriteFileAsync(path, plan.Request, token).ConfigureAwait(false);
                    }
                    catch (ContentRequestFormatException ex)
                    {
                        return context.Fail(ExitCodes.ContentRequestUnusable, $"Site {site.SiteCode} lists content cmdsync cannot carry safely: {ex.Message}", ex);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        return context.Fail(ExitCodes.FileSystemFailed, $"Cannot write the content request '{path}': {ex.Message} Choose a writable folder for --out.", ex);
                    }

                    try
                    {
                        // The import checks carried content against this copy, never against the file on the media.
                        new State.Protection.StateFolderGuard(Wsus.Host.StateFolderProtections.ForThisComputer()).Prepare(stateFolder);
                        keptPath = await KeptContentRequests.KeepAsync(stateFolder, plan.Request, token).ConfigureAwait(false);
                    }
                    catch (State.StateFileException ex)
                    {
                        return context.Fail(ExitCodes.StateUnreadable, $"The request was written to '{path}', but its copy could not be kept in the state folder: {ex.Message}", ex);
                    }
                    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                    {
                        return context.Fail(ExitCodes.FileSystemFailed, $"The request was written to '{path}', but its copy could not be kept in the state folder {stateFolder}: {ex.Message} Run elevated, or give --state <folder>.", ex);
                    }
                }

                context.FileLogger.Information("Content request {RequestId} for site {SiteCode}: {Files} files, {Bytes} bytes, {Updates} updates, written to {Path}",
                    plan.Request.RequestId, site.SiteCode, plan.Request.Files.Count, plan.TotalBytes, plan.UpdateCount, path);
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        result = plan.Request.Files.Count > 0 ? "written" : "nothing-to-request",
                        exitCode = ExitCodes.Success,
                        site.SiteCode,
                        site.ProviderServer,
                        plan.Request.RequestId,
                        Path = plan.Request.Files.Count > 0 ? path : null,
                        KeptCopy = keptPath,
                        Files = plan.Request.Files.Count,
                        plan.TotalBytes,
                        Updates = plan.UpdateCount,
                        plan.ContentsAlreadyInPackages,
                        plan.FilesSkippedByLanguage,
                        plan.ExpiredUpdates,
                        plan.UpdatesWithoutContent,
                        log = context.LogPath,
                    });
                    return ExitCodes.Success;
                }

                await WriteSummaryAsync(context.Output, site.SiteCode, plan, path).ConfigureAwait(false);
                if (keptPath is not null)
                {
                    await context.Output.WriteLineAsync($"Kept a copy in {keptPath}: the import accepts only the content it lists.").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>A group's CI_ID as <see cref="ContentSelection.Groups"/> takes it: <c>CI:16777400</c>.</summary>
    public static string GroupIdToken(int ciId) => ContentRequestBuilder.CiIdPrefix + ciId.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteSummaryAsync(TextWriter output, string siteCode, ContentRequestPlan plan, string path)
    {
        var c = CultureInfo.InvariantCulture;
        if (plan.Request.Files.Count == 0)
        {
            await output.WriteLineAsync(string.Format(c, "Nothing to request for site {0}: the {1} chosen updates need no file that is not already in a deployment package.", siteCode, plan.UpdateCount)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(string.Format(c, "Content request for site {0}: {1:N0} files ({2:N0} bytes) of {3:N0} updates written to {4}.",
                siteCode, plan.Request.Files.Count, plan.TotalBytes, plan.UpdateCount, path)).ConfigureAwait(false);
        }

        if (plan.ContentsAlreadyInPackages > 0)
        {
            await output.WriteLineAsync(string.Format(c, "  Left out: {0:N0} contents already in a deployment package.", plan.ContentsAlreadyInPackages)).ConfigureAwait(false);
        }

        if (plan.FilesSkippedByLanguage > 0)
        {
            await output.WriteLineAsync(string.Format(c, "  Left out: {0:N0} files in other languages.", plan.FilesSkippedByLanguage)).ConfigureAwait(false);
        }

        foreach (var expired in plan.ExpiredUpdates)
        {
            await output.WriteLineAsync($"  Left out (expired): {expired}").ConfigureAwait(false);
        }

        foreach (var none in plan.UpdatesWithoutContent)
        {
            await output.WriteLineAsync($"  No content files listed by the site: {none}").ConfigureAwait(false);
        }

        if (plan.Request.Files.Count > 0)
        {
            await output.WriteLineAsync($"Next: carry {Path.GetFileName(path)} to a server with internet access and run 'cmdsync content fetch --request {Path.GetFileName(path)} --out <folder>' there to download the files.").ConfigureAwait(false);
            await output.WriteLineAsync($"Or let the export fetch and carry them in the signed bundle: 'cmdsync export ... --content-request {Path.GetFileName(path)}'.").ConfigureAwait(false);
            await output.WriteLineAsync("Then, back here: 'cmdsync import <bundle> --deployment-package <PackageID>' (or --new-deployment-package <name> --package-source <share>) puts the carried files into a deployment package, checked against this request and Microsoft's digests.").ConfigureAwait(false);
        }
    }
}
