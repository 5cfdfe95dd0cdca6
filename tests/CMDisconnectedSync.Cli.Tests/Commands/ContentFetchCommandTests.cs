using System.Security.Cryptography;
using System.Text.Json;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.Downloads;
using CMDisconnectedSync.Testing.DeploymentContent;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// <c>cmdsync content fetch</c> through the real command tree against the real lab download server on 127.0.0.1
/// (real sockets, real files, faults on cue). FileHash is written in the SMS Provider's own form
/// <c>SHA1:&lt;hex&gt;</c> (MicrosoftFileDigest cites the SMSProv.log line it comes from).
/// </summary>
[TestClass]
public sealed class ContentFetchCommandTests
{
    private string _root = null!;
    private string _served = null!;
    private string _out = null!;
    private LabDownloadServer _server = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Initialize()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-cli-fetch-").FullName;
        _served = Path.Combine(_root, "served");
        _out = Path.Combine(_root, "out");
        Directory.CreateDirectory(_served);
        _server = LabDownloadServer.Start(_served);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A file on the lab server and its request entry (Microsoft's SHA-1 of the real bytes unless <paramref name="hashOf"/> says otherwise).</summary>
    private ServedUpdateFile Serve(uint contentId, string name, int size, string article, byte[]? hashOf = null) =>
        ServedUpdateFile.Write(_served, _server.UrlOf, contentId, name, size, article, hashOf);

    private string WriteRequest(params ServedUpdateFile[] files) =>
        ServedUpdateFile.WriteRequest(Path.Combine(_root, "request.json"), Guid.NewGuid().ToString("N"), new ContentSelection { Required = true },
            new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), files);

    private string Destination(ServedUpdateFile served) => Path.Combine(_out, served.File.ContentId.ToString(System.Globalization.CultureInfo.InvariantCulture), served.File.FileName);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync([.. args, "--log", Path.Combine(_root, "cmdsync.log")], output, error,
            new CMDisconnectedSync.Cli.Workflows.WindowsWorkflowHost(), TestContext.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Fetch_SmallRequest_PlacesEveryFileByteForByte()
    {
        var a = Serve(1001, "windows10.0-kb5005565-x64.cab", 300_000, "5005565");
        var b = Serve(1002, "ndp-enu.exe", 70_000, "5005600");
        var request = WriteRequest(a, b);

        var (exitCode, output, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out);

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        CollectionAssert.AreEqual(a.Bytes, File.ReadAllBytes(Destination(a)));
        CollectionAssert.AreEqual(b.Bytes, File.ReadAllBytes(Destination(b)));
        StringAssert.Contains(output, "2 of 2 files in");
        StringAssert.Contains(output, "2 downloaded");
        StringAssert.Contains(output, "'cmdsync import <bundle> --deployment-package <PackageID>' then puts them into a deployment package");
        Assert.IsEmpty(Directory.GetFiles(_out, "*" + HttpContentDownloader.PartialSuffix, SearchOption.AllDirectories));

        // A second run finds both files in place (digest checked) and asks the server for nothing.
        var requestsBefore = _server.Requests.Count;
        var (again, againOutput, _) = await RunAsync("content", "fetch", "--request", request, "--out", _out);
        Assert.AreEqual(ExitCodes.Success, again);
        StringAssert.Contains(againOutput, "2 already present");
        Assert.HasCount(requestsBefore, _server.Requests);
    }

    [TestMethod]
    public async Task Fetch_WrongBytes_Exits75NamingTheUpdateAndUrlAndKeepsNoFile()
    {
        var good = Serve(1001, "windows10.0-kb5005565-x64.cab", 100_000, "5005565");
        var poisoned = Serve(1002, "windows10.0-kb5006666-x64.cab", 100_000, "5006666");
        _server.SetFault(poisoned.Relative, LabDownloadFault.WrongBytes);
        var request = WriteRequest(good, poisoned);

        var (exitCode, output, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out);

        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, exitCode, output + error);
        StringAssert.Contains(error, "KB5006666");
        StringAssert.Contains(error, poisoned.File.SourceUrl);
        Assert.IsFalse(File.Exists(Destination(poisoned)), "a file that is not Microsoft's must not be kept under its name");
        CollectionAssert.AreEqual(good.Bytes, File.ReadAllBytes(Destination(good)), "the good file is kept");
    }

