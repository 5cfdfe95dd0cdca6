using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace CMDisconnectedSync.Lab.Downloads;

/// <summary>How the lab server misbehaves for one file, to rehearse what Microsoft's download servers and proxies do.</summary>
public enum LabDownloadFault
{
    /// <summary>Serve the file correctly.</summary>
    None,

    /// <summary>Close the connection after half the requested bytes (body shorter than Content-Length), once; later requests are served in full.</summary>
    DropMidwayOnce,

    /// <summary>Close the connection after half the requested bytes, every time.</summary>
    DropMidwayAlways,

    /// <summary>Serve the right length with one byte flipped (a poisoned mirror or a broken proxy cache).</summary>
    WrongBytes,

    /// <summary>Answer 404 Not Found.</summary>
    NotFound,

    /// <summary>Answer 503 Service Unavailable once, then serve the file.</summary>
    ServiceUnavailableOnce,

    /// <summary>Ignore Range headers and always send the whole file with 200 (servers that do not support ranges).</summary>
    IgnoreRange,
}

/// <summary>One request the lab server answered, for tests and the demo's log.</summary>
/// <param name="Path">The URL path asked for.</param>
/// <param name="Range">The Range header, or null.</param>
/// <param name="IfRange">The If-Range header, or null.</param>
/// <param name="Status">The status code sent.</param>
/// <param name="BytesSent">Body bytes written before the response ended or was cut.</param>
public sealed record LabDownloadRequest(string Path, string? Range, string? IfRange, int Status, long BytesSent);

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 (a random free port) that stands in for Microsoft's download servers in the lab:
/// it serves the files of one folder, honours <c>Range: bytes=N-</c> / <c>N-M</c> (206 with <c>Content-Range</c>, 416 past
/// the end), sends a strong <c>ETag</c> and <c>Last-Modified</c>, honours <c>If-Range</c>, and fails on cue per file
/// (<see cref="LabDownloadFault"/>). Built on <see cref="TcpListener"/> so it behaves the same on net48 and net10.0 and can
/// cut a connection mid-body, which HttpListener cannot do on purpose. One request per connection (<c>Connection: close</c>).
/// </summary>
public sealed class LabDownloadServer : IDisposable
{
    private readonly string _root;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, LabDownloadFault> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _faultHits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<LabDownloadRequest> _requests = new();
    private readonly Task _acceptLoop;
    private int _inFlight;
    private int _maxInFlight;

