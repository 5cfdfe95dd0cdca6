using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using Serilog;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>Fetches update files and places each only once its size and Microsoft digest match.</summary>
public interface IDeploymentContentDownloader
{
    /// <summary>
    /// Fetches every item; a file that fails does not stop the others (the summary lists it with its typed error).
    /// Cancellation throws <see cref="OperationCanceledException"/> and leaves each unfinished file as a resumable
    /// <c>.partial</c> beside its destination.
    /// </summary>
    Task<ContentDownloadSummary> DownloadAsync(IReadOnlyList<ContentDownloadItem> items, IProgress<TransferProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>Settings of <see cref="HttpContentDownloader"/>.</summary>
public sealed record ContentDownloadOptions
{
    public const int DefaultParallelDownloads = 4;

    /// <summary>Files fetched at once (connections), default 4.</summary>
    public int ParallelDownloads { get; init; } = DefaultParallelDownloads;

    /// <summary>An explicit proxy (<c>--proxy</c>); null uses the system proxy unless <see cref="UseSystemProxy"/> is false.</summary>
    public Uri? Proxy { get; init; }

    /// <summary>Use the system proxy (WinINet/WinHTTP settings on Windows, http_proxy on Linux) when no explicit one is set.</summary>
    public bool UseSystemProxy { get; init; } = true;

    /// <summary>Requests per file before giving up on network errors and 5xx answers.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Wait before the first retry; doubled each time up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that delivers nothing for this long is dropped and retried (resuming).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// HTTP(S) downloader for deployment content: bounded parallel connections, system or explicit proxy, resume with
/// <c>Range</c> from a <c>.partial</c> file (validated with <c>If-Range</c> against the ETag or Last-Modified the server
/// sent first; a 200 answer restarts from byte 0), retries with exponential back-off on network errors and 5xx (never on
/// 404 and other 4xx), progress, and a final rename only after size and Microsoft digest match. Files a local store
/// already holds are copied instead (and verified the same way). No Windows dependency.
/// </summary>
/// <remarks>
/// Range, Content-Range and If-Range semantics: RFC 9110 §14 (a server that cannot or will not honour the range, or whose
/// validator no longer matches, sends 200 with the whole file). The <c>.partial.validator</c> file beside a partial
/// keeps the validator between runs.
/// </remarks>
public sealed class HttpContentDownloader : IDeploymentContentDownloader, IDisposable
{
    public const string PartialSuffix = ".partial";
    public const string ValidatorSuffix = ".partial.validator";

    private readonly ContentDownloadOptions _options;
    private readonly ILocalContentLookup? _localContent;
    private readonly ILogger _log;
    private readonly HttpClient _http;

    public HttpContentDownloader(ContentDownloadOptions? options = null, ILocalContentLookup? localContent = null, ILogger? log = null)
    {
        options ??= new ContentDownloadOptions();
        _options = options;
        if (options.ParallelDownloads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ParallelDownloads, "At least one parallel download.");
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "At least one attempt.");
        }

        _localContent = localContent;
        _log = log ?? Serilog.Core.Logger.None;
        _http = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CMDisconnectedSync", typeof(HttpContentDownloader).Assembly.GetName().Version?.ToString() ?? "0"));
    }

    public void Dispose() => _http.Dispose();

    public async Task<ContentDownloadSummary> DownloadAsync(IReadOnlyList<ContentDownloadItem> items, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = items ?? throw new ArgumentNullException(nameof(items));
        var duplicates = items.GroupBy(i => Path.GetFullPath(i.DestinationPath), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicates is not null)
        {
            throw new ArgumentException($"Two files would be written to {duplicates.Key}: {string.Join(", ", duplicates.Select(d => d.Label))}.", nameof(items));
        }

        var stopwatch = Stopwatch.StartNew();
        var tracker = new ProgressTracker(progress, items.Sum(i => i.ExpectedSize), items.Count);
        var completed = new ContentDownloadResult?[items.Count];
        var failed = new ContentDownloadFailure?[items.Count];
        long fetched = 0, copied = 0;
        var next = -1;

        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < items.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var item = items[index];
                var counter = new FileProgress(tracker);
                try
                {
                    var result = await FetchOneAsync(item, counter, cancellationToken).ConfigureAwait(false);
                    completed[index] = result;
                    Interlocked.Add(ref fetched, result.BytesFetched);
                    if (result.Source == ContentDownloadSource.CopiedLocally)
                    {
                        Interlocked.Add(ref copied, item.ExpectedSize);
                    }

                    counter.Finish(item.ExpectedSize);
                    tracker.FileDone();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    _log.Error("{Label}: {Error}", item.Label, ex.Message);
                    failed[index] = new ContentDownloadFailure(item, ex);
                    counter.Finish(0);
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(_options.ParallelDownloads, Math.Max(1, items.Count)))
            .Select(_ => Task.Run(Worker, CancellationToken.None))
            .ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        return new ContentDownloadSummary(
            completed.Where(r => r is not null).Select(r => r!).ToList(),
            failed.Where(f => f is not null).Select(f => f!).ToList(),
            Interlocked.Read(ref fetched),
            Interlocked.Read(ref copied),
            stopwatch.Elapsed);
    }

    private async Task<ContentDownloadResult> FetchOneAsync(ContentDownloadItem item, FileProgress progress, CancellationToken cancellationToken)
    {
        var destination = item.DestinationPath;
        var partial = destination + PartialSuffix;
        var validatorFile = destination + ValidatorSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);

        if (File.Exists(destination) && new FileInfo(destination).Length == item.ExpectedSize
            && (await MicrosoftFileDigest.ComputeFileAsync(destination, item.ExpectedDigest.Algorithm, cancellationToken).ConfigureAwait(false)).Equals(item.ExpectedDigest))
        {
            _log.Debug("{Label}: {Path} already holds the file", item.Label, destination);
            return new ContentDownloadResult(item, ContentDownloadSource.AlreadyPresent, 0, 0);
        }

        if (_localContent?.TryFind(item.ExpectedDigest, item.ExpectedSize) is { } local)
        {
            if (await TryCopyLocalAsync(item, local, partial, cancellationToken).ConfigureAwait(false))
            {
                DeleteQuietly(validatorFile);
                return new ContentDownloadResult(item, ContentDownloadSource.CopiedLocally, 0, 0);
            }
        }

        var resumedAtStart = File.Exists(partial) && new FileInfo(partial).Length > 0;
        var requests = 0;
        var attempt = 0;
        MicrosoftFileDigest? streamed = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            attempt++;
            requests++;
            HttpStatusCode? status = null;
            try
            {
                var outcome = await TransferAsync(item, partial, validatorFile, progress, cancellationToken).ConfigureAwait(false);
                status = outcome.Status;
                if (outcome.Complete)
                {
                    streamed = outcome.Digest;
                    break;
                }

                if (outcome.Status is { } code && !IsRetryable(code))
                {
                    throw new ContentDownloadException(item.Label, item.Url, $"the server answered {(int)code} {code}", code, attempt);
                }
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                _log.Warning("{Label}: attempt {Attempt} of {Url} failed: {Error}", item.Label, attempt, item.Url, ex.Message);
                if (attempt >= _options.MaxAttempts)
                {
                    throw new ContentDownloadException(item.Label, item.Url, ex.Message, null, attempt, ex);
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new ContentDownloadException(item.Label, item.Url, $"the server answered {(int?)status} {status}", status, attempt);
            }

            _log.Warning("{Label}: {Url} answered {Status}; retrying", item.Label, item.Url, (int?)status);
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }

        await VerifyAndPlaceAsync(item, partial, item.Url.ToString(), cancellationToken, streamed).ConfigureAwait(false);
        DeleteQuietly(validatorFile);
        return new ContentDownloadResult(item, resumedAtStart ? ContentDownloadSource.Resumed : ContentDownloadSource.Downloaded, progress.Received, requests);
    }

