using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>
/// An RFC 3161 time-stamping authority on 127.0.0.1 only (an ephemeral port), for signing tests without the internet.
/// RFC 3161 section 3.4 (https://www.rfc-editor.org/rfc/rfc3161#section-3.4): the client POSTs a DER TimeStampReq
/// with Content-Type application/timestamp-query and gets a DER TimeStampResp as application/timestamp-reply.
/// The response is made by `openssl ts -reply` (OpenSSL's own TSA, openssl-ts(1)) with a throw-away root CA and a TSA
/// certificate carrying the critical timeStamping extended key usage that RFC 3161 section 2.3 requires.
/// </summary>
internal sealed class LocalTimestampAuthority : IDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;
    private readonly TempFolder folder = new();
    private readonly List<string> contentTypes = [];

    public LocalTimestampAuthority()
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=CMDisconnectedSync Test TSA Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = rootRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(60));

        using var tsaKey = RSA.Create(2048);
        var tsaRequest = new CertificateRequest("CN=CMDisconnectedSync Test TSA", tsaKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        tsaRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        tsaRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        tsaRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
        using var tsa = tsaRequest.Create(root, now.AddMinutes(-30), now.AddDays(59), RandomNumberGenerator.GetBytes(12));

        RootCaFile = Save("root.pem", root.ExportCertificatePem());
        Save("tsa.pem", tsa.ExportCertificatePem());
        Save("tsa.key", tsaKey.ExportPkcs8PrivateKeyPem());
        Save("serial", "01\n");
        // openssl ts -reply's configuration (openssl-ts(1), section "CONFIGURATION FILE OPTIONS").
        Save("tsa.cnf", string.Join('\n',
            "[ tsa ]", "default_tsa = tsa_config", "[ tsa_config ]", $"serial = {folder.Combine("serial")}",
            "signer_digest = sha256", "default_policy = 1.3.6.1.4.1.311.99.1", "digests = sha256, sha384, sha512",
            "accuracy = secs:1", "ordering = no", "tsa_name = no", "ess_cert_id_chain = no", "ess_cert_id_alg = sha256", string.Empty));

        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";
        serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    /// <summary>PEM of the root the TSA certificate chains to (osslsigncode verify -TSA-CAfile).</summary>
    public string RootCaFile { get; }

    /// <summary>The Content-Type of every request answered, in order.</summary>
    public IReadOnlyList<string> RequestContentTypes
    {
        get
        {
            lock (contentTypes)
            {
                return contentTypes.ToList();
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException exception) when (exception.InnerExceptions.All(inner => inner is OperationCanceledException or SocketException or ObjectDisposedException))
        {
            // The accept loop ends by cancellation or the closed socket: expected on shutdown, nothing to report.
            Console.WriteLine("timestamp authority stopped: " + exception.InnerException?.GetType().Name);
        }

        stopping.Dispose();
        folder.Dispose();
    }

    private string Save(string name, string content)
    {
        var path = folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stopping.Token).ConfigureAwait(false);
            await AnswerAsync(client.GetStream()).ConfigureAwait(false);
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        var (headers, body) = await ReadRequestAsync(stream).ConfigureAwait(false);
        var contentType = headers.GetValueOrDefault("content-type", string.Empty);
        lock (contentTypes)
        {
            contentTypes.Add(contentType);
        }

        var query = folder.Combine($"query-{Guid.NewGuid():N}.tsq");
        var reply = Path.ChangeExtension(query, ".tsr");
        await File.WriteAllBytesAsync(query, body).ConfigureAwait(false);
        var result = ToolProcess.Run("openssl",
            ["ts", "-reply", "-config", folder.Combine("tsa.cnf"), "-queryfile", query, "-signer", folder.Combine("tsa.pem"),
             "-inkey", folder.Combine("tsa.key"), "-chain", RootCaFile, "-out", reply]);
        var (status, payload) = result.ExitCode == 0
            ? ("200 OK", await File.ReadAllBytesAsync(reply).ConfigureAwait(false))
            : ("500 Internal Server Error", Encoding.UTF8.GetBytes(result.Both));
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status}\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head).ConfigureAwait(false);
        await stream.WriteAsync(payload).ConfigureAwait(false);
    }

    private static async Task<(Dictionary<string, string> Headers, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("The client closed the connection before the request headers ended.");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString(buffer.ToArray(), 0, headerEnd).Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        var length = int.Parse(headers.GetValueOrDefault("content-length", "0"), System.Globalization.CultureInfo.InvariantCulture);
        var body = buffer.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException($"The client sent {body.Count} of {length} body bytes.");
            }

            body.AddRange(chunk.AsSpan(0, read));
        }

        return (headers, body.ToArray());
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
