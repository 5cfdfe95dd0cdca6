using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary><c>cmdsync keys new|trust|list</c>: the signing certificate and who this server trusts.</summary>
public static class KeysCommand
{
    public static Command Create(CommandContextFactory contexts)
    {
        var command = new Command("keys",
            "Signing keys. On the export server: 'keys new' makes a lab code-signing certificate (production: use your PKI's). On the "
            + "disconnected server: 'keys trust' adds the export server's certificate to trusted-signers.txt; only bundles signed by a "
            + "trusted thumbprint are accepted. 'keys list' shows the list.");
        command.Subcommands.Add(CreateNew(contexts));
        command.Subcommands.Add(CreateTrust(contexts));
        command.Subcommands.Add(CreateList(contexts));
        return command;
    }

    private static Command CreateNew(CommandContextFactory contexts)
    {
        var output = new Option<FileInfo>("--out") { Description = "PFX file to create (with the private key). A .cer with the public certificate is written beside it.", Required = true };
        var subject = new Option<string>("--subject") { Description = "Certificate subject.", DefaultValueFactory = _ => "CN=CMDisconnectedSync lab signing" };
        var years = new Option<int>("--years") { Description = "Validity in years.", DefaultValueFactory = _ => 2 };
        var passwords = new PasswordOptions();
        var command = new Command("new",
            "Create a self-signed code-signing certificate for labs (RSA 3072, SHA-256). Writes <out>.pfx protected by the password from "
            + $"--password-file, ${PasswordOptions.DefaultVariable} or a prompt, and <out>.cer to carry to the disconnected server for 'keys trust'. "
            + "Prints the thumbprint.\n"
            + HelpText.ExamplesHeading + "\n"
            + "  cmdsync keys new --out C:\\Keys\\export.pfx --password-file C:\\Keys\\pfx.txt\n"
            + "  cmdsync keys new --out C:\\Keys\\lab.pfx --subject \"CN=Contoso WSUS transfer\" --years 1 --json")
        {
            output, subject, years,
        };
        passwords.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var pfxPath = parseResult.GetRequiredValue(output).FullName;
            if (File.Exists(pfxPath))
            {
                return context.Fail(ExitCodes.Usage, $"cmdsync keys new: '{pfxPath}' already exists; choose another --out (keys are never overwritten).");
            }

            string? password;
            try
            {
                password = passwords.Resolve(parseResult, context.Error, $"the new PFX '{pfxPath}'")();
            }
            catch (InvalidOperationException ex)
            {
                return context.Fail(ExitCodes.Usage, ex.Message);
            }

            using var certificate = new LabCertificateFactory(context.Clock).Create(parseResult.GetRequiredValue(subject), TimeSpan.FromDays(365.25 * parseResult.GetValue(years)));
            Directory.CreateDirectory(Path.GetDirectoryName(pfxPath)!);
            var cerPath = Path.ChangeExtension(pfxPath, ".cer");
            await IO.AtomicFile.WriteAllBytesAsync(pfxPath, LabCertificateFactory.ExportPfx(certificate, password), cancellationToken).ConfigureAwait(false);
            await IO.AtomicFile.WriteAllBytesAsync(cerPath, LabCertificateFactory.ExportCertificate(certificate), cancellationToken).ConfigureAwait(false);
            context.Logger.Information("Created lab signing certificate {Subject} {Thumbprint} in {Pfx}", certificate.Subject, certificate.Thumbprint, pfxPath);
            var next = $"On the disconnected server run: cmdsync keys trust {Path.GetFileName(cerPath)}";
            if (context.Json)
            {
                context.WriteJson(new
                {
                    result = "created", exitCode = ExitCodes.Success, thumbprint = certificate.Thumbprint, subject = certificate.Subject,
                    notAfterUtc = certificate.NotAfter.ToUniversalTime(), pfx = pfxPath, cer = cerPath, next, log = context.LogPath,
                });
                return ExitCodes.Success;
            }

            await context.Output.WriteLineAsync(certificate.Thumbprint).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Created {pfxPath} (keep it secret) and {cerPath} (public).").ConfigureAwait(false);
            await context.Error.WriteLineAsync(next).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateTrust(CommandContextFactory contexts)
    {
        var what = new Argument<string>("certificate") { Description = "A .cer/.crt/.pem certificate file, or a 40-hex-digit thumbprint." }.RefusingOptionLikeValues();
        var subject = new Option<string?>("--subject") { Description = "Label recorded beside a bare thumbprint (a certificate file supplies its own subject)." };
        var state = StateFolderOption.Create();
        var command = new Command("trust",
            "Add a signer to this server's trusted-signers.txt (in the state folder). Prefer the certificate file exported by 'keys new' or your "
            + "PKI; check its thumbprint with the export server's admin out of band before trusting it.\n"
            + HelpText.ExamplesHeading + "\n"
            + "  cmdsync keys trust E:\\Transfer\\export.cer\n"
            + "  cmdsync keys trust 3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A0 --subject \"CN=Contoso WSUS transfer\"")
        {
            what, subject, state,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var value = parseResult.GetRequiredValue(what);
            SignerIdentity signer;
            if (File.Exists(value))
            {
                try
                {
                    using var certificate = X509CertificateLoaderCompat.Load(value);
                    signer = new SignerIdentity(certificate.Subject, certificate.Thumbprint.ToUpperInvariant())
                    {
                        NotAfterUtc = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                    };
                }
                catch (CryptographicException ex)
                {
                    return context.Fail(ExitCodes.Usage, $"cmdsync keys trust: '{value}' is not a certificate file ({ex.Message}). Give the .cer written by 'keys new', or a thumbprint.");
                }
            }
            else if (TrustedSigners.IsThumbprint(value))
            {
                signer = new SignerIdentity(parseResult.GetValue(subject) ?? "(added by thumbprint)", TrustedSigners.NormalizeThumbprint(value));
            }
            else
            {
                return context.Fail(ExitCodes.Usage, $"cmdsync keys trust: '{value}' is neither an existing certificate file nor a 40-hex-digit thumbprint.");
            }

            var store = new DisconnectedStateStore(parseResult.GetRequiredValue(state).FullName, context.Clock, context.StateFolders);
            try
            {
                // First use creates the state folder protected; an older, unprotected one is protected before it is read.
                store.Protect();
                await store.SaveTrustedSignersAsync(store.LoadTrustedSigners().With(signer), cancellationToken).ConfigureAwait(false);
            }
            catch (StateFileException ex)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }

            // A warning in the log (a trust change); the admin reads it once, in the line below.
            context.FileLogger.Warning("Trusted signer added: {Subject} {Thumbprint} (expires {NotAfter}) in {StateFolder}", signer.Subject, signer.Thumbprint, signer.NotAfterUtc, store.Folder);
            if (context.Json)
            {
                context.WriteJson(new { result = "trusted", exitCode = ExitCodes.Success, signer.Thumbprint, signer.Subject, notAfterUtc = signer.NotAfterUtc, stateFolder = store.Folder, log = context.LogPath });
            }
            else
            {
                await context.Output.WriteLineAsync($"Trusted: {signer}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateList(CommandContextFactory contexts)
    {
        var state = StateFolderOption.Create();
        var command = new Command("list", HelpText.WithExamples(
            "Show the trusted signers of this server: thumbprint, subject and when each certificate expires (recorded when it was trusted "
            + "from a certificate file or the import wizard). Warns 30 days before a trusted signer expires: after that its bundles are refused, "
            + "so trust the export server's next certificate in time.",
            "cmdsync keys list",
            "cmdsync keys list --state D:\\CMDisconnectedSync\\State --json"))
        {
            state,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var store = new DisconnectedStateStore(parseResult.GetRequiredValue(state).FullName, context.Clock, context.StateFolders);
            TrustedSigners signers;
            try
            {
                signers = store.LoadTrustedSigners();
            }
            catch (StateFileException ex)
            {
                return context.Fail(ExitCodes.StateUnreadable, ex.Message, ex);
            }

            var now = context.Clock.GetUtcNow();
            var warnings = signers.Signers.Select(s => ExpiryWarning(s, now)).Where(w => w is not null).ToList();
            foreach (var warning in warnings)
            {
                context.FileLogger.Warning("{Warning}", warning);
            }

            if (context.Json)
            {
                context.WriteJson(new
                {
                    result = "listed", exitCode = ExitCodes.Success, stateFolder = store.Folder,
                    signers = signers.Signers.Select(s => new
                    {
                        s.Thumbprint, s.Subject, notAfterUtc = s.NotAfterUtc, daysLeft = SignerExpiry.DaysLeft(s, now),
                        expiry = SignerExpiry.StateOf(s, now).ToString(),
                    }),
                    warnings,
                    log = context.LogPath,
                });
                return ExitCodes.Success;
            }

            if (signers.Signers.Count == 0)
            {
                await context.Error.WriteLineAsync($"No trusted signers in '{store.Folder}'. Add one with 'cmdsync keys trust <certificate>'.").ConfigureAwait(false);
            }

            foreach (var signer in signers.Signers)
            {
                await context.Output.WriteLineAsync($"{signer.Thumbprint}  {signer.Subject}  {DescribeExpiry(signer, now)}").ConfigureAwait(false);
            }

            foreach (var warning in warnings)
            {
                await context.Error.WriteLineAsync("WARNING: " + warning).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>"expires 2027-12-07 10:00 UTC (365 days left)", "EXPIRED 2026-11-30 …", or why it is unknown.</summary>
    internal static string DescribeExpiry(SignerIdentity signer, DateTimeOffset now)
    {
        if (signer.NotAfterUtc is not { } notAfter)
        {
            return "expiry unknown (added by thumbprint; trust the .cer file to record it)";
        }

        var days = SignerExpiry.DaysLeft(signer, now)!.Value;
        var when = notAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        return SignerExpiry.StateOf(signer, now) == SignerExpiryState.Expired
            ? string.Format(CultureInfo.InvariantCulture, "EXPIRED {0} ({1} days ago)", when, -days)
            : string.Format(CultureInfo.InvariantCulture, "expires {0} ({1} days left)", when, days);
    }

    /// <summary>The 30-day warning for one signer, naming it, the date and what to do; null when not due.</summary>
    internal static string? ExpiryWarning(SignerIdentity signer, DateTimeOffset now) => SignerExpiry.StateOf(signer, now) switch
    {
        SignerExpiryState.ExpiresSoon => $"the trusted signer {signer} {DescribeExpiry(signer, now)}. Bundles it signs are refused after that: "
                                         + "have the export server sign with its next certificate and trust that one here with 'cmdsync keys trust <certificate file>' before then.",
        SignerExpiryState.Expired => $"the trusted signer {signer} has {DescribeExpiry(signer, now)}; bundles it signs are refused. Trust the export server's "
                                     + "current certificate with 'cmdsync keys trust <certificate file>' and remove this line from trusted-signers.txt.",
        _ => null,
    };
}

/// <summary>Loads a public certificate file (DER or PEM) on both net48 and modern .NET.</summary>
internal static class X509CertificateLoaderCompat
{
    public static X509Certificate2 Load(string path)
    {
#if NETFRAMEWORK
        return new X509Certificate2(path);
#else
        return X509CertificateLoader.LoadCertificateFromFile(path);
#endif
    }
}