    [TestMethod]
    public async Task Fetch_ConnectionDroppedMidway_ARerunResumesFromThePartialFile()
    {
        var big = Serve(1001, "windows10.0-kb5005565-x64.cab", 400_000, "5005565");
        _server.SetFault(big.Relative, LabDownloadFault.DropMidwayAlways);
        var request = WriteRequest(big);

        var (first, _, firstError) = await RunAsync("content", "fetch", "--request", request, "--out", _out, "--attempts", "1");

        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, first, firstError);
        StringAssert.Contains(firstError, big.File.SourceUrl);
        var partial = Destination(big) + HttpContentDownloader.PartialSuffix;
        Assert.IsTrue(File.Exists(partial), "the bytes received before the drop stay as a .partial file");
        var kept = new FileInfo(partial).Length;
        Assert.IsGreaterThan(0L, kept);
        Assert.IsFalse(File.Exists(Destination(big)));

        _server.SetFault(big.Relative, LabDownloadFault.None);
        var (second, output, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out, "--json");

        Assert.AreEqual(ExitCodes.Success, second, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(1, json.RootElement.GetProperty("resumed").GetInt32());
        Assert.AreEqual(big.Bytes.Length - kept, json.RootElement.GetProperty("bytesFetched").GetInt64(), "only the missing bytes travel again");
        Assert.AreEqual("bytes=" + kept.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-", _server.Requests[^1].Range);
        CollectionAssert.AreEqual(big.Bytes, File.ReadAllBytes(Destination(big)));
    }

    [TestMethod]
    public async Task Fetch_NotFound_Exits78()
    {
        var gone = Serve(1001, "windows10.0-kb5005565-x64.cab", 10_000, "5005565");
        _server.SetFault(gone.Relative, LabDownloadFault.NotFound);
        var request = WriteRequest(gone);

        var (exitCode, output, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out);

        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, exitCode, output + error);
        StringAssert.Contains(error, "404");
        StringAssert.Contains(error, gone.File.SourceUrl);
        Assert.IsFalse(File.Exists(Destination(gone)));
    }

    [TestMethod]
    public async Task Fetch_Json_ReportsCountsBytesAndFailures()
    {
        var a = Serve(1001, "windows10.0-kb5005565-x64.cab", 50_000, "5005565");
        var missing = Serve(1002, "ndp-enu.exe", 5_000, "5005600");
        _server.SetFault(missing.Relative, LabDownloadFault.NotFound);
        var request = WriteRequest(a, missing);

        var (exitCode, output, _) = await RunAsync("content", "fetch", "--request", request, "--out", _out, "--json");

        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, exitCode);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.AreEqual("failed", root.GetProperty("result").GetString());
        Assert.AreEqual(exitCode, root.GetProperty("exitCode").GetInt32());
        Assert.AreEqual(2, root.GetProperty("files").GetInt32());
        Assert.AreEqual(1, root.GetProperty("downloaded").GetInt32());
        Assert.AreEqual(1, root.GetProperty("failed").GetInt32());
        Assert.AreEqual(50_000, root.GetProperty("bytesFetched").GetInt64());
        var failure = root.GetProperty("failures")[0];
        Assert.AreEqual(missing.File.SourceUrl, failure.GetProperty("url").GetString());
        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, failure.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(failure.GetProperty("file").GetString(), "KB5005600");
    }

    [TestMethod]
    public async Task Fetch_WsusContentHoldsTheFile_CopiesItInsteadOfDownloading()
    {
        var a = Serve(1001, "windows10.0-kb5005565-x64.cab", 20_000, "5005565");
        var request = WriteRequest(a);
        var wsusContent = Path.Combine(_root, "WsusContent");
        var hex = a.File.FileHash["SHA1:".Length..];
        Directory.CreateDirectory(Path.Combine(wsusContent, hex[^2..]));
        File.WriteAllBytes(Path.Combine(wsusContent, hex[^2..], hex + ".cab"), a.Bytes);

        var (exitCode, output, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out, "--wsus-content", wsusContent, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(1, json.RootElement.GetProperty("copiedLocally").GetInt32());
        Assert.IsEmpty(_server.Requests);
        CollectionAssert.AreEqual(a.Bytes, File.ReadAllBytes(Destination(a)));
    }

    [TestMethod]
    public async Task Fetch_ParallelOutOfRange_IsAUsageErrorNamingTheRange()
    {
        var request = WriteRequest(Serve(1001, "a.cab", 10, "5005565"));

        var (exitCode, _, error) = await RunAsync("content", "fetch", "--request", request, "--out", _out, "--parallel", "0");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "--parallel 0 is out of range: choose 1 to 32");
        Assert.IsEmpty(_server.Requests);
    }
}