    // Digest: the whole file's digest, hashed while it streamed in (a transfer from byte 0), else null.
    private readonly record struct TransferOutcome(bool Complete, HttpStatusCode? Status, long Received, MicrosoftFileDigest? Digest = null);

    /// <summary>One request: resume from the partial if there is one; append what arrives; stop at the expected size.</summary>
    private async Task<TransferOutcome> TransferAsync(ContentDownloadItem item, string partial, string validatorFile, FileProgress progress, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have > item.ExpectedSize)
        {
            _log.Warning("{Label}: {Partial} is longer than the file; starting again", item.Label, partial);
            DeleteQuietly(partial);
            DeleteQuietly(validatorFile);
            have = 0;
        }

        progress.Set(have);
        if (have == item.ExpectedSize && have > 0)
        {
            return new TransferOutcome(true, null, 0);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, item.Url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            if (ReadValidator(validatorFile) is { } validator)
            {
                request.Headers.IfRange = validator;
            }
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        long offset;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent when have > 0:
                var range = response.Content.Headers.ContentRange;
                if (range?.From != have || (range.Length is { } total && total != item.ExpectedSize))
                {
                    _log.Warning("{Label}: {Url} answered a range we did not ask for ({Range}); starting again", item.Label, item.Url, range);
                    DeleteQuietly(partial);
                    DeleteQuietly(validatorFile);
                    return new TransferOutcome(false, HttpStatusCode.ServiceUnavailable, 0);
                }

                offset = have;
                break;
            case HttpStatusCode.OK:
                if (have > 0)
                {
                    _log.Information("{Label}: {Url} sent the whole file instead of bytes {From}-: starting again from 0", item.Label, item.Url, have);
                }

                offset = 0;
                WriteValidator(validatorFile, response);
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                DeleteQuietly(partial);
                DeleteQuietly(validatorFile);
                return new TransferOutcome(false, response.StatusCode, 0);
            default:
                return new TransferOutcome(false, response.StatusCode, 0);
        }

