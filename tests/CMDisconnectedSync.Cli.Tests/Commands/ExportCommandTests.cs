using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Cli.Tests.Workflows;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Lab.Downloads;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.Testing;
using CMDisconnectedSync.Testing.DeploymentContent;
using CMDisconnectedSync.Testing.Wsus;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// <c>cmdsync export --content-request</c> (issue 18, carry) through the real CLI: the lab wsusutil as a real child
/// process and the real lab download server on 127.0.0.1 standing in for Microsoft's (real sockets, faults on cue).
/// FileHash is in the SMS Provider's <c>SHA1:&lt;hex&gt;</c> form (MicrosoftFileDigest cites where it comes from).
/// </summary>
[TestClass]
public sealed class ExportCommandTests
{
    private static readonly DateTimeOffset LabNow = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);
    private static LabSigningKeyFiles _keys = null!;
    private readonly FakeTimeProvider _clock = new(LabNow);
    private string _root = null!;
    private LabWorkflowHost _exportHost = null!;
    private LabDownloadServer _server = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CreateLabKeyAsync(TestContext context) => _keys = await LabSigningKeyFiles.CreateAsync("cmdsync-cli-export-keys-", LabNow);

    [ClassCleanup]
    public static void DeleteLabKey() => _keys.Dispose();

    [TestInitialize]
    public void CreateLab()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-cli-export-").FullName;
        for (var i = 0; i < 4; i++)
        {
            Write($"export/WsusContent/{i:X2}/update-{i}.cab", 3000 + (i * 1000), i);
        }

        Directory.CreateDirectory(P("served"));
        _server = LabDownloadServer.Start(P("served"));
        _exportHost = new LabWorkflowHost(new WsusUtilLabServer(P("export/WsusContent"), P("export/db.txt"), _clock), _clock);
    }

    [TestCleanup]
    public void DeleteLab()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private string P(string relative) => Path.Combine(_root, relative);

    private string Bundle => P("media/bundle-001");

    private void Write(string relative, int length, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        File.WriteAllBytes(P(relative), Bytes(length, seed));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A file on the lab download server and its request entry with Microsoft's SHA-1 of the real bytes.</summary>
    private ServedUpdateFile Serve(uint contentId, string name, int size, string article) =>
        ServedUpdateFile.Write(P("served"), _server.UrlOf, contentId, name, size, article);

    private string WriteRequest(params ServedUpdateFile[] files) =>
        ServedUpdateFile.WriteRequest(P("request.json"), "0123456789abcdef0123456789abcdef", new ContentSelection { Groups = ["Patch Tuesday 2026-11"] },
            new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), files);

    private int RequestsFor(ServedUpdateFile served) => _server.Requests.Count(r => r.Path.EndsWith("/" + served.File.FileName, StringComparison.Ordinal));

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await _clock.RunAsync(CliApplication.RunAsync([.. args, "--log", P("cmdsync.log")], output, error, _exportHost), TimeSpan.FromSeconds(15));
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<(int ExitCode, string Output, string Error)> ExportAsync(params string[] extra) =>
        RunAsync(["export", "--out", Bundle, "--sign-pfx", _keys.Pfx, "--password-file", _keys.PasswordFile, "--state", P("export/state"), .. extra]);

    private async Task<BundleVerificationResult> VerifyAsync()
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(_keys.Certificate);
        var trusted = new TrustedSigners([new SignerIdentity(certificate.Subject, certificate.Thumbprint)]);
        return await new BundleVerifier(new CMDisconnectedSync.Paths.BundlePathValidator(), new ManifestSignatureVerifier(_clock))
            .VerifyAsync(Bundle, new BundleTrustContext(trusted, null, false, 0), null, CancellationToken.None);
    }

    [TestMethod]
    public async Task Export_ContentRequestFromTheLabServer_CarriedWithBothDigestsAndTheBundleVerifies()
    {
        var cab = Serve(1001, "windows10.0-kb5005565-x64.cab", 300_000, "5005565");
        var exe = Serve(1002, "ndp48-kb5005600-x64.exe", 70_000, "5005600");
        // Already in this server's WsusContent under its SHA-1 name: copied from there, not downloaded.
        var local = Serve(1003, "windows10.0-kb5007000-x64.msu", 40_000, "5007000");
        var wsusName = WsusContentNameDigest.PathFor(MicrosoftFileDigest.Parse(local.File.FileHash), ".msu");
        Directory.CreateDirectory(Path.GetDirectoryName(P("export/WsusContent/" + wsusName))!);
        File.WriteAllBytes(P("export/WsusContent/" + wsusName), local.Bytes);
        var request = WriteRequest(cab, exe, local);

        var (exitCode, output, error) = await ExportAsync("--content-request", request, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(3, json.RootElement.GetProperty("deploymentContentFiles").GetInt32());
        Assert.AreEqual(410_000L, json.RootElement.GetProperty("deploymentContentBytes").GetInt64());
        var verified = await VerifyAsync();
        Assert.IsTrue(verified.Succeeded, verified.Cause);
        var manifest = verified.Bundle!.Manifest;
        Assert.AreEqual("1.1", manifest.FormatVersion);
        Assert.AreEqual("0123456789abcdef0123456789abcdef", manifest.ContentRequestId);
        foreach (var served in new[] { cab, exe, local })
        {
            var entry = manifest.DeploymentContent!.Single(d => d.Request.ContentId == served.File.ContentId);
            Assert.AreEqual(served.File.FileHash, entry.Request.FileHash, "Microsoft's digest");
            Assert.AreEqual(Sha256Hex.OfBytes(served.Bytes), entry.File.Sha256, "the bundle's SHA-256");
            CollectionAssert.AreEqual(served.Bytes, File.ReadAllBytes(Path.Combine(Bundle, "deployment-content", served.Relative)));
        }

        Assert.AreEqual(0, RequestsFor(local), "the file WsusContent holds with the same digest is not downloaded");
        Assert.IsGreaterThanOrEqualTo(1, RequestsFor(cab));

        // What the admin on the disconnected side reads from 'cmdsync verify'.
        Assert.AreEqual(ExitCodes.Success, (await RunAsync("keys", "trust", _keys.Certificate, "--state", P("disconnected/state"))).ExitCode);
        var (verifyExit, verifyOutput, verifyError) = await RunAsync("verify", Bundle, "--state", P("disconnected/state"));
        Assert.AreEqual(ExitCodes.Success, verifyExit, verifyOutput + verifyError);
        StringAssert.Contains(verifyOutput, "Requested 3 deployment content files");
        StringAssert.Contains(verifyOutput, "never copied into WsusContent");
    }

    [TestMethod]
    public async Task Export_ServerSendsWrongBytes_Exit75NamingUpdateFileAndUrlAndNoBundle()
    {
        var good = Serve(1001, "windows10.0-kb5005565-x64.cab", 100_000, "5005565");
        var poisoned = Serve(1002, "windows10.0-kb5006666-x64.cab", 100_000, "5006666");
        _server.SetFault(poisoned.Relative, LabDownloadFault.WrongBytes);

        var (exitCode, output, error) = await ExportAsync("--content-request", WriteRequest(good, poisoned));

        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, exitCode, output + error);
        StringAssert.Contains(error, "KB5006666");
        StringAssert.Contains(error, "windows10.0-kb5006666-x64.cab");
        StringAssert.Contains(error, poisoned.File.SourceUrl);
        Assert.IsNull(BundleManifestLocator.TryFind(Bundle), "the bundle is not written");
        Assert.IsFalse(Directory.Exists(Path.Combine(Bundle, "deployment-content")), "the wrong bytes never entered the bundle folder");
    }

    [TestMethod]
    public async Task Export_DownloadFailsThenRerun_ResumesWithoutFetchingFinishedFilesAgain()
    {
        var done = Serve(1001, "windows10.0-kb5005565-x64.cab", 200_000, "5005565");
        var missing = Serve(1002, "ndp48-kb5005600-x64.exe", 50_000, "5005600");
        _server.SetFault(missing.Relative, LabDownloadFault.NotFound);
        var request = WriteRequest(done, missing);

        var (first, firstOutput, firstError) = await ExportAsync("--content-request", request, "--attempts", "1");

        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, first, firstOutput + firstError);
        StringAssert.Contains(firstError, missing.File.SourceUrl);
        Assert.IsNull(BundleManifestLocator.TryFind(Bundle));
        var fetchedOnce = RequestsFor(done);
        Assert.AreEqual(1, fetchedOnce);

        _server.SetFault(missing.Relative, LabDownloadFault.None);
        var (second, output, error) = await ExportAsync("--content-request", request, "--json");

        Assert.AreEqual(ExitCodes.Success, second, output + error);
        Assert.AreEqual(fetchedOnce, RequestsFor(done), "the file finished in the first run is not downloaded again");
        using var json = JsonDocument.Parse(output);
        CollectionAssert.Contains(json.RootElement.GetProperty("resumedSteps").EnumerateArray().Select(e => e.GetString()).ToList(), ExportWorkflow.WsusUtilStep);
        Assert.IsTrue((await VerifyAsync()).Succeeded);
        CollectionAssert.AreEqual(missing.Bytes, File.ReadAllBytes(Path.Combine(Bundle, "deployment-content", missing.Relative)));
    }

    [TestMethod]
    public async Task Export_ContentFromTheFetchFolder_DownloadsNothingAgain()
    {
        var cab = Serve(1001, "windows10.0-kb5005565-x64.cab", 150_000, "5005565");
        var exe = Serve(1002, "ndp48-kb5005600-x64.exe", 60_000, "5005600");
        var request = WriteRequest(cab, exe);
        var (fetched, fetchOutput, fetchError) = await RunAsync("content", "fetch", "--request", request, "--out", P("fetched"));
        Assert.AreEqual(ExitCodes.Success, fetched, fetchOutput + fetchError);
        StringAssert.Contains(fetchOutput, "--content-from " + P("fetched"));
        var requestsAfterFetch = _server.Requests.Count;

        var (exitCode, output, error) = await ExportAsync("--content-request", request, "--content-from", P("fetched"));

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "Requested 2 deployment content files");
        Assert.HasCount(requestsAfterFetch, _server.Requests);
        Assert.IsTrue((await VerifyAsync()).Succeeded);
    }

    [TestMethod]
    public async Task Export_ContentFromWithoutARequest_IsAUsageError()
    {
        Directory.CreateDirectory(P("fetched"));

        var (exitCode, _, error) = await ExportAsync("--content-from", P("fetched"));

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "--content-request");
    }

    [TestMethod]
    public async Task Export_DamagedContentRequest_Exit71()
    {
        await File.WriteAllTextAsync(P("request.json"), "{\"formatVersion\":\"1.0\"");

        var (exitCode, _, error) = await ExportAsync("--content-request", P("request.json"));

        Assert.AreEqual(ExitCodes.ContentRequestUnusable, exitCode);
        StringAssert.Contains(error, "request.json");
    }

    [TestMethod]
    public async Task Help_ExplainsContentRequestAndWhereFilesComeFrom()
    {
        var (_, output, _) = await RunAsync("export", "--help");

        StringAssert.Contains(output, "--content-request");
        StringAssert.Contains(output, "--content-from");
        StringAssert.Contains(output, "checked against Microsoft's");
        StringAssert.Contains(output, "never copied into WsusContent");
    }
}
