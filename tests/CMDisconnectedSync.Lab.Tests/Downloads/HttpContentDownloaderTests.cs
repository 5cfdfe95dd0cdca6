using System.Security.Cryptography;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.Downloads;

namespace CMDisconnectedSync.Lab.Tests.Downloads;

/// <summary>The real downloader against the real lab server on 127.0.0.1: real sockets, real files, real faults.</summary>
[TestClass]
public sealed class HttpContentDownloaderTests
{
    private string _root = null!;
    private string _served = null!;
    private string _target = null!;
    private LabDownloadServer _server = null!;

    [TestInitialize]
    public void Initialize()
    {
        _root = Path.Combine(Path.GetTempPath(), "h18-fetch-" + Guid.NewGuid().ToString("N"));
        _served = Path.Combine(_root, "served");
        _target = Path.Combine(_root, "target");
        Directory.CreateDirectory(_served);
        Directory.CreateDirectory(_target);
        _server = LabDownloadServer.Start(_served);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    public async Task DownloadAsync_HealthyServer_PlacesFilesWithMicrosoftsDigest()
    {
        var items = new[] { Serve("a/windows10.0-kb5031356-x64.cab", 300_000, seed: 1), Serve("b/update.msu", 5, seed: 2) };
        var reports = new List<TransferProgress>();
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync(items, new SyncProgress(reports), CancellationToken.None);

        Assert.IsTrue(summary.Succeeded);
        Assert.AreEqual(300_005, summary.BytesFetched);
        foreach (var item in items)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(ServedPath(item)), File.ReadAllBytes(item.DestinationPath));
            Assert.IsFalse(File.Exists(item.DestinationPath + HttpContentDownloader.PartialSuffix));
        }