        if (response.Content.Headers.ContentLength is { } announced && offset + announced != item.ExpectedSize)
        {
            DeleteQuietly(partial);
            DeleteQuietly(validatorFile);
            throw new ContentSizeMismatchException(item.Label, item.Url.ToString(), item.ExpectedSize, offset + announced);
        }

        long received = 0;
        // From byte 0 the digest is computed as the bytes arrive, so the file need not be read again; a resumed transfer
        // is hashed from the file afterwards (its first part came in an earlier run).
        using var hash = offset == 0 ? item.ExpectedDigest.CreateHash() : null;
#if NET
        using (var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
#else
        using (var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
#endif
        using (var file = new FileStream(partial, offset == 0 ? FileMode.Create : FileMode.Open, FileAccess.Write, FileShare.None, FileStreams.BufferSize, useAsync: true))
        {
            file.Position = offset;
            file.SetLength(offset);
            var buffer = FileStreams.RentBuffer();
            try
            {
                var position = offset;
                while (true)
                {
                    int read;
                    using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        stall.CancelAfter(_options.StallTimeout);
                        try
                        {
                            read = await body.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                        {
                            throw new IOException($"no data for {_options.StallTimeout.TotalSeconds:0} s");
                        }
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    if (position + read > item.ExpectedSize)
                    {
                        file.Dispose();
                        DeleteQuietly(partial);
                        DeleteQuietly(validatorFile);
                        throw new ContentSizeMismatchException(item.Label, item.Url.ToString(), item.ExpectedSize, -1);
                    }

                    // Writes through the cancellation token would leave a torn tail; the partial must hold exactly what arrived.
                    await file.WriteAsync(buffer, 0, read, CancellationToken.None).ConfigureAwait(false);
                    hash?.AppendData(buffer, 0, read);
                    position += read;
                    received += read;
                    progress.Received += read;
                    progress.Set(position);
                }
            }
            finally
            {
                FileStreams.ReturnBuffer(buffer);
            }
        }

        var length = new FileInfo(partial).Length;
        if (length != item.ExpectedSize)
        {
            // The connection closed early: what arrived stays in the partial and the next attempt resumes from it.
            throw new IOException($"the connection closed after {length:N0} of {item.ExpectedSize:N0} bytes");
        }

        return new TransferOutcome(true, response.StatusCode, received, hash is null ? null : new MicrosoftFileDigest(item.ExpectedDigest.Algorithm, hash.GetHashAndReset()));
    }

    private async Task<bool> TryCopyLocalAsync(ContentDownloadItem item, string local, string partial, CancellationToken cancellationToken)
    {
        _log.Information("{Label}: copying {Local} instead of downloading", item.Label, local);
        using (var source = FileStreams.OpenSequentialRead(local))
        using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, FileStreams.BufferSize, useAsync: true))
        {
            await source.CopyToAsync(target, FileStreams.BufferSize, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await VerifyAndPlaceAsync(item, partial, local, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is MicrosoftDigestMismatchException or ContentSizeMismatchException)
        {
            // A damaged local copy must not block the file: say so, and download it instead.
            _log.Warning("{Label}: the local copy {Local} is not Microsoft's file ({Error}); downloading instead", item.Label, local, ex.Message);
            return false;
        }
    }

    /// <summary>Size and digest of the partial; on a match it takes the final name, otherwise it is deleted.</summary>
    private static async Task VerifyAndPlaceAsync(ContentDownloadItem item, string partial, string source, CancellationToken cancellationToken, MicrosoftFileDigest? streamed = null)
    {
        var length = new FileInfo(partial).Length;
        if (length != item.ExpectedSize)
        {
            DeleteQuietly(partial);
            throw new ContentSizeMismatchException(item.Label, source, item.ExpectedSize, length);
        }

        var actual = streamed ?? await MicrosoftFileDigest.ComputeFileAsync(partial, item.ExpectedDigest.Algorithm, cancellationToken).ConfigureAwait(false);
        if (!actual.Equals(item.ExpectedDigest))
        {
            DeleteQuietly(partial);
            throw new MicrosoftDigestMismatchException(item.Label, source, item.ExpectedDigest, actual);
        }

        if (File.Exists(item.DestinationPath))
        {
            File.Delete(item.DestinationPath);
        }

        File.Move(partial, item.DestinationPath);
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = _options.InitialBackoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 20));
        return TimeSpan.FromTicks((long)Math.Min(ticks, _options.MaxBackoff.Ticks));
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout || (int)status == 429 || status is HttpStatusCode.RequestedRangeNotSatisfiable;

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException
        || (ex is IOException && ex is not ContentSizeMismatchException and not MicrosoftDigestMismatchException and not ContentDownloadException)
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static RangeConditionHeaderValue? ReadValidator(string validatorFile)
    {
        if (!File.Exists(validatorFile))
        {
            return null;
        }

        var text = File.ReadAllText(validatorFile).Trim();
        var value = text.Length > 5 ? text.Substring(5) : string.Empty;
        if (text.StartsWith("etag ", StringComparison.Ordinal) && EntityTagHeaderValue.TryParse(value, out var tag) && !tag.IsWeak)
        {
            return new RangeConditionHeaderValue(tag);
        }

        return text.StartsWith("date ", StringComparison.Ordinal)
               && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? new RangeConditionHeaderValue(date)
            : null;
    }

    /// <summary>Keeps the strong ETag (or else Last-Modified) of a full answer, for If-Range when resuming.</summary>
    private static void WriteValidator(string validatorFile, HttpResponseMessage response)
    {
        if (response.Headers.ETag is { IsWeak: false } tag)
        {
            File.WriteAllText(validatorFile, "etag " + tag.Tag);
        }
        else if (response.Content.Headers.LastModified is { } modified)
        {
            File.WriteAllText(validatorFile, "date " + modified.ToString("O", CultureInfo.InvariantCulture));
        }
        else
        {
            DeleteQuietly(validatorFile);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover partial is harmless: the next run validates or replaces it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static HttpClientHandler CreateHandler(ContentDownloadOptions options)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (options.Proxy is { } proxy)
        {
            handler.Proxy = new WebProxy(proxy);
            handler.UseProxy = true;
        }
        else
        {
            handler.UseProxy = options.UseSystemProxy;
        }

        return handler;
    }

    /// <summary>Turns one file's absolute position into byte deltas for the shared tracker (resets count as progress lost).</summary>
    private sealed class FileProgress(ProgressTracker tracker)
    {
        private long _reported;

        /// <summary>Bytes received over HTTP for this file, failed attempts included.</summary>
        public long Received { get; set; }

        public void Set(long position)
        {
            var delta = position - _reported;
            _reported = position;
            if (delta != 0)
            {
                tracker.Report(delta);
            }
        }

        public void Finish(long finalPosition) => Set(finalPosition);
    }
}
