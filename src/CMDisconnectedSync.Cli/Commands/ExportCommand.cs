using System.CommandLine;
using System.Globalization;
using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync export</c>: the export workflow (preflight, wsusutil export, content delta, signed bundle, export chain).</summary>
public static class ExportCommand
{
    public static Command Create(WorkflowVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var output = new Option<DirectoryInfo>("--out") { Description = "New (or empty) folder for the bundle, e.g. on the transfer disk: E:\\Transfer\\bundle-0042.", Required = true };
        var signPfx = new Option<FileInfo?>("--sign-pfx") { Description = "Sign with this PFX (password: --password-file, $CMDSYNC_PFX_PASSWORD or prompt). Make one for a lab with 'cmdsync keys new'." };
        var signThumbprint = new Option<string?>("--sign-thumbprint") { Description = "Sign with the certificate of this thumbprint from Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My." };
        var baseBundle = new Option<DirectoryInfo?>("--base") { Description = "Delta against this earlier bundle instead of the export chain's last export (the chain's last bundle, or a full bundle)." };
        var receipt = new Option<FileInfo?>("--receipt") { Description = "Send exactly what this state receipt (made with 'cmdsync receipt' on the disconnected server) lacks, e.g. after a lost bundle. Unsigned: use only receipts you carried yourself; files it claims are present are not sent." };
        var maxVolume = new Option<string?>("--max-volume-size") { Description = "Split into volume-NNN folders of at most this size: 4GiB-1 (FAT32), 25GB (BD-R), 700MB." };
        var state = new Option<DirectoryInfo>("--state")
        {
            Description = "State folder of this export server: the export chain (last manifest and inventory, the base of the next delta) and the run journals.",
            DefaultValueFactory = _ => new DirectoryInfo(StateFolderOption.DefaultPath),
        };
        var server = new Option<string>("--server") { Description = "Server name recorded in the manifest.", DefaultValueFactory = _ => Environment.MachineName };
        var waitForWsusUtil = Duration.CreateOptionalOption("--wait-for-wsusutil", "If a wsusutil started by an earlier run of this command (which was killed before it ended) is still running: wait up to this long for it to end, then resume. Without it, the run stops at once with exit code 5 naming that process.");
        var contentRequest = new Option<FileInfo?>("--content-request")
        {
            Description = "Also carry the update files this content request names (written by 'cmdsync content request' on the disconnected site) as deployment content: "
                + "each file is taken from --content-from, from this server's WsusContent (same Microsoft digest) or downloaded from its Microsoft URL, and checked against "
                + "Microsoft's size and digest (FileHash) before it enters the bundle. A file that differs stops the export (exit 75) naming the update, the file and the URL; no bundle is written.",
            HelpName = "request.json",
        };
        var contentFrom = new Option<DirectoryInfo?>("--content-from")
        {
            Description = "With --content-request: take the files from this folder first (the --out folder of 'cmdsync content fetch', laid out <ContentID>\\<FileName>, or flat); "
                + "what it lacks is downloaded. Every file is still checked against Microsoft's digest.",
            HelpName = "folder",
        };
        var proxy = ContentFetchCommand.ProxyOption();
        var parallel = ContentFetchCommand.ParallelOption();
        var attempts = ContentFetchCommand.AttemptsOption();
        var passwords = new PasswordOptions();
        var command = new Command("export",
            "Export from this internet-facing WSUS/software update point into a signed transfer bundle: preflight checks (elevated, WSUS "
            + "installed, last sync succeeded, no sync running, free space), 'wsusutil export' into a staging folder beside the bundle, the "
            + "content delta (every WsusContent file the other side lacks, license-terms .txt included, logs/temp left out), the bundle "
            + "(manifest, signature, volumes) and the export chain's new head. Interrupted (Ctrl+C, crash, reboot)? Rerun the same command: "
            + "finished steps are not redone.\n"
            + "With --content-request the bundle also carries the update files the disconnected site asked for (deployment content, stored as "
            + "deployment-content\\<ContentID>\\<FileName> with their SHA-256 and Microsoft's digest in the signed manifest; never copied into WsusContent). "
            + "They are gathered into the staging folder first, each checked against Microsoft's digest; an interrupted export keeps the files "
            + "already checked and resumes partial downloads (--proxy, --parallel and --attempts as for 'cmdsync content fetch').\n"
            + "Examples:\n"
            + "  cmdsync export --out E:\\Transfer\\bundle-0042 --sign-pfx C:\\Keys\\export.pfx --password-file C:\\Keys\\pfx.txt\n"
            + "  cmdsync export --out E:\\Transfer\\bundle-0043 --sign-thumbprint 3A5F...C2 --max-volume-size 4GiB-1\n"
            + "  cmdsync export --out E:\\Transfer\\bundle-0044 --sign-pfx C:\\Keys\\export.pfx --receipt E:\\Transfer\\receipt.json --what-if\n"
            + "  cmdsync export --out E:\\Transfer\\bundle-0045 --sign-pfx C:\\Keys\\export.pfx --content-request E:\\Transfer\\request.json\n"
            + "  cmdsync export --out E:\\Transfer\\bundle-0046 --sign-pfx C:\\Keys\\export.pfx --content-request E:\\Transfer\\request.json --content-from D:\\Content")
        {
            output, signPfx, signThumbprint, baseBundle, receipt, maxVolume, state, server, waitForWsusUtil, support.WhatIf,
            contentRequest, contentFrom, proxy, parallel, attempts,
        };
        passwords.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = support.Contexts.Create(parseResult);
            var pfx = parseResult.GetValue(signPfx);
            var thumbprint = parseResult.GetValue(signThumbprint);
            if ((pfx is null) == (thumbprint is null))
            {
                return context.Fail(ExitCodes.Usage, "cmdsync export: give exactly one of --sign-pfx <file> or --sign-thumbprint <thumbprint>.");
            }

            if (parseResult.GetValue(baseBundle) is not null && parseResult.GetValue(receipt) is not null)
            {
                return context.Fail(ExitCodes.Usage, "cmdsync export: give --base <bundle> or --receipt <file>, not both.");
            }

            long? maxVolumeSize = null;
            if (parseResult.GetValue(maxVolume) is { } maxVolumeText)
            {
                if (!VolumeSize.TryParse(maxVolumeText, out var parsed))
                {
                    return context.Fail(ExitCodes.Usage, $"cmdsync export: --max-volume-size '{maxVolumeText}' is not a size. Write e.g. 4GiB-1, 25GB or 700MB.");
                }

                maxVolumeSize = parsed;
            }

            ContentRequest? requested = null;
            if (parseResult.GetValue(contentRequest) is { } requestFile)
            {
                try
                {
                    requested = ContentRequestSerializer.ReadFile(requestFile.FullName);
                }
                catch (ContentRequestFormatException ex)
                {
                    return context.Fail(ExitCodes.ContentRequestUnusable, ex.Message, ex);
                }
            }

            var contentFolder = parseResult.GetValue(contentFrom)?.FullName;
            if (contentFolder is not null && requested is null)
            {
                return context.Fail(ExitCodes.Usage, "cmdsync export: --content-from names where requested files are; give it with --content-request <request.json>.");
            }

            if (contentFolder is not null && !Directory.Exists(contentFolder))
            {
                return context.Fail(ExitCodes.Usage, $"cmdsync export: the --content-from folder '{contentFolder}' does not exist. Give the --out folder of 'cmdsync content fetch', or leave it out to download.");
            }

            using var certificate = BundleCommand.LoadCertificate(pfx, thumbprint, passwords, parseResult, context, out var certificateError);
            if (certificate is null)
            {
                return context.Fail(ExitCodes.SigningCertificateUnavailable, certificateError);
            }

            var request = new ExportRequest
            {
                OutputFolder = parseResult.GetRequiredValue(output).FullName,
                Signer = new CmsManifestSigner(certificate),
                StateFolder = parseResult.GetRequiredValue(state).FullName,
                SourceServerName = parseResult.GetRequiredValue(server),
                BaseBundleFolder = parseResult.GetValue(baseBundle)?.FullName,
                ReceiptPath = parseResult.GetValue(receipt)?.FullName,
                MaxVolumeSize = maxVolumeSize,
                WaitForEarlierWsusUtil = parseResult.GetValue(waitForWsusUtil),
                ContentRequest = requested,
                ContentFromFolder = contentFolder,
                ContentDownload = new ContentDownloadOptions
                {
                    ParallelDownloads = parseResult.GetValue(parallel),
                    Proxy = parseResult.GetValue(proxy),
                    MaxAttempts = parseResult.GetValue(attempts),
                },
            };
            var workflow = new ExportWorkflow(support.Host.Compose(context.Logger, null));
            try
            {
                if (parseResult.GetValue(support.WhatIf))
                {
                    return await WhatIfAsync(context, workflow, request, cancellationToken).ConfigureAwait(false);
                }

                var outcome = await support.ProgressFor(context).RunAsync(p => workflow.RunAsync(request, p, cancellationToken)).ConfigureAwait(false);
                if (outcome.Failure is { } failure)
                {
                    if (context.Json)
                    {
                        await context.Output.WriteLineAsync(WorkflowVerbSupport.ToJson(Json(outcome, ExitCodes.ForWorkflowFailure(failure), context.LogPath))).ConfigureAwait(false);
                    }

                    return await WorkflowVerbSupport.FailedAsync(context, failure).ConfigureAwait(false);
                }

                await context.Output.WriteAsync(context.Json
                    ? WorkflowVerbSupport.ToJson(Json(outcome, ExitCodes.Success, context.LogPath)) + Environment.NewLine
                    : RenderText(outcome, context.LogPath)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (WorkflowFailedException ex)
            {
                return await WorkflowVerbSupport.FailedAsync(context, ex.Failure).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return await WorkflowVerbSupport.CancelledAsync(context, WorkflowJournalFiles.ExportJournal(request.StateFolder)).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static async Task<int> WhatIfAsync(CommandContext context, ExportWorkflow workflow, ExportRequest request, CancellationToken cancellationToken)
    {
        var plan = await workflow.PlanAsync(request, cancellationToken).ConfigureAwait(false);
        var exitCode = ExitCodes.ForPreflight(plan.Preflight);
        if (context.Json)
        {
            await context.Output.WriteLineAsync(WorkflowVerbSupport.ToJson(new { result = "what-if", exitCode, plan })).ConfigureAwait(false);
            return exitCode;
        }

        var text = new StringBuilder();
        text.AppendLine("WHAT-IF: nothing was changed.");
        text.AppendLine(FormattableString.Invariant($"Bundle    {plan.BundleFolder}"));
        text.AppendLine(FormattableString.Invariant($"Sequence  {plan.Sequence}, base: {plan.BaseDescription}"));
        text.AppendLine(FormattableString.Invariant($"Content   {plan.Files} files ({VolumeSize.Format(plan.Bytes)}) to send, {plan.UnchangedFiles} unchanged"));
        if (plan.DeploymentContentFiles > 0)
        {
            text.AppendLine(FormattableString.Invariant($"Requested {plan.DeploymentContentFiles} deployment content files ({VolumeSize.Format(plan.DeploymentContentBytes)}), each to be checked against Microsoft's digest"));
        }

        text.AppendLine(FormattableString.Invariant($"Signer    {plan.Signer}"));
        AppendSteps(text, plan.Steps, 1);
        AppendPreflight(text, plan.Preflight);
        await context.Output.WriteAsync(text.ToString()).ConfigureAwait(false);
        return exitCode;
    }

    internal static void AppendSteps(StringBuilder text, IReadOnlyList<PlannedStep> steps, int gates)
    {
        text.AppendLine("Steps");
        for (var i = 0; i < steps.Count; i++)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "  [{0}/{1}] {2}{3}", i + 1 + gates, steps.Count + gates, steps[i].Title,
                steps[i].AlreadyDone ? "  (done in an earlier run: skipped)" : string.Empty));
        }
    }

    internal static void AppendPreflight(StringBuilder text, PreflightReport preflight)
    {
        text.AppendLine("Preflight");
        foreach (var check in preflight.Results)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "  {0,-4} {1}: {2}{3}", check.Status.ToString().ToUpperInvariant(), check.Name, check.Detail,
                check.FixHint.Length > 0 ? " Fix: " + check.FixHint : string.Empty));
        }
    }

    internal static string RenderText(ExportOutcome outcome, string logPath)
    {
        var text = new StringBuilder();
        text.AppendLine(FormattableString.Invariant($"Bundle    {outcome.BundleFolder}"));
        text.AppendLine(FormattableString.Invariant($"Sequence  {outcome.Sequence}{(outcome.BaseSequence is { } b ? $" (delta against {b})" : " (full bundle)")}"));
        text.AppendLine(FormattableString.Invariant($"Content   {outcome.Files} files ({VolumeSize.Format(outcome.Bytes)}) sent, {outcome.UnchangedFiles} unchanged not sent{(outcome.VolumeCount > 0 ? $", {outcome.VolumeCount} volumes" : string.Empty)}"));
        if (outcome.DeploymentContentFiles > 0)
        {
            text.AppendLine(FormattableString.Invariant($"Requested {outcome.DeploymentContentFiles} deployment content files ({VolumeSize.Format(outcome.DeploymentContentBytes)}) carried, each checked against Microsoft's digest"));
        }

        text.AppendLine(FormattableString.Invariant($"Signer    {outcome.Signer}"));
        if (outcome.ResumedSteps.Count > 0)
        {
            text.AppendLine("Resumed   " + string.Join(", ", outcome.ResumedSteps) + " finished in an earlier run");
        }

        text.AppendLine(FormattableString.Invariant($"Journal   {outcome.JournalPath}"));
        text.AppendLine(FormattableString.Invariant($"Log       {logPath}"));
        text.AppendLine(FormattableString.Invariant($"Next      copy {outcome.BundleFolder} to the disconnected server and run: cmdsync import <bundle folder> --site-server <site server>"));
        return text.ToString();
    }

    private static object Json(ExportOutcome outcome, int exitCode, string logPath) => new
    {
        result = outcome.Succeeded ? "exported" : "failed",
        exitCode,
        outcome.BundleFolder,
        outcome.Sequence,
        outcome.BaseSequence,
        outcome.Files,
        outcome.Bytes,
        outcome.UnchangedFiles,
        outcome.DeploymentContentFiles,
        outcome.DeploymentContentBytes,
        outcome.VolumeCount,
        outcome.Signer,
        outcome.ManifestSha256,
        outcome.WsusUtilLogPath,
        outcome.WsusUtilMessage,
        outcome.ResumedSteps,
        outcome.JournalPath,
        log = logPath,
        failure = outcome.Failure is null ? null : new { outcome.Failure.Kind, outcome.Failure.Step, outcome.Failure.Message },
        preflight = outcome.Preflight?.Results,
    };
}
