using System.CommandLine;
using System.Globalization;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync content fetch</c> (issue 18, internet side): downloads the files a content request names into
/// <c>&lt;out&gt;/&lt;ContentID&gt;/&lt;FileName&gt;</c> with <see cref="HttpContentDownloader"/> (resume from
/// <c>.partial</c> files, retries, parallel connections, proxy), copying what a local WsusContent folder already holds.
/// A file is placed only once its size and Microsoft's digest (FileHash) match; files already present with the right
/// digest are kept. Carrying the files inside the signed bundle is <c>cmdsync export --content-request</c>'s job
/// (it takes them from this verb's folder with <c>--content-from</c>).
/// </summary>
public static class ContentFetchCommand
{
    public const int MaxParallelDownloads = 32;

    public static Command Create(CommandContextFactory contexts, Func<TextWriter, bool>? isInteractive = null)
    {
        _ = contexts ?? throw new ArgumentNullException(nameof(contexts));
        isInteractive ??= writer => ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var requestOption = new Option<FileInfo>("--request")
        {
            Description = "The content request written by 'cmdsync content request' on the disconnected site.",
            Required = true,
        };
        var outOption = new Option<DirectoryInfo>("--out")
        {
            Description = "The folder the files go to, as <folder>\\<ContentID>\\<FileName>; run again with the same folder to resume.",
            Required = true,
        };
        var wsusContent = new Option<DirectoryInfo?>("--wsus-content")
        {
            Description = "A WsusContent folder on this server: files it holds (found by the SHA-1 in their names) are copied instead of downloaded.",
        };
        var proxy = ProxyOption();
        var parallel = ParallelOption();
        var attempts = AttemptsOption();

        var command = new Command("fetch", HelpText.WithExamples(
            "Download the files a content request names (internet side), each checked against Microsoft's size and digest before it is kept. "
            + "A rerun resumes partial files and skips finished ones. To carry the files to the disconnected site inside the signed bundle, export with "
            + "'cmdsync export --content-request <request.json> --content-from <this --out folder>' (or let the export download them itself). "
            + "On the disconnected site, 'cmdsync import <bundle> --deployment-package <PackageID>' then puts them into a deployment package.",
            "cmdsync content fetch --request E:\\Transfer\\request.json --out D:\\Content",
            "cmdsync content fetch --request request.json --out D:\\Content --wsus-content D:\\WSUS\\WsusContent --parallel 8",
            "cmdsync content fetch --request request.json --out D:\\Content --proxy http://proxy.corp.example:8080 --json"));
        command.Options.Add(requestOption);
        command.Options.Add(outOption);
        command.Options.Add(wsusContent);
        command.Options.Add(proxy);
        command.Options.Add(parallel);
        command.Options.Add(attempts);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = contexts.Create(parseResult);
            var requestPath = parseResult.GetRequiredValue(requestOption).FullName;
            var outFolder = parseResult.GetRequiredValue(outOption).FullName;
            var wsusFolder = parseResult.GetValue(wsusContent)?.FullName;
            ContentRequest request;
            try
            {
                request = ContentRequestSerializer.ReadFile(requestPath);
            }
            catch (ContentRequestFormatException ex)
            {
                return context.Fail(ExitCodes.ContentRequestUnusable, ex.Message, ex);
            }

            if (wsusFolder is not null && !Directory.Exists(wsusFolder))
            {
                return context.Fail(ExitCodes.Usage, $"The WsusContent folder '{wsusFolder}' does not exist. Give the WsusContent folder of this server's WSUS (e.g. D:\\WSUS\\WsusContent) or leave out --wsus-content.");
            }

            var items = new List<ContentDownloadItem>(request.Files.Count);
            foreach (var file in request.Files)
            {
                var destination = Path.Combine(outFolder, ContentRequestSerializer.ContentRelativePath(file).Replace('/', Path.DirectorySeparatorChar));
                try
                {
                    items.Add(DownloadingContentSource.ItemFor(file, destination));
                }
                catch (MicrosoftFileDigestFormatException ex)
                {
                    return context.Fail(ExitCodes.DeploymentContentDigestUnreadable, $"{requestPath}: {ex.Message}", ex);
                }
                catch (DeploymentContentUnavailableException ex)
                {
                    return context.Fail(ExitCodes.ContentRequestUnusable, $"{requestPath}: {ex.Message}", ex);
                }
            }

            var options = new ContentDownloadOptions
            {
                ParallelDownloads = parseResult.GetValue(parallel),
                Proxy = parseResult.GetValue(proxy),
                MaxAttempts = parseResult.GetValue(attempts),
            };
            context.FileLogger.Information("Fetching content request {RequestId} of site {SiteCode} ({Path}): {Files} files, {Bytes} bytes into {Out}",
                request.RequestId, request.SiteCode, requestPath, items.Count, items.Sum(i => i.ExpectedSize), outFolder);
            ContentDownloadSummary summary;
            try
            {
                Directory.CreateDirectory(outFolder);
                using var downloader = new HttpContentDownloader(options, wsusFolder is null ? null : new WsusContentLookup(wsusFolder), context.FileLogger);
                var renderer = ProgressRenderers.Create(context.Json, context.Output, isInteractive(context.Output), context.Clock);
                summary = await renderer.RunAsync(async p =>
                {
                    var title = string.Format(CultureInfo.InvariantCulture, "Fetch {0:N0} files into {1}", items.Count, outFolder);
                    p.Steps?.Report(new StepReport(1, 1, "fetch", title, StepOutcome.Running, null));
                    var done = await downloader.DownloadAsync(items, p.Transfer, cancellationToken).ConfigureAwait(false);
                    p.Steps?.Report(new StepReport(1, 1, "fetch", title, done.Succeeded ? StepOutcome.Completed : StepOutcome.Failed, null));
                    return done;
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.Fail(ExitCodes.FileSystemFailed, $"Cannot write into '{outFolder}': {ex.Message} Choose a writable folder for --out.", ex);
            }

            var exitCode = ExitCodeOf(summary);
            foreach (var failure in summary.Failed)
            {
                context.FileLogger.Error(failure.Error, "{Label} from {Url} not fetched", failure.Item.Label, failure.Item.Url);
            }

            context.FileLogger.Information("Content request {RequestId}: {Completed} files in place, {Failed} failed, {Bytes} bytes fetched in {Elapsed}",
                request.RequestId, summary.Completed.Count, summary.Failed.Count, summary.BytesFetched, summary.Elapsed);
            if (context.Json)
            {
                context.WriteJson(new
                {
                    result = summary.Succeeded ? "fetched" : "failed",
                    exitCode,
                    request.RequestId,
                    request.SiteCode,
                    Request = requestPath,
                    Out = outFolder,
                    Files = items.Count,
                    Downloaded = Count(summary, ContentDownloadSource.Downloaded),
                    Resumed = Count(summary, ContentDownloadSource.Resumed),
                    CopiedLocally = Count(summary, ContentDownloadSource.CopiedLocally),
                    AlreadyPresent = Count(summary, ContentDownloadSource.AlreadyPresent),
                    Failed = summary.Failed.Count,
                    TotalBytes = items.Sum(i => i.ExpectedSize),
                    summary.BytesFetched,
                    summary.BytesCopiedLocally,
                    ElapsedSeconds = Math.Round(summary.Elapsed.TotalSeconds, 3),
                    BytesPerSecond = Math.Round(summary.FetchRate),
                    Failures = summary.Failed.Select(f => new
                    {
                        File = f.Item.Label,
                        Url = f.Item.Url.ToString(),
                        Path = f.Item.DestinationPath,
                        ExitCode = ExitCodes.ForDeploymentContent(f.Error) ?? ExitCodes.Failure,
                        Error = f.Error.Message,
                    }).ToList(),
                    log = context.LogPath,
                });
                return exitCode;
            }

            await WriteSummaryAsync(context, summary, items.Count, outFolder).ConfigureAwait(false);
            return exitCode;
        });
        return command;
    }

