using System.CommandLine;
using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync import</c>: the import workflow (verify, preflight, content, wsusutil import, record, ConfigMgr sync, next steps).</summary>
public static class ImportCommand
{
    public static Command Create(WorkflowVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var bundle = new Argument<DirectoryInfo>("bundle") { Description = "The bundle folder (holding manifest.json, or the volume-NNN folders of a split bundle)." }.RefusingOptionLikeValues();
        var siteServer = new Option<string?>("--site-server") { Description = "The ConfigMgr SMS Provider server (top-level site server): snapshot products/classifications, sync after the import, list what is new. Default: the server the ConfigMgr console last connected to; with neither, ConfigMgr is not synchronized (the output says so)." };
        var state = StateFolderOption.Create();
        var allowRollback = new Option<bool>("--allow-rollback") { Description = "Accept a bundle whose sequence is not above the highest accepted one (needs --reason, which is logged and kept in state.json). A delta's base must still match." };
        var reason = new Option<string?>("--reason") { Description = "Why the rollback/replay is intended." };
        var noSync = new Option<bool>("--no-sync") { Description = "Do not trigger the ConfigMgr software update sync after the import (run 'cmdsync sync' later)." };
        var syncTimeout = Duration.CreateOption("--sync-timeout", "How long to wait for the ConfigMgr sync to finish.", SyncRequest.DefaultTimeout);
        var waitForWsusUtil = Duration.CreateOptionalOption("--wait-for-wsusutil", "If a wsusutil started by an earlier run of this command (which was killed before it ended) is still running: wait up to this long for it to end, then resume. Without it, the run stops at once with exit code 5 naming that process.");
        var package = new Option<string?>("--deployment-package") { Description = "After the sync, add the deployment content the bundle carries to this deployment package (its PackageID, e.g. PS100012; Software Library > Software Updates > Deployment Packages). Its source folder must exist and be writable from here." };
        var newPackage = new Option<string?>("--new-deployment-package") { Description = "After the sync, create a deployment package with this name for the carried deployment content (needs --package-source)." };
        var packageSource = new Option<string?>("--package-source") { Description = "The source folder of the new package: an existing, writable UNC share (\\\\server\\share\\folder) that the site server can read." };
        var contentRequest = new Option<FileInfo?>("--content-request") { Description = "Check the carried content against this request file instead of the copy 'cmdsync content request' kept in the state folder (it must be the request the bundle names)." };
        var contentStaging = new Option<string?>("--content-staging") { Description = "Where the checked files are staged for ConfigMgr to copy into the package. Default: a folder in the state folder, which works when the SMS Provider runs on this server; otherwise give a UNC share the site server can read." };
        var noDpRefresh = new Option<bool>("--no-dp-refresh") { Description = "Add the content to the package without sending the package to its distribution points now (AddUpdateContent's bRefreshDPs = false)." };
        var command = new Command("import",
            "Import a transfer bundle on the disconnected WSUS/software update point: check it (signature, trusted signer, sequence, base, "
            + "safe paths, every file present with its size), preflight (elevated, WSUS not a replica, languages/express match, WsusContent on "
            + "writable NTFS with room), then hash every file once (a rerun reuses that while the bundle's files keep their size and time), copy the content into WsusContent BEFORE the metadata import (temp name + rename, identical files skipped), 'wsusutil "
            + "import', record the accepted sequence, then with --site-server: sync ConfigMgr and list the new products and classifications "
            + "to subscribe. A refused bundle changes nothing. Interrupted? Rerun the same command: finished steps are not redone.\n"
            + "Deployment content (the update files clients install, carried for a 'cmdsync content request'): with --deployment-package or "
            + "--new-deployment-package it is checked again after the sync (only files this site's own request lists, each file's size and "
            + "Microsoft's digest recomputed so a file poisoned before export is refused although the bundle signature is valid, Authenticode "
            + "of .cab/.exe/.msu/.msi), then added with AddUpdateContent and sent to the distribution points. A refusal names the file and "
            + "exits 72-79; the metadata import stands and a rerun only redoes this step.\n"
            + "Examples:\n"
            + "  cmdsync import E:\\Transfer\\bundle-0042 --site-server CM01.corp.example --sync-timeout 90m\n"
            + "  cmdsync import E:\\Transfer\\bundle-0042 --what-if\n"
            + "  cmdsync import E:\\Transfer\\bundle-0040 --allow-rollback --reason \"restore after failed patch cycle\" --no-sync\n"
            + "  cmdsync import E:\\Transfer\\bundle-0043 --site-server CM01.corp.example --deployment-package PS100012\n"
            + "  cmdsync import E:\\Transfer\\bundle-0043 --new-deployment-package \"2026-12 Patch Tuesday\" --package-source \\\\CM01\\Sources\\Updates\\2026-12")
        {
            bundle, siteServer, state, allowRollback, reason, noSync, syncTimeout, waitForWsusUtil, support.WhatIf,
            package, newPackage, packageSource, contentRequest, contentStaging, noDpRefresh,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = support.Contexts.Create(parseResult);
            var rollback = parseResult.GetValue(allowRollback);
            if (rollback && string.IsNullOrWhiteSpace(parseResult.GetValue(reason)))
            {
                return context.Fail(ExitCodes.Usage, "cmdsync import: --allow-rollback needs --reason \"why\" (it is logged and kept in state.json).");
            }

            var existingPackage = parseResult.GetValue(package);
            var createdPackage = parseResult.GetValue(newPackage);
            var source = parseResult.GetValue(packageSource);
            if (DeploymentTargetProblem(existingPackage, createdPackage, source, parseResult.GetValue(contentRequest) is not null || parseResult.GetValue(contentStaging) is not null) is { } problem)
            {
                return context.Fail(ExitCodes.Usage, "cmdsync import: " + problem);
            }

            var request = new ImportRequest
            {
                BundleFolder = parseResult.GetRequiredValue(bundle).FullName,
                StateFolder = parseResult.GetRequiredValue(state).FullName,
                AllowRollback = rollback,
                RollbackReason = parseResult.GetValue(reason),
                SyncAfterImport = !parseResult.GetValue(noSync),
                SyncTimeout = parseResult.GetValue(syncTimeout),
                WaitForEarlierWsusUtil = parseResult.GetValue(waitForWsusUtil),
                DeploymentContent = DeploymentContentImport.For(
                    existingPackage,
                    createdPackage,
                    source,
                    parseResult.GetValue(contentRequest)?.FullName,
                    parseResult.GetValue(contentStaging),
                    refreshDistributionPoints: !parseResult.GetValue(noDpRefresh)),
            };
            IConfigMgrSite? site = null;
            string? notSynchronized = null;
            try
            {
                if (parseResult.GetValue(siteServer) is { } server)
                {
                    site = await support.Host.SiteConnector(context.Logger).ConnectAsync(server, cancellationToken).ConfigureAwait(false);
                }
                else if (request.SyncAfterImport)
                {
                    (site, notSynchronized) = await ConnectConsolesLastSiteAsync(support, context, cancellationToken).ConfigureAwait(false);
                }

                var workflow = new ImportWorkflow(support.Host.Compose(context.Logger, site));
                if (parseResult.GetValue(support.WhatIf))
                {
                    return await WhatIfAsync(context, workflow, request, cancellationToken).ConfigureAwait(false);
                }

                var outcome = await support.ProgressFor(context).RunAsync(p => workflow.RunAsync(request, p, cancellationToken)).ConfigureAwait(false);
                if (outcome.AlreadyImported is { } done)
                {
                    // A rerun of a finished import (scheduled task run twice): nothing to do is success, not a replay refusal.
                    await context.Output.WriteLineAsync(context.Json
                        ? WorkflowVerbSupport.ToJson(AlreadyImportedJson(done, outcome.Bundle, outcome.JournalPath, context.LogPath))
                        : done.Message + Environment.NewLine + "Log       " + context.LogPath).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                var exitCode = outcome.Failure is { } failure ? ExitCodes.ForWorkflowFailure(failure) : ExitCodes.Success;
                if (context.Json)
                {
                    await context.Output.WriteLineAsync(WorkflowVerbSupport.ToJson(Json(outcome, exitCode, context.LogPath, notSynchronized))).ConfigureAwait(false);
                }
                else if (outcome.Failure is null || outcome.Accepted)
                {
                    await context.Output.WriteAsync(RenderText(outcome, context.LogPath)).ConfigureAwait(false);
                    if (notSynchronized is not null)
                    {
                        await context.Output.WriteLineAsync("ConfigMgr " + notSynchronized).ConfigureAwait(false);
                    }
                }

                return outcome.Failure is null ? exitCode : await WorkflowVerbSupport.FailedAsync(context, outcome.Failure).ConfigureAwait(false);
            }
            catch (ConfigMgrException ex)
            {
                return context.Fail(ConfigMgrVerbSupport.ExitCodeFor(ex.Failure), ex.Message + " Nothing was imported; fix the connection or leave out --site-server.", ex);
            }
            catch (OperationCanceledException)
            {
                return await WorkflowVerbSupport.CancelledAsync(context, WorkflowJournalFiles.ImportJournal(request.StateFolder)).ConfigureAwait(false);
            }
            finally
            {
                (site as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    /// <summary>Why the deployment package options do not fit together; null when they do.</summary>
    internal static string? DeploymentTargetProblem(string? packageId, string? newPackage, string? packageSource, bool contentOptions) =>
        packageId is not null && newPackage is not null ? "give either --deployment-package <PackageID> or --new-deployment-package <name>, not both."
        : newPackage is not null && string.IsNullOrWhiteSpace(packageSource) ? "--new-deployment-package needs --package-source <UNC share> (an existing, writable folder the site server can read)."
        : newPackage is null && packageSource is not null ? "--package-source belongs to --new-deployment-package <name>; an existing package keeps its own source."
        : packageId is null && newPackage is null && contentOptions ? "--content-request and --content-staging need --deployment-package <PackageID> or --new-deployment-package <name>."
        : packageId is not null && string.IsNullOrWhiteSpace(packageId) ? "--deployment-package needs a PackageID (e.g. PS100012)."
        : null;

    /// <summary>
    /// No <c>--site-server</c>: the site the ConfigMgr console last connected to, found as <c>categories</c> and <c>sync</c>
    /// find it (the connector's own lookup). The import is this verb's job and does not depend on ConfigMgr: when there is
    /// no such site, or it cannot be reached, the import goes ahead and the returned sentence says ConfigMgr was not
    /// synchronized and how to do it.
    /// </summary>
    private static async Task<(IConfigMgrSite? Site, string? NotSynchronized)> ConnectConsolesLastSiteAsync(
        WorkflowVerbSupport support, CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            return (await support.Host.SiteConnector(context.Logger).ConnectAsync(null, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ConfigMgrException ex)
        {
            var notSynchronized = $"was not synchronized: {ex.Message} Give --site-server <SMS Provider server> next time, or run 'cmdsync sync' after this import.";
            context.FileLogger.Warning(ex, "ConfigMgr {NotSynchronized}", notSynchronized);
            return (null, notSynchronized);
        }
    }

    private static async Task<int> WhatIfAsync(CommandContext context, ImportWorkflow workflow, ImportRequest request, CancellationToken cancellationToken)
    {
        var plan = await workflow.PlanAsync(request, null, cancellationToken).ConfigureAwait(false);
        if (plan.AlreadyImported is { } done)
        {
            await context.Output.WriteLineAsync(context.Json
                ? WorkflowVerbSupport.ToJson(AlreadyImportedJson(done, plan.Verification.Summary, null, context.LogPath))
                : "WHAT-IF: nothing was changed." + Environment.NewLine + done.Message).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var exitCode = plan.Failure is null ? ExitCodes.Success : ExitCodes.ForWorkflowFailure(plan.Failure);
        if (context.Json)
        {
            await context.Output.WriteLineAsync(WorkflowVerbSupport.ToJson(new
            {
                result = "what-if",
                exitCode,
                plan.BundleFolder,
                verification = new { plan.Verification.Failure, plan.Verification.Cause, plan.Verification.Summary },
                plan.WsusContentFolder,
                plan.FilesToCopy,
                plan.BytesToCopy,
                plan.FilesAlreadyPresent,
                plan.Steps,
                preflight = plan.Preflight?.Results,
                failure = plan.Failure?.Message,
            })).ConfigureAwait(false);
            return exitCode;
        }

        var text = new StringBuilder();
        text.AppendLine("WHAT-IF: nothing was changed.");
        text.Append(VerifyCommand.RenderText(plan.BundleFolder, plan.Verification));
        if (plan.Verification.Succeeded)
        {
            text.AppendLine(FormattableString.Invariant($"Copy      {plan.FilesToCopy} files ({VolumeSize.Format(plan.BytesToCopy)}) into {plan.WsusContentFolder ?? "(WSUS not installed)"}, {plan.FilesAlreadyPresent} already there"));
            ExportCommand.AppendSteps(text, plan.Steps, 2);
        }

        if (plan.Preflight is not null)
        {
            ExportCommand.AppendPreflight(text, plan.Preflight);
        }

        if (plan.Failure is not null)
        {
            text.AppendLine(FormattableString.Invariant($"Would stop: {plan.Failure.Message}"));
        }

        await context.Output.WriteAsync(text.ToString()).ConfigureAwait(false);
        return exitCode;
    }

    internal static string RenderText(ImportOutcome outcome, string logPath)
    {
        var text = new StringBuilder();
        var s = outcome.Bundle;
        text.AppendLine(FormattableString.Invariant($"Bundle    {outcome.BundleFolder}"));
        if (s is not null)
        {
            text.AppendLine(FormattableString.Invariant($"Sequence  {s.Sequence}{(s.Base is null ? " (full bundle)" : $" (delta against {s.Base.Sequence})")}, signed by {s.Signer}"));
        }

        text.AppendLine(FormattableString.Invariant($"Content   {outcome.FilesCopied} files copied ({VolumeSize.Format(outcome.BytesCopied)}), {outcome.FilesAlreadyPresent} already present, in {outcome.WsusContentFolder}"));
        if (outcome.WsusUtilLogPath is not null)
        {
            text.AppendLine(FormattableString.Invariant($"wsusutil  import done; its log: {outcome.WsusUtilLogPath}"));
        }

        text.AppendLine(outcome.Accepted ? FormattableString.Invariant($"Accepted  sequence {s?.Sequence} is this server's new state{(outcome.RollbackOverridden ? " (rollback allowed by the admin)" : string.Empty)}") : "Accepted  no");
        if (outcome.ResumedSteps.Count > 0)
        {
            text.AppendLine("Resumed   " + string.Join(", ", outcome.ResumedSteps) + " finished in an earlier run");
        }

        if (outcome.SyncMessage is not null)
        {
            text.AppendLine("Sync      " + outcome.SyncMessage);
        }

        if (outcome.NextSteps is { } next)
        {
            AppendNextSteps(text, next);
        }

        if (outcome.DeploymentContent is { Package: { } deployed } content)
        {
            text.AppendLine(FormattableString.Invariant($"Package   {deployed.PackageId} '{deployed.Name}'{(content.Created ? " (created)" : string.Empty)}, source {deployed.SourcePath}"));
            text.AppendLine(FormattableString.Invariant($"  added   {content.Files} files ({VolumeSize.Format(content.Bytes)}) of contents {string.Join(", ", content.ContentIds)} (request {content.RequestId})"));
            text.AppendLine(FormattableString.Invariant($"  checked {content.DigestsMatched} Microsoft digests matched; Authenticode: {content.SignaturesValid} verified, {content.SignaturesNotChecked} not checked here"));
            text.AppendLine(content.DistributionPointsRefreshed
                ? "  DPs     the package is being sent to its distribution points (Monitoring > Distribution Status > Content Status)"
                : "  DPs     not refreshed (--no-dp-refresh): distribute the package from the console when ready");
            if (content.ContentsAlreadyInPackages > 0)
            {
                text.AppendLine(FormattableString.Invariant($"  left    {content.ContentsAlreadyInPackages} contents already in a deployment package"));
            }
        }
        else if (outcome.DeploymentContentMessage is { } deploymentMessage)
        {
            text.AppendLine("Package   " + deploymentMessage);
        }

        text.AppendLine(FormattableString.Invariant($"Log       {logPath}"));
        return text.ToString();
    }

    private static void AppendNextSteps(StringBuilder text, CategoryChanges next)
    {
        if (next.NewCategories.Count == 0)
        {
            text.AppendLine("Next      no new products or classifications arrived with this import.");
            return;
        }

        text.AppendLine(FormattableString.Invariant($"Next      {next.NewCategories.Count} new products/classifications; subscribe to the ones you need, then sync fully:"));
        foreach (var group in next.Groups)
        {
            text.AppendLine(FormattableString.Invariant($"  {group.Title}: {string.Join(", ", group.Categories.Select(c => c.Name + (c.AllowSubscription ? string.Empty : " (cannot be subscribed)")))}"));
        }

        if (next.Subscribable.Count > 0)
        {
            text.AppendLine(FormattableString.Invariant($"  cmdsync categories subscribe \"{next.Subscribable[0].Name}\" … --sync"));
        }
    }

    private static object AlreadyImportedJson(FinishedImport done, BundleSummary? bundle, string? journalPath, string logPath) => new
    {
        result = "already-imported",
        exitCode = ExitCodes.Success,
        done.BundleFolder,
        done.BundleId,
        done.Sequence,
        done.ManifestSha256,
        done.FinishedAtUtc,
        done.Message,
        bundle,
        journalPath,
        log = logPath,
    };

    private static object Json(ImportOutcome outcome, int exitCode, string logPath, string? notSynchronized) => new
    {
        result = outcome.Succeeded ? "imported" : "failed",
        exitCode,
        outcome.BundleFolder,
        bundle = outcome.Bundle,
        outcome.ManifestSha256,
        outcome.FilesCopied,
        outcome.FilesAlreadyPresent,
        outcome.BytesCopied,
        outcome.WsusContentFolder,
        outcome.WsusUtilLogPath,
        outcome.Accepted,
        outcome.RollbackOverridden,
        sync = outcome.Sync is null ? null : new { outcome.Sync.Kind, outcome.Sync.Message, state = outcome.Sync.FinalStatus?.StateMessageId },
        outcome.SyncMessage,
        configMgrNotSynchronized = notSynchronized is null ? null : "ConfigMgr " + notSynchronized,
        nextSteps = outcome.NextSteps?.Groups.Select(g => new { g.Kind, g.Title, categories = g.Categories.Select(c => new { c.Name, c.UniqueId, c.AllowSubscription, c.IsSubscribed }) }),
        deploymentContent = outcome.DeploymentContent is not { } content ? null : new
        {
            content.RequestId,
            package = content.Package?.PackageId,
            packageName = content.Package?.Name,
            packageSource = content.Package?.SourcePath,
            content.Created,
            content.ContentIds,
            content.Files,
            content.Bytes,
            content.DistributionPointsRefreshed,
            content.ContentsAlreadyInPackages,
            content.DigestsMatched,
            content.SignaturesValid,
            content.SignaturesNotChecked,
        },
        outcome.DeploymentContentMessage,
        outcome.ResumedSteps,
        outcome.JournalPath,
        log = logPath,
        failure = outcome.Failure is null ? null : new { outcome.Failure.Kind, outcome.Failure.Step, outcome.Failure.Message, verification = outcome.Failure.Verification?.Failure },
        preflight = outcome.Preflight?.Results,
    };
}
