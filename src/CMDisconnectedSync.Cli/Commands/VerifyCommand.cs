using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using Spectre.Console;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync verify &lt;bundle&gt;</c>: every check import makes, and nothing written.</summary>
public static class VerifyCommand
{
    /// <param name="contexts">Builds each invocation's context.</param>
    /// <param name="isInteractive">Whether a person watches this writer on a real console (then hashing progress is drawn as a bar).</param>
    public static Command Create(CommandContextFactory contexts, Func<TextWriter, bool>? isInteractive = null)
    {
        isInteractive ??= writer => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var bundle = new Argument<DirectoryInfo>("bundle") { Description = "The bundle folder (holding manifest.json, or the volume-NNN folders of a split bundle)." }.RefusingOptionLikeValues();
        var state = StateFolderOption.Create();
        var allowRollback = new Option<bool>("--allow-rollback") { Description = "Accept a sequence not above the highest accepted one (needs --reason). A delta's base must still match." };
        var reason = new Option<string?>("--reason") { Description = "Why the rollback/replay is intended; written to the log." };
        var command = new Command("verify",
            "Check a transfer bundle exactly as import will, without writing anything: the signature over manifest.json, that the signer is in "
            + "this server's trusted-signers.txt (add one with 'cmdsync keys trust'), that the sequence is newer than the last accepted one, that "
            + "the bundle's base matches this server's state, that every volume and file is present and nothing extra, every file's size and "
            + "SHA-256, and that no path could escape the destination. Exit code 0 when the bundle can be imported, 10-25 naming the failed check "
            + "(see README 'Exit codes').\n"
            + HelpText.ExamplesHeading + "\n"
            + "  cmdsync verify E:\\Transfer\\bundle-0042\n"
            + "  cmdsync verify E:\\Transfer\\bundle-0042 --state D:\\CMDisconnectedSync\\State --json")
        {
            bundle, state, allowRollback, reason,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var folder = parseResult.GetRequiredValue(bundle).FullName;
            var rollback = parseResult.GetValue(allowRollback);
            var rollbackReason = parseResult.GetValue(reason);
            if (rollback && string.IsNullOrWhiteSpace(rollbackReason))
            {
                return context.Fail(ExitCodes.Usage, "cmdsync verify: --allow-rollback needs --reason \"why\" (it is logged).");
            }

            var store = new DisconnectedStateStore(parseResult.GetRequiredValue(state).FullName, context.Clock, context.StateFolders);
            BundleTrustContext trust;
            try
            {
                trust = BundleTrustContext.For(store.LoadTrustedSigners(), await store.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false), rollback);
            }
            catch (StateFileException ex)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }

            if (trust.TrustedSigners.Signers.Count == 0)
            {
                context.Logger.Warning("No trusted signers in {StateFolder}; every bundle will be rejected as untrusted. Run 'cmdsync keys trust <certificate>'", store.Folder);
            }

            if (rollback)
            {
                context.Logger.Warning("Rollback/replay check overridden for {Bundle}: {Reason}", folder, rollbackReason);
            }

            context.Logger.Information("Verifying bundle {Bundle} against state {StateFolder}", folder, store.Folder);
            var verifier = new BundleVerifier(new BundlePathValidator(), new ManifestSignatureVerifier(context.Clock));
            // Issue 17: hashing a 100 GB bundle takes minutes; on a terminal it shows bytes, rate and ETA (--json and
            // redirected output print only the result).
            IProgressRenderer progress = !context.Json && isInteractive(context.Output) ? new SpectreProgress(AnsiConsole.Console) : new SilentProgress();
            var result = await progress.RunAsync(async p =>
            {
                var title = "Verify " + folder;
                p.Steps?.Report(new StepReport(1, 1, "verify", title, StepOutcome.Running, null));
                var verified = await verifier.VerifyAsync(folder, trust, p.Transfer, cancellationToken).ConfigureAwait(false);
                p.Steps?.Report(new StepReport(1, 1, "verify", title, verified.Succeeded ? StepOutcome.Completed : StepOutcome.Failed, null));
                return verified;
            }).ConfigureAwait(false);
            var exitCode = result.Succeeded ? ExitCodes.Success : ExitCodes.ForVerificationFailure(result.Failure!.Value);
            if (result.Succeeded)
            {
                context.Logger.Information("Bundle {Bundle} verified: {Cause}", folder, result.Cause);
            }
            else
            {
                // The result below says it (text or JSON): the log file records it, the console does not repeat it.
                context.FileLogger.Error("Bundle {Bundle} rejected ({Failure}): {Cause}", folder, result.Failure, result.Cause);
            }