    private LabDownloadServer(string root)
    {
        _root = Path.GetFullPath(root);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseUri = new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Starts serving <paramref name="root"/> on 127.0.0.1 at a free port.</summary>
    public static LabDownloadServer Start(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The lab download server's folder {root} does not exist.");
        }

        return new LabDownloadServer(root);
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    /// <summary>Pause before each response, to make parallel transfers overlap observably (tests, demo).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Bytes per second each response is limited to; 0 = unlimited.</summary>
    public long BytesPerSecond { get; set; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<LabDownloadRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Most requests held at the same moment so far: from a request's arrival until its answer starts (after
    /// <see cref="ResponseDelay"/>); with a delay set, how many connections a client keeps busy at once.
    /// </summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>The URL of a file under the root (relative path with '/').</summary>
    public Uri UrlOf(string relativePath) => new(BaseUri, string.Join("/", relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));

    /// <summary>Sets how <paramref name="relativePath"/> misbehaves from now on.</summary>
    public void SetFault(string relativePath, LabDownloadFault fault)
    {
        var key = Normalize(relativePath);
        _faults[key] = fault;
        _faultHits[key] = 0;
    }

    /// <summary>The strong ETag the server sends for a file: its SHA-256's first 16 bytes (changes whenever the bytes do).</summary>
    public static string ETagOf(string path)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(path);
        var digest = sha.ComputeHash(stream);
        return $"\"{CMDisconnectedSync.IO.Sha256Hex.Format(digest).Substring(0, 32)}\"";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener's ObjectDisposed/SocketException: expected on stop.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                client.NoDelay = true;
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                if (head is null)
                {
                    return;
                }

                await HoldAsync().ConfigureAwait(false);

                if (await AnswerAsync(stream, head.Value.Method, head.Value.Path, head.Value.Headers).ConfigureAwait(false))
                {
                    // Close after half the body: the client sees the body end before Content-Length, as when a proxy
                    // or the network drops the connection. A clean close (not RST) so exactly what was sent arrives,
                    // which keeps the tests' byte counts exact.
                    client.Client.Shutdown(SocketShutdown.Send);
                }
            }
        }
        catch (IOException)
        {
            // The client went away mid-response (a cancelled download): nothing to answer.
        }
        catch (ObjectDisposedException)
        {
            // Server stopping.
        }
    }

    /// <summary>
    /// Counts the request as held from its arrival until its answer starts (after <see cref="ResponseDelay"/>). Counting
    /// until the connection closed measured one too many under load: a client reuses its slot the moment the last byte
    /// arrives, before this side has closed the old connection.
    /// </summary>
    private async Task HoldAsync()
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Answers one request; true when the connection must be cut rather than closed.</summary>
    private async Task<bool> AnswerAsync(NetworkStream stream, string method, string rawPath, Dictionary<string, string> headers)
    {
        headers.TryGetValue("range", out var range);
        headers.TryGetValue("if-range", out var ifRange);
        var relative = Normalize(Uri.UnescapeDataString(rawPath.Split('?')[0]));
        var path = Path.GetFullPath(Path.Combine(_root, relative));
        var fault = _faults.TryGetValue(relative, out var f) ? f : LabDownloadFault.None;
        var hits = _faultHits.AddOrUpdate(relative, 1, (_, n) => n + 1);

        if (method is not ("GET" or "HEAD"))
        {
            await SendStatusAsync(stream, 405, "Method Not Allowed", relative, range, ifRange).ConfigureAwait(false);
            return false;
        }

        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path) || fault == LabDownloadFault.NotFound)
        {
            await SendStatusAsync(stream, 404, "Not Found", relative, range, ifRange).ConfigureAwait(false);
            return false;
        }

        if (fault == LabDownloadFault.ServiceUnavailableOnce && hits == 1)
        {
            await SendStatusAsync(stream, 503, "Service Unavailable", relative, range, ifRange).ConfigureAwait(false);
            return false;
        }

        var data = File.ReadAllBytes(path);
        if (fault == LabDownloadFault.WrongBytes && data.Length > 0)
        {
            data[data.Length / 2] ^= 0xFF;
        }

        var etag = ETagOf(path);
        var lastModified = File.GetLastWriteTimeUtc(path).ToString("R", CultureInfo.InvariantCulture);
        long from = 0, to = data.Length - 1;
        var partial = false;
        var rangeApplies = range is not null && fault != LabDownloadFault.IgnoreRange
                           && (ifRange is null || ifRange == etag || ifRange == lastModified);
        if (rangeApplies && TryParseRange(range!, data.Length, out var start, out var end, out var unsatisfiable))
        {
            if (unsatisfiable)
            {
                await WriteHeadAsync(stream, 416, "Range Not Satisfiable", [("Content-Range", $"bytes */{data.Length}"), ("Content-Length", "0")]).ConfigureAwait(false);
                _requests.Enqueue(new LabDownloadRequest(relative, range, ifRange, 416, 0));
                return false;
            }

            from = start;
            to = end;
            partial = true;
        }

        var length = to - from + 1;
        var responseHeaders = new List<(string, string)>
        {
            ("Content-Type", "application/octet-stream"),
            ("Content-Length", length.ToString(CultureInfo.InvariantCulture)),
            ("Accept-Ranges", fault == LabDownloadFault.IgnoreRange ? "none" : "bytes"),
            ("ETag", etag),
            ("Last-Modified", lastModified),
        };
        if (partial)
        {
            responseHeaders.Add(("Content-Range", $"bytes {from}-{to}/{data.Length}"));
        }

        var status = partial ? 206 : 200;
        await WriteHeadAsync(stream, status, partial ? "Partial Content" : "OK", responseHeaders).ConfigureAwait(false);
        if (method == "HEAD")
        {
            _requests.Enqueue(new LabDownloadRequest(relative, range, ifRange, status, 0));
            return false;
        }

        var drop = fault == LabDownloadFault.DropMidwayAlways || (fault == LabDownloadFault.DropMidwayOnce && hits == 1);
        var limit = drop ? length / 2 : length;
        long sent = 0;
        const int Chunk = 64 * 1024;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (sent < limit)
            {
                var count = (int)Math.Min(Chunk, limit - sent);
                await stream.WriteAsync(data, (int)(from + sent), count).ConfigureAwait(false);
                sent += count;
                if (BytesPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds(sent / (double)BytesPerSecond) - started.Elapsed;
                    if (due > TimeSpan.Zero)
                    {
                        await Task.Delay(due).ConfigureAwait(false);
                    }
                }
            }

            await stream.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _requests.Enqueue(new LabDownloadRequest(relative, range, ifRange, status, sent));
        }

        return drop;
    }

    private async Task SendStatusAsync(NetworkStream stream, int status, string reason, string relative, string? range, string? ifRange)
    {
        var body = Encoding.ASCII.GetBytes(reason);
        await WriteHeadAsync(stream, status, reason, [("Content-Type", "text/plain"), ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))]).ConfigureAwait(false);
        await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
        _requests.Enqueue(new LabDownloadRequest(relative, range, ifRange, status, 0));
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string reason, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder();
        text.Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(reason).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        text.Append("Connection: close\r\n\r\n");
        var bytes = Encoding.ASCII.GetBytes(text.ToString());
        await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
    }

    private static async Task<(string Method, string Path, Dictionary<string, string> Headers)?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[16 * 1024];
        var filled = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                if (filled == buffer.Length)
                {
                    return null;
                }

                continue;
            }

            var lines = text.Substring(0, end).Split(["\r\n"], StringSplitOptions.None);
            var parts = lines[0].Split(' ');
            if (parts.Length < 3)
            {
                return null;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers[line.Substring(0, colon).Trim().ToLowerInvariant()] = line.Substring(colon + 1).Trim();
                }
            }

            return (parts[0], parts[1].TrimStart('/'), headers);
        }
    }

    /// <summary>Parses <c>bytes=N-</c>, <c>bytes=N-M</c> and <c>bytes=-S</c>; false for anything else (served as 200).</summary>
    private static bool TryParseRange(string header, long size, out long from, out long to, out bool unsatisfiable)
    {
        from = 0;
        to = size - 1;
        unsatisfiable = false;
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(','))
        {
            return false;
        }

        var spec = header.Substring(6).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var first = spec.Substring(0, dash);
        var last = spec.Substring(dash + 1);
        if (first.Length == 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) || suffix == 0)
            {
                return false;
            }

            from = Math.Max(0, size - suffix);
            return true;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return false;
        }

        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out to) || to < from)
            {
                return false;
            }

            to = Math.Min(to, size - 1);
        }

        unsatisfiable = from >= size;
        return true;
    }

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/').TrimStart('/');
}