        Assert.AreEqual(new TransferProgress(300_005, 300_005, 2, 2), reports[^1]);
    }

    [TestMethod]
    public async Task DownloadAsync_ConnectionDroppedMidway_ResumesWithRangeAndIfRange()
    {
        var item = Serve("kb1.cab", 1_000_000, seed: 3);
        _server.SetFault("kb1.cab", LabDownloadFault.DropMidwayOnce);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.IsTrue(summary.Succeeded, string.Join("; ", summary.Failed.Select(f => f.Error.Message)));
        CollectionAssert.AreEqual(File.ReadAllBytes(ServedPath(item)), File.ReadAllBytes(item.DestinationPath));
        var requests = _server.Requests.Where(r => r.Path == "kb1.cab").ToList();
        Assert.HasCount(2, requests);
        Assert.IsNull(requests[0].Range);
        Assert.AreEqual(500_000, requests[0].BytesSent);
        Assert.AreEqual("bytes=500000-", requests[1].Range);
        Assert.AreEqual(LabDownloadServer.ETagOf(ServedPath(item)), requests[1].IfRange);
        Assert.AreEqual(206, requests[1].Status);
        Assert.AreEqual(500_000, requests[1].BytesSent);
        Assert.AreEqual(1_000_000, summary.BytesFetched);
    }

    [TestMethod]
    public async Task DownloadAsync_WrongBytes_RefusedNamingUpdateAndUrl_NoFinalFileNoPartial()
    {
        var item = Serve("kb2.cab", 70_000, seed: 4);
        _server.SetFault("kb2.cab", LabDownloadFault.WrongBytes);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        var error = Assert.ThrowsExactly<MicrosoftDigestMismatchException>(summary.EnsureSucceeded);
        StringAssert.Contains(error.Message, item.Label);
        StringAssert.Contains(error.Message, item.Url.ToString());
        StringAssert.Contains(error.Message, item.ExpectedDigest.ToString());
        Assert.IsFalse(File.Exists(item.DestinationPath));
        Assert.IsFalse(File.Exists(item.DestinationPath + HttpContentDownloader.PartialSuffix));
    }

    [TestMethod]
    public async Task DownloadAsync_NotFound_IsNotRetried()
    {
        var item = Serve("kb3.cab", 1_000, seed: 5);
        _server.SetFault("kb3.cab", LabDownloadFault.NotFound);
        var healthy = Serve("kb3b.cab", 1_000, seed: 6);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item, healthy], null, CancellationToken.None);

        var failure = summary.Failed.Single();
        var error = (ContentDownloadException)failure.Error;
        Assert.AreEqual(System.Net.HttpStatusCode.NotFound, error.Status);
        StringAssert.Contains(error.Message, item.Url.ToString());
        Assert.AreEqual(1, _server.Requests.Count(r => r.Path == "kb3.cab"));
        Assert.IsTrue(File.Exists(healthy.DestinationPath), "one failure does not stop the other files");
    }

    [TestMethod]
    public async Task DownloadAsync_ServiceUnavailableOnce_IsRetried()
    {
        var item = Serve("kb4.cab", 10_000, seed: 7);
        _server.SetFault("kb4.cab", LabDownloadFault.ServiceUnavailableOnce);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.IsTrue(summary.Succeeded);
        CollectionAssert.AreEqual(new[] { 503, 200 }, _server.Requests.Where(r => r.Path == "kb4.cab").Select(r => r.Status).ToArray());
        Assert.AreEqual(2, summary.Completed.Single().Requests);
    }

    [TestMethod]
    public async Task DownloadAsync_AlwaysDropping_GivesUpAfterMaxAttemptsKeepingThePartial()
    {
        var item = Serve("kb5.cab", 100_000, seed: 8);
        _server.SetFault("kb5.cab", LabDownloadFault.DropMidwayAlways);
        using var sut = CreateSut(maxAttempts: 3);

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        var error = Assert.ThrowsExactly<ContentDownloadException>(summary.EnsureSucceeded);
        Assert.AreEqual(3, error.Attempts);
        Assert.AreEqual(3, _server.Requests.Count(r => r.Path == "kb5.cab"));
        Assert.IsFalse(File.Exists(item.DestinationPath));
        // Each attempt resumed where the last stopped: 50 000, then half of the remaining 50 000, then half of 25 000.
        Assert.AreEqual(87_500, new FileInfo(item.DestinationPath + HttpContentDownloader.PartialSuffix).Length);
    }

    [TestMethod]
    public async Task DownloadAsync_CancelledMidway_LeavesPartial_ThenResumes()
    {
        var item = Serve("kb6.cab", 2_000_000, seed: 9);
        _server.BytesPerSecond = 2_000_000;
        using var cancel = new CancellationTokenSource();
        var progress = new SyncProgress([], p =>
        {
            if (p.BytesDone >= 400_000)
            {
                cancel.Cancel();
            }
        });
        using (var first = CreateSut())
        {
            await Assert.ThrowsAsync<OperationCanceledException>(() => first.DownloadAsync([item], progress, cancel.Token));
        }

        var partial = item.DestinationPath + HttpContentDownloader.PartialSuffix;
        Assert.IsFalse(File.Exists(item.DestinationPath));
        var kept = new FileInfo(partial).Length;
        Assert.IsTrue(kept is >= 400_000 and < 2_000_000, $"partial holds {kept} bytes");
        CollectionAssert.AreEqual(File.ReadAllBytes(ServedPath(item)).Take((int)kept).ToArray(), File.ReadAllBytes(partial));

        _server.BytesPerSecond = 0;
        using var second = CreateSut();
        var summary = await second.DownloadAsync([item], null, CancellationToken.None);

        Assert.AreEqual(ContentDownloadSource.Resumed, summary.Completed.Single().Source);
        Assert.AreEqual(2_000_000 - kept, summary.BytesFetched);
        // Requests are listed as they end: the cancelled first one may still be throttling its send into the socket
        // buffer when the resumed one has ended, so look for the resumed request rather than take the last.
        Assert.AreEqual($"bytes={kept}-", _server.Requests.Single(r => r.Range is not null).Range);
        CollectionAssert.AreEqual(File.ReadAllBytes(ServedPath(item)), File.ReadAllBytes(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_ServerIgnoresRange_RestartsFromZeroOn200()
    {
        var item = Serve("kb7.cab", 50_000, seed: 10);
        var bytes = File.ReadAllBytes(ServedPath(item));
        // A partial from an earlier run whose tail is garbage: a 200 answer must replace it, not be appended to it.
        File.WriteAllBytes(item.DestinationPath + HttpContentDownloader.PartialSuffix, [.. bytes.Take(10_000).Select(b => (byte)~b)]);
        _server.SetFault("kb7.cab", LabDownloadFault.IgnoreRange);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.IsTrue(summary.Succeeded, string.Join("; ", summary.Failed.Select(f => f.Error.Message)));
        Assert.AreEqual("bytes=10000-", _server.Requests.Single().Range);
        Assert.AreEqual(200, _server.Requests.Single().Status);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_FileChangedOnServer_IfRangeMismatchRestartsFromZero()
    {
        var item = Serve("kb8.cab", 40_000, seed: 11);
        var bytes = File.ReadAllBytes(ServedPath(item));
        File.WriteAllBytes(item.DestinationPath + HttpContentDownloader.PartialSuffix, [.. bytes.Take(8_000)]);
        File.WriteAllText(item.DestinationPath + HttpContentDownloader.ValidatorSuffix, "etag \"0000000000000000000000000000dead\"");
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.IsTrue(summary.Succeeded);
        Assert.AreEqual(200, _server.Requests.Single().Status, "a stale validator makes the server send the whole file");
        Assert.AreEqual(40_000, summary.BytesFetched);
        CollectionAssert.AreEqual(bytes, File.ReadAllBytes(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_ParallelLimit_IsRespectedAndUsed()
    {
        var items = Enumerable.Range(0, 8).Select(i => Serve($"p/{i}.cab", 20_000, seed: 20 + i)).ToList();
        _server.ResponseDelay = TimeSpan.FromMilliseconds(300);
        using var sut = CreateSut(parallel: 3);

        var summary = await sut.DownloadAsync(items, null, CancellationToken.None);

        Assert.IsTrue(summary.Succeeded);
        Assert.AreEqual(3, _server.MaxConcurrentRequests, "at most 3 connections, and 3 were used");
    }

    [TestMethod]
    public async Task DownloadAsync_FileInLocalStore_IsCopiedNotDownloaded()
    {
        var item = Serve("kb9.cab", 30_000, seed: 40);
        var wsusContent = Path.Combine(_root, "WsusContent");
        var local = Path.Combine(wsusContent, WsusContentNameDigest.PathFor(item.ExpectedDigest, ".cab").Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.Copy(ServedPath(item), local);
        using var sut = new HttpContentDownloader(Options(), new WsusContentLookup(wsusContent));

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.AreEqual(ContentDownloadSource.CopiedLocally, summary.Completed.Single().Source);
        Assert.IsEmpty(_server.Requests);
        Assert.AreEqual(30_000, summary.BytesCopiedLocally);
        CollectionAssert.AreEqual(File.ReadAllBytes(local), File.ReadAllBytes(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_DamagedLocalCopy_IsDownloadedInstead()
    {
        var item = Serve("kb10.cab", 30_000, seed: 41);
        var wsusContent = Path.Combine(_root, "WsusContent");
        var local = Path.Combine(wsusContent, WsusContentNameDigest.PathFor(item.ExpectedDigest, ".cab").Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        var damaged = File.ReadAllBytes(ServedPath(item));
        damaged[100] ^= 1;
        File.WriteAllBytes(local, damaged);
        using var sut = new HttpContentDownloader(Options(), new WsusContentLookup(wsusContent));

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.AreEqual(ContentDownloadSource.Downloaded, summary.Completed.Single().Source);
        CollectionAssert.AreEqual(File.ReadAllBytes(ServedPath(item)), File.ReadAllBytes(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_WrongExpectedSize_RefusedAsSizeMismatch()
    {
        var item = Serve("kb11.cab", 10_000, seed: 42) with { ExpectedSize = 9_000 };
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        var error = Assert.ThrowsExactly<ContentSizeMismatchException>(summary.EnsureSucceeded);
        StringAssert.Contains(error.Message, item.Label);
        Assert.IsFalse(File.Exists(item.DestinationPath));
    }

    [TestMethod]
    public async Task DownloadAsync_AlreadyPresent_MakesNoRequest()
    {
        var item = Serve("kb12.cab", 1_000, seed: 43);
        File.Copy(ServedPath(item), item.DestinationPath);
        using var sut = CreateSut();

        var summary = await sut.DownloadAsync([item], null, CancellationToken.None);

        Assert.AreEqual(ContentDownloadSource.AlreadyPresent, summary.Completed.Single().Source);
        Assert.IsEmpty(_server.Requests);
    }

    private static HttpContentDownloader CreateSut(int parallel = 4, int maxAttempts = 4) => new(Options(parallel, maxAttempts));

    private static ContentDownloadOptions Options(int parallel = 4, int maxAttempts = 4) => new()
    {
        ParallelDownloads = parallel,
        MaxAttempts = maxAttempts,
        UseSystemProxy = false,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        StallTimeout = TimeSpan.FromSeconds(20),
    };

    private string ServedPath(ContentDownloadItem item) =>
        Path.Combine(_served, Uri.UnescapeDataString(item.Url.AbsolutePath.TrimStart('/')).Replace('/', Path.DirectorySeparatorChar));

    private ContentDownloadItem Serve(string relativePath, int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        var path = Path.Combine(_served, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        #pragma warning disable CA5350 // Microsoft's digests are SHA-1: the fixture must be one.
        var digest = new MicrosoftFileDigest(MicrosoftDigestAlgorithm.Sha1, SHA1.HashData(bytes));
#pragma warning restore CA5350
        var destination = Path.Combine(_target, relativePath.Replace('/', '_'));
        return new ContentDownloadItem(_server.UrlOf(relativePath), destination, size, digest, "KB" + seed.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture) + " " + Path.GetFileName(relativePath));
    }

    /// <summary>Records every report on the reporting thread (Progress&lt;T&gt; would post them later, out of order).</summary>
    private sealed class SyncProgress(List<TransferProgress> reports, Action<TransferProgress>? onReport = null) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }

            onReport?.Invoke(value);
        }
    }
}
