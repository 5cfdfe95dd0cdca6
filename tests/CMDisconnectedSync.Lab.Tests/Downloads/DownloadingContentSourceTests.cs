using System.Security.Cryptography;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Lab.Downloads;

namespace CMDisconnectedSync.Lab.Tests.Downloads;

/// <summary>The content-source adapter over the real downloader, against the real lab server on 127.0.0.1.</summary>
[TestClass]
public sealed class DownloadingContentSourceTests
{
    private string _root = null!;
    private string _served = null!;
    private LabDownloadServer _server = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void Initialize()
    {
        _root = Path.Combine(Path.GetTempPath(), "w2-source-" + Guid.NewGuid().ToString("N"));
        _served = Path.Combine(_root, "served");
        Directory.CreateDirectory(_served);
        _server = LabDownloadServer.Start(_served);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private (ContentRequestFile File, byte[] Bytes) Serve(string name, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(_served, name), bytes);
#pragma warning disable CA5350 // Microsoft's FileHash is a SHA-1 (SMS Provider form "SHA1:<hex>", cited in MicrosoftFileDigest).
        var sha1 = SHA1.HashData(bytes);
#pragma warning restore CA5350
        return (new ContentRequestFile
        {
            CiUniqueId = Guid.NewGuid().ToString(),
            CiId = 16777301,
            ArticleId = "5005565",
            Title = "2026-12 Cumulative Update (KB5005565)",
            ContentId = 1001,
            FileName = name,
            FileSize = size,
            SourceUrl = _server.UrlOf(name).ToString(),
            FileHash = "SHA1:" + Convert.ToHexString(sha1),
        }, bytes);
    }

    private static HttpContentDownloader Downloader() => new(new ContentDownloadOptions { MaxAttempts = 1, UseSystemProxy = false });

    [TestMethod]
    public async Task Produce_DownloadsTheFileAndReportsItsSha256AndBytes()
    {
        var (file, bytes) = Serve("windows10.0-kb5005565-x64.cab", 150_000);
        var destination = Path.Combine(_root, "out", "1001", file.FileName);
        using var downloader = Downloader();
        var reported = new List<long>();

        var copied = await new DownloadingContentSource(downloader).ProduceAsync(file, destination, new SyncProgress(reported), TestContext.CancellationToken);

        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(destination));
        Assert.AreEqual(bytes.Length, copied.Length);
        Assert.AreEqual(Sha256Hex.OfBytes(bytes), copied.Sha256);
        Assert.AreEqual((long)bytes.Length, reported.Sum(), "the increments add up to the file's size");
    }

    [TestMethod]
    public async Task Produce_WrongBytes_ThrowsDigestMismatchAndLeavesNoFile()
    {
        var (file, _) = Serve("windows10.0-kb5005565-x64.cab", 40_000);
        _server.SetFault(file.FileName, LabDownloadFault.WrongBytes);
        var destination = Path.Combine(_root, "out", "1001", file.FileName);
        using var downloader = Downloader();

        var ex = await Assert.ThrowsExactlyAsync<DeploymentContentUnavailableException>(
            () => new DownloadingContentSource(downloader).ProduceAsync(file, destination, null, TestContext.CancellationToken));

        Assert.AreEqual(DeploymentContentProblem.DigestMismatch, ex.Problem);
        Assert.IsInstanceOfType<MicrosoftDigestMismatchException>(ex.InnerException);
        StringAssert.Contains(ex.Message, file.SourceUrl);
        Assert.IsFalse(File.Exists(destination));
    }

    [TestMethod]
    public async Task Produce_NotFound_ThrowsNotFound()
    {
        var (file, _) = Serve("ndp-enu.exe", 1_000);
        _server.SetFault(file.FileName, LabDownloadFault.NotFound);
        using var downloader = Downloader();

        var ex = await Assert.ThrowsExactlyAsync<DeploymentContentUnavailableException>(
            () => new DownloadingContentSource(downloader).ProduceAsync(file, Path.Combine(_root, "out", file.FileName), null, TestContext.CancellationToken));

        Assert.AreEqual(DeploymentContentProblem.NotFound, ex.Problem);
        Assert.AreSame(file, ex.File);
        StringAssert.Contains(ex.Message, "404");
    }

    /// <summary>Records synchronously (Progress&lt;T&gt; posts to the thread pool and may report after the call returned).</summary>
    private sealed class SyncProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}