            await context.Output.WriteAsync(context.Json ? RenderJson(folder, result, exitCode, context.LogPath) : RenderText(folder, result)).ConfigureAwait(false);
            return exitCode;
        });
        return command;
    }

    internal static string RenderText(string folder, BundleVerificationResult result)
    {
        var text = new StringBuilder();
        var s = result.Summary;
        text.AppendLine(FormattableString.Invariant($"Bundle    {folder}"));
        if (s is not null)
        {
            text.AppendLine(FormattableString.Invariant($"Id        {s.BundleId}, created {s.CreatedAtUtc:yyyy-MM-dd HH:mm:ss} UTC on {s.SourceServer}"));
            text.AppendLine(FormattableString.Invariant($"Sequence  {s.Sequence}{(s.Base is null ? " (full bundle)" : $" (delta against {s.Base.Sequence})")}"));
            text.AppendLine(FormattableString.Invariant($"Signer    {s.Signer?.ToString() ?? "(unknown)"}"));
            text.AppendLine(FormattableString.Invariant($"Content   {s.Files} files ({s.NewFiles} new, {s.ChangedFiles} changed), {VolumeSize.Format(s.Bytes)}{(s.VolumeCount > 0 ? $", {s.VolumeCount} volumes" : string.Empty)}"));
            if (s.DeploymentContentFiles > 0)
            {
                text.AppendLine(FormattableString.Invariant($"Requested {s.DeploymentContentFiles} deployment content files, {VolumeSize.Format(s.DeploymentContentBytes)} (for deployment packages; never copied into WsusContent)"));
            }
        }

        text.AppendLine(result.Succeeded
            ? "Result    VERIFIED: the bundle can be imported."
            : $"Result    REJECTED ({result.Failure}{(result.ProblemCount > 1 ? $", {result.ProblemCount} problems" : string.Empty)}): {result.Cause}");
        return text.ToString();
    }

    internal static string RenderJson(string folder, BundleVerificationResult result, int exitCode, string logPath)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("bundle", folder);
            json.WriteString("result", result.Succeeded ? "verified" : "rejected");
            json.WriteNumber("exitCode", exitCode);
            if (result.Failure is not null)
            {
                json.WriteString("failure", result.Failure.Value.ToString());
                json.WriteNumber("problemCount", result.ProblemCount);
            }

            json.WriteString("cause", result.Cause);
            if (result.Summary is { } s)
            {
                json.WriteStartObject("summary");
                json.WriteString("bundleId", s.BundleId);
                json.WriteNumber("sequence", s.Sequence);
                if (s.Base is not null)
                {
                    json.WriteNumber("baseSequence", s.Base.Sequence);
                    json.WriteString("baseManifestSha256", s.Base.ManifestSha256);
                }

                json.WriteString("createdAtUtc", s.CreatedAtUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteString("sourceServer", s.SourceServer);
                json.WriteNumber("files", s.Files);
                json.WriteNumber("bytes", s.Bytes);
                json.WriteNumber("newFiles", s.NewFiles);
                json.WriteNumber("changedFiles", s.ChangedFiles);
                json.WriteNumber("volumes", s.VolumeCount);
                if (s.DeploymentContentFiles > 0)
                {
                    json.WriteNumber("deploymentContentFiles", s.DeploymentContentFiles);
                    json.WriteNumber("deploymentContentBytes", s.DeploymentContentBytes);
                }
                if (s.Signer is not null)
                {
                    json.WriteString("signerSubject", s.Signer.Subject);
                    json.WriteString("signerThumbprint", s.Signer.Thumbprint);
                }

                json.WriteEndObject();
            }

            json.WriteString("log", logPath);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