    /// <summary><c>--proxy</c>: shared by <c>content fetch</c> and <c>export --content-request</c> (the same downloader).</summary>
    internal static Option<Uri?> ProxyOption() => new("--proxy")
    {
        Description = "An HTTP proxy, e.g. http://proxy.corp.example:8080. Default: the system proxy.",
        HelpName = "uri",
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }

            result.AddError($"--proxy '{text}' is not an absolute http:// or https:// address, e.g. http://proxy.corp.example:8080.");
            return null;
        },
    };

    /// <summary><c>--parallel</c>: files downloaded at once.</summary>
    internal static Option<int> ParallelOption()
    {
        var parallel = new Option<int>("--parallel")
        {
            Description = $"Files downloaded at once (1–{MaxParallelDownloads}).",
            DefaultValueFactory = _ => ContentDownloadOptions.DefaultParallelDownloads,
        };
        parallel.Validators.Add(result => InRange(result, 1, MaxParallelDownloads));
        return parallel;
    }

    /// <summary><c>--attempts</c>: requests per file before giving up.</summary>
    internal static Option<int> AttemptsOption()
    {
        var attempts = new Option<int>("--attempts")
        {
            Description = "Requests per file before giving up on network errors and 5xx answers (a 404 is not retried).",
            DefaultValueFactory = _ => new ContentDownloadOptions().MaxAttempts,
        };
        attempts.Validators.Add(result => InRange(result, 1, 100));
        return attempts;
    }

    /// <summary>A poisoned file (digest or size, 75) first, then a failed download (78), as <see cref="ContentDownloadSummary.EnsureSucceeded"/> orders them.</summary>
    private static int ExitCodeOf(ContentDownloadSummary summary)
    {
        try
        {
            summary.EnsureSucceeded();
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ExitCodes.ForDeploymentContent(ex) is { } code)
        {
            return code;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ExitCodes.FileSystemFailed;
        }
#pragma warning disable CA1031 // Any other failure of one file: the run failed; the message is printed per file.
        catch (Exception)
#pragma warning restore CA1031
        {
            return ExitCodes.Failure;
        }
    }

    /// <summary>A number outside [min, max] is a usage error; text that is no number is already one (reading its value would throw).</summary>
    private static void InRange(System.CommandLine.Parsing.OptionResult result, int min, int max)
    {
        if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value < min || value > max))
        {
            var name = result.IdentifierToken?.Value ?? result.Option.Name;
            result.AddError(string.Format(CultureInfo.InvariantCulture, "{0} {1} is out of range: choose {2} to {3}.", name, value, min, max));
        }
    }

    private static int Count(ContentDownloadSummary summary, ContentDownloadSource source) => summary.Completed.Count(c => c.Source == source);

    private static async Task WriteSummaryAsync(CommandContext context, ContentDownloadSummary summary, int files, string outFolder)
    {
        var c = CultureInfo.InvariantCulture;
        await context.Output.WriteLineAsync(string.Format(c,
            "{0:N0} of {1:N0} files in {2}: {3:N0} downloaded, {4:N0} resumed, {5:N0} copied from WsusContent, {6:N0} already present. {7:N0} bytes fetched in {8:N1} s ({9:N0} bytes/s).",
            summary.Completed.Count, files, outFolder,
            Count(summary, ContentDownloadSource.Downloaded), Count(summary, ContentDownloadSource.Resumed),
            Count(summary, ContentDownloadSource.CopiedLocally), Count(summary, ContentDownloadSource.AlreadyPresent),
            summary.BytesFetched, summary.Elapsed.TotalSeconds, summary.FetchRate)).ConfigureAwait(false);
        foreach (var failure in summary.Failed)
        {
            await context.Error.WriteLineAsync("Not fetched: " + failure.Error.Message.Replace("\r\n", " ").Replace('\n', ' ')).ConfigureAwait(false);
        }

        if (summary.Failed.Count > 0)
        {
            await context.Error.WriteLineAsync(string.Format(c,
                "{0:N0} files were not fetched; nothing wrong was kept. Run the same command again: finished files are kept and partial ones resume. Log: {1}",
                summary.Failed.Count, context.LogPath)).ConfigureAwait(false);
        }
        else
        {
            await context.Output.WriteLineAsync($"Next: carry them in the signed bundle with 'cmdsync export ... --content-request <request.json> --content-from {outFolder}'.").ConfigureAwait(false);
            await context.Output.WriteLineAsync("On the disconnected site, 'cmdsync import <bundle> --deployment-package <PackageID>' then puts them into a deployment package.").ConfigureAwait(false);
        }
    }
}
