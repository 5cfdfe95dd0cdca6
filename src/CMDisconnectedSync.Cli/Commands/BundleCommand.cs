using System.CommandLine;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync bundle create</c>: the low-level bundle writer (content + an existing wsusutil export). The full
/// <c>export</c> verb adds preflight and runs wsusutil itself.
/// </summary>
public static class BundleCommand
{
    public static Command Create(CommandContextFactory contexts)
    {
        var command = new Command("bundle", "Low-level bundle tools. Most admins use 'export'/'import'; 'bundle create' is for scripted or lab use.");
        command.Subcommands.Add(CreateCreate(contexts));
        return command;
    }

    private static Command CreateCreate(CommandContextFactory contexts)
    {
        var content = new Option<DirectoryInfo>("--content") { Description = "The export server's WsusContent folder.", Required = true };
        var metadata = new Option<FileInfo>("--metadata") { Description = "The package written by 'wsusutil export' (e.g. export.xml.gz).", Required = true };
        var metadataLog = new Option<FileInfo>("--metadata-log") { Description = "The log written by the same 'wsusutil export'.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "New folder for the bundle (must not exist or be empty).", Required = true };
        var signPfx = new Option<FileInfo?>("--sign-pfx") { Description = "Sign with this PFX (password: --password-file, $CMDSYNC_PFX_PASSWORD or prompt)." };
        var signThumbprint = new Option<string?>("--sign-thumbprint") { Description = "Sign with the certificate of this thumbprint from Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My (Windows)." };
        var chain = new Option<DirectoryInfo?>("--base", "--chain")
        {
            Description = "Export chain folder: holds the last exported manifest and inventory. The bundle is a delta against it with the next "
                + "sequence, and becomes the chain's new head. Created on first use (first bundle is full).",
        };
        var receipt = new Option<FileInfo?>("--receipt") { Description = "Send only what this receipt (from 'cmdsync receipt' on the disconnected server) lacks; its last sequence becomes the base. Unsigned: files it claims are present are not sent." };
        var maxVolume = new Option<string?>("--max-volume-size") { Description = "Split into volume-NNN folders of at most this size: 4GiB-1 (FAT32), 25GB (BD-R), 700MB. Bigger files are split into parts." };
        var sequence = new Option<long?>("--sequence") { Description = "Sequence number (default: the chain's next, or 1)." };
        var server = new Option<string>("--server") { Description = "Source server recorded in the manifest.", DefaultValueFactory = _ => Environment.MachineName };
        var wsusVersion = new Option<string>("--wsus-version") { Description = "WSUS version recorded in the manifest.", DefaultValueFactory = _ => "unknown" };
        var languages = new Option<string[]>("--languages") { Description = "WSUS update languages, e.g. --languages en de.", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["en"] };
        var express = new Option<bool>("--express") { Description = "The export WSUS downloads express installation files." };
        var passwords = new PasswordOptions();
        var command = new Command("create",
            "Write a signed transfer bundle from a WsusContent folder and an existing wsusutil export: manifest.json (every file's size and "
            + "SHA-256, sequence, base), manifest.json.p7s (detached CMS signature), metadata/ and content/ (only files the other side lacks). "
            + "\n" + HelpText.ExamplesHeading + "\n"
            + "  cmdsync bundle create --content D:\\WSUS\\WsusContent --metadata D:\\x\\export.xml.gz --metadata-log D:\\x\\export.log "
            + "--out E:\\Transfer\\bundle-0042 --sign-pfx C:\\keys\\export.pfx --chain D:\\CMDisconnectedSync\\Chain --max-volume-size 4GiB-1\n"
            + "  cmdsync bundle create --content D:\\WSUS\\WsusContent --metadata D:\\x\\export.xml.gz --metadata-log D:\\x\\export.log "
            + "--out E:\\Transfer\\bundle-0043 --sign-thumbprint 3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0 --receipt E:\\Transfer\\receipt.json")
        {
            content, metadata, metadataLog, output, signPfx, signThumbprint, chain, receipt, maxVolume, sequence, server, wsusVersion, languages, express,
        };
        passwords.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var pfx = parseResult.GetValue(signPfx);
            var thumbprint = parseResult.GetValue(signThumbprint);
            if ((pfx is null) == (thumbprint is null))
            {
                return context.Fail(ExitCodes.Usage, "cmdsync bundle create: give exactly one of --sign-pfx <file> or --sign-thumbprint <thumbprint>.");
            }

            long? maxVolumeSize = null;
            var maxVolumeText = parseResult.GetValue(maxVolume);
            if (maxVolumeText is not null)
            {
                if (!VolumeSize.TryParse(maxVolumeText, out var parsed))
                {
                    return context.Fail(ExitCodes.Usage, $"cmdsync bundle create: --max-volume-size '{maxVolumeText}' is not a size. Write e.g. 4GiB-1, 25GB or 700MB.");
                }

                maxVolumeSize = parsed;
            }

            var chainFolder = parseResult.GetValue(chain)?.FullName;
            var receiptFile = parseResult.GetValue(receipt)?.FullName;
            var contentRoot = parseResult.GetRequiredValue(content).FullName;
            using var certificate = LoadCertificate(pfx, thumbprint, passwords, parseResult, context, out var certificateError);
            if (certificate is null)
            {
                return context.Fail(ExitCodes.SigningCertificateUnavailable, certificateError);
            }

            try
            {
                var chainStore = chainFolder is null ? null : new ExportChainStore(chainFolder, context.StateFolders);
                var head = chainStore is null ? null : await chainStore.LoadAsync(cancellationToken).ConfigureAwait(false);
                DeltaBase? baseline = head?.ToDeltaBase();
                if (receiptFile is not null)
                {
                    baseline = (await new StateReceiptFile().ReadAsync(receiptFile, cancellationToken).ConfigureAwait(false)).ToDeltaBase();
                }

                var inventory = new ContentInventoryScanner(new BundlePathValidator()).Scan(contentRoot, cancellationToken);
                var plan = await new DeltaPlanner().PlanAsync(contentRoot, inventory, baseline, cancellationToken).ConfigureAwait(false);
                var writer = new BundleWriter(new CmsManifestSigner(certificate), context.Clock, new BundlePathValidator());
                var request = new BundleWriteRequest
                {
                    ContentRoot = contentRoot,
                    Plan = plan,
                    MetadataPackagePath = parseResult.GetRequiredValue(metadata).FullName,
                    MetadataLogPath = parseResult.GetRequiredValue(metadataLog).FullName,
                    OutputFolder = parseResult.GetRequiredValue(output).FullName,
                    Sequence = parseResult.GetValue(sequence) ?? head?.NextSequence ?? 1,
                    Base = baseline?.Base,
                    Source = new SourceServer
                    {
                        Server = parseResult.GetRequiredValue(server),
                        WsusVersion = parseResult.GetRequiredValue(wsusVersion),
                        Languages = parseResult.GetRequiredValue(languages),
                        ExpressFiles = parseResult.GetValue(express),
                    },
                    MaxVolumeSize = maxVolumeSize,
                };
                context.Logger.Information("Writing bundle {Bundle}: sequence {Sequence}, {Files} files to send, {Unchanged} unchanged, base {Base}",
                    request.OutputFolder, request.Sequence, plan.Files.Count, plan.UnchangedCount, request.Base?.Sequence);
                var written = await writer.WriteAsync(request, null, cancellationToken).ConfigureAwait(false);
                if (chainStore is not null)
                {
                    await chainStore.RecordExportAsync(written, plan.Current, cancellationToken).ConfigureAwait(false);
                }

                var m = written.Manifest;
                if (context.Json)
                {
                    context.WriteJson(new
                    {
                        result = "created", exitCode = ExitCodes.Success, bundle = written.BundleFolder, m.Sequence, baseSequence = m.Base?.Sequence,
                        files = m.Files.Count, bytes = m.Files.Sum(f => f.Size), unchangedNotSent = plan.UnchangedCount, volumes = m.VolumeCount,
                        signerSubject = certificate.Subject, signerThumbprint = certificate.Thumbprint, chain = chainFolder, log = context.LogPath,
                    });
                    return ExitCodes.Success;
                }

                await context.Output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture,
                    "Bundle {0}: sequence {1}{2}, {3} files ({4}), {5} unchanged not sent{6}, signed by {7}.",
                    written.BundleFolder, m.Sequence, m.Base is null ? " (full)" : $" (delta against {m.Base.Sequence})", m.Files.Count,
                    VolumeSize.Format(m.Files.Sum(f => f.Size)), plan.UnchangedCount, m.VolumeCount > 0 ? $", {m.VolumeCount} volumes" : string.Empty,
                    certificate.Subject)).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (StateFileException ex)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }
            catch (UnsafePathException ex)
            {
                return context.Fail(ExitCodes.BundleUnsafePath, ex.Message, ex);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or ManifestFormatException)
            {
                return context.Fail(ExitCodes.Failure, $"cmdsync bundle create: {ex.Message}", ex);
            }
        });
        return command;
    }

    internal static System.Security.Cryptography.X509Certificates.X509Certificate2? LoadCertificate(
        FileInfo? pfx, string? thumbprint, PasswordOptions passwords, ParseResult parseResult, CommandContext context, out string error)
    {
        error = string.Empty;
        try
        {
            var loader = new SigningCertificateLoader();
            return pfx is not null
                ? loader.LoadFromPfx(pfx.FullName, passwords.Resolve(parseResult, context.Error, $"the signing PFX '{pfx.FullName}'"))
                : loader.LoadFromStore(thumbprint!);
        }
        catch (Exception ex) when (ex is SigningCertificateException or InvalidOperationException or IOException)
        {
            // The verb writes the message once (exit code 26); the exception and its stack trace go to the log file only.
            context.FileLogger.Error(ex, "Cannot load the signing certificate");
            error = ex.Message;
            return null;
        }
    }
}
