using System.Net.Http;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.ConfigMgr;
using CMDisconnectedSync.Lab.Downloads;
using CMDisconnectedSync.Lab.Tests.TestSupport;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Workflows;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Lab.Tests.ConfigMgr;

/// <summary>
/// The lab site's deployment content tables (LabContentCatalog.cs, LabConfigMgrSite.DeploymentContent.cs): a request
/// built from a lab group the way 'cmdsync content request' builds it, the files fetched over HTTP from the real lab
/// download server and checked against the FileHash the site lists, and AddUpdateContent laying them into the package.
/// </summary>
[TestClass]
public sealed class LabDeploymentContentTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
    private LabScenario _scenario = null!;
    private LabDownloadServer _downloads = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _scenario = await LabScenario.CreateAsync(_clock);
        Directory.CreateDirectory(_scenario.Lab.DownloadsFolder);
        _downloads = LabDownloadServer.Start(_scenario.Lab.DownloadsFolder);
        _scenario.Lab.CreateDeploymentContent(_downloads.BaseUri);
    }

    [TestCleanup]
    public void DeleteLab()
    {
        _downloads.Dispose();
        _scenario.Dispose();
    }

    private LabConfigMgrSite CreateSut() => _scenario.Site();

    private async Task<ContentRequest> RequestGroupAsync(LabConfigMgrSite site) =>
        (await new ContentRequestBuilder(site, _clock).BuildAsync(site.SiteCode, new ContentSelection { Groups = [LabDeploymentContent.PatchTuesdayGroup] }, [], CancellationToken.None)).Request;

    [TestMethod]
    public async Task ContentRequest_PatchTuesdayGroup_ListsTheFilesOfItsUpdatesNotInAPackageWithTheirMicrosoftDigests()
    {
        var site = CreateSut();

        var plan = await new ContentRequestBuilder(site, _clock).BuildAsync(site.SiteCode, new ContentSelection { Groups = [LabDeploymentContent.PatchTuesdayGroup] }, [], CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1001, 1001, 1002, 1003 }, plan.Request.Files.Select(f => f.ContentId).ToArray());
        Assert.AreEqual(1, plan.ContentsAlreadyInPackages, "content 1004 is already in LAB00001");
        Assert.AreEqual(3, plan.UpdateCount);
        Assert.IsTrue(plan.Request.Files.All(f => f.FileHash.StartsWith("SHA1:", StringComparison.Ordinal) && f.FileHash.Length == 45));
        Assert.IsTrue(plan.Request.Files.All(f => f.SourceUrl.StartsWith(_downloads.BaseUri.ToString(), StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task SourceUrls_FetchedFromTheLabDownloadServer_HaveTheFileHashAndSizeTheSiteLists()
    {
        var request = await RequestGroupAsync(CreateSut());
        using var http = new HttpClient();

        foreach (var file in request.Files)
        {
            var bytes = await http.GetByteArrayAsync(new Uri(file.SourceUrl));
            Assert.AreEqual(file.FileSize, bytes.LongLength, file.FileName);
            using var stream = new MemoryStream(bytes);
            Assert.IsTrue(await new MicrosoftDigestVerifier().MatchesAsync(stream, MicrosoftFileDigest.Parse(file.FileHash), CancellationToken.None), file.FileName);
        }
    }

    [TestMethod]
    public async Task AddUpdateContent_StagedContent_LandsByteIdenticalInThePackageSourceAndLeavesLaterRequests()
    {
        var site = CreateSut();
        var request = await RequestGroupAsync(site);
        var staging = Path.Combine(_scenario.Lab.Root, "staging");
        foreach (var file in request.Files.Where(f => f.ContentId == 1001))
        {
            var staged = Path.Combine(staging, "1001", file.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
            File.WriteAllBytes(staged, await new HttpClient().GetByteArrayAsync(new Uri(file.SourceUrl)));
        }

        await site.AddUpdateContentAsync(LabDeploymentContent.PackageId, [1001], [Path.Combine(staging, "1001")], refreshDistributionPoints: true, CancellationToken.None);

        var package = (await site.GetDeploymentPackageAsync(LabDeploymentContent.PackageId, CancellationToken.None))!;
        foreach (var file in request.Files.Where(f => f.ContentId == 1001))
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(staging, "1001", file.FileName)), File.ReadAllBytes(Path.Combine(package.SourcePath, "1001", file.FileName)), file.FileName);
        }

        var reopened = CreateSut();
        CollectionAssert.AreEquivalent(new uint[] { 1001, 1004 }, (await reopened.GetContentIdsInPackagesAsync([1001, 1002, 1003, 1004], CancellationToken.None)).ToArray());
        Assert.AreEqual(1, reopened.ContentCatalog.DistributionPointRefreshes[LabDeploymentContent.PackageId]);
        CollectionAssert.AreEqual(new uint[] { 1002, 1003 }, (await RequestGroupAsync(reopened)).Files.Select(f => f.ContentId).ToArray(), "a new request leaves out what the package now holds");
    }

    [TestMethod]
    public async Task AddUpdateContent_ContentSourcePathMissing_FailsLikeTheProviderAndRecordsNothing()
    {
        var site = CreateSut();

        var failure = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() =>
            site.AddUpdateContentAsync(LabDeploymentContent.PackageId, [1002], [Path.Combine(_scenario.Lab.Root, "no-such-folder")], true, CancellationToken.None));

        Assert.AreEqual(ConfigMgrFailure.OperationFailed, failure.Failure);
        StringAssert.Contains(failure.Message, "no-such-folder");
        CollectionAssert.AreEqual(new uint[] { 1004 }, (await site.GetContentIdsInPackagesAsync([1002, 1004], CancellationToken.None)).ToArray());
    }

    [TestMethod]
    public async Task CreateDeploymentPackage_NewName_GetsTheNextSitePackageIdAndIsFoundAgain()
    {
        var site = CreateSut();
        var source = Path.Combine(_scenario.Lab.PackageSourcesFolder, "new");

        var created = await site.CreateDeploymentPackageAsync("2026-12 Patch Tuesday", source, CancellationToken.None);

        Assert.AreEqual("LAB00002", created.PackageId);
        Assert.AreEqual(created, await CreateSut().GetDeploymentPackageAsync("lab00002", CancellationToken.None));
    }

    [TestMethod]
    public async Task ImportWorkflow_RequestedLabContentFetchedOverHttp_LandsByteIdenticalInTheLabPackageAfterTheSync()
    {
        // Real time here: the lab's certificate and the sync wait run on the system clock, as in 'cmdsync demo'. The
        // whole loop with the product's code: request → export downloads and carries → verify → import → package.
        using var scenario = await LabScenario.CreateAsync();
        Directory.CreateDirectory(scenario.Lab.DownloadsFolder);
        using var downloads = LabDownloadServer.Start(scenario.Lab.DownloadsFolder);
        var demo = new LabDemo(scenario.Lab, LabWsusUtilProgram.Locate(), TimeProvider.System, LabScenario.Logger);
        var request = await LabDeploymentContentRound.RequestAsync(demo, downloads.BaseUri, TimeProvider.System, CancellationToken.None);

        var (export, _) = await demo.ExportAsync(1, WorkflowProgress.None, request, CancellationToken.None);
        Assert.IsTrue(export.Succeeded, export.Failure?.Message);
        var (import, _, content) = await demo.ImportAsync(1, WorkflowProgress.None, new DeploymentContentImport
        {
            Target = DeploymentPackageTarget.Existing(LabDeploymentContent.PackageId),
        }, CancellationToken.None);

        Assert.IsNull(import.Failure, import.Failure?.Message);
        Assert.IsTrue(import.Sync!.IsSuccess, import.Sync.Message);
        Assert.IsTrue(content.Identical, "WsusContent is still byte-identical on both sides");
        Assert.AreEqual(4, export.DeploymentContentFiles);
        Assert.HasCount(4, downloads.Requests.Where(r => r.Status == 200).ToList(), "each requested file was downloaded once");
        var site = demo.Site();
        var package = (await site.GetDeploymentPackageAsync(LabDeploymentContent.PackageId, CancellationToken.None))!;
        foreach (var file in request.Files)
        {
            var served = Path.Combine(scenario.Lab.DownloadsFolder, new Uri(file.SourceUrl).AbsolutePath.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
            CollectionAssert.AreEqual(File.ReadAllBytes(served), File.ReadAllBytes(Path.Combine(package.SourcePath, ContentRequestSerializer.ContentRelativePath(file))), file.FileName);
        }

        Assert.IsTrue(LabDeploymentContentRound.ComparePackage(scenario.Lab, request, package, downloads.BaseUri).Identical);
        Assert.AreEqual(4, import.DeploymentContent!.Files);
        Assert.AreEqual(4, import.DeploymentContent.DigestsMatched);
        CollectionAssert.AreEquivalent(new uint[] { 1001, 1002, 1003, 1004 }, (await site.GetContentIdsInPackagesAsync([1001, 1002, 1003, 1004], CancellationToken.None)).ToArray());
        Assert.AreEqual(1, site.ContentCatalog.DistributionPointRefreshes[LabDeploymentContent.PackageId]);
    }

    [TestMethod]
    public void ComparePackage_AFileChangedInThePackage_IsNamedAsADifference()
    {
        var downloadBase = _downloads.BaseUri;
        var site = CreateSut();
        var file = site.ContentCatalog.Files.First(f => f.ContentId == 1004);
        var request = new ContentRequest
        {
            FormatVersion = "1.0", RequestId = "0123456789abcdef0123456789abcdef", SiteCode = site.SiteCode, CreatedAtUtc = DateTimeOffset.UnixEpoch,
            Selection = new ContentSelection(),
            Files = [new ContentRequestFile { CiUniqueId = "00000000-0000-0000-0000-000000000001", CiId = file.CiId, Title = "t", ContentId = file.ContentId, FileName = file.FileName, FileSize = file.FileSize, FileHash = file.FileHash, SourceUrl = file.SourceUrl }],
        };
        var package = site.ContentCatalog.Packages.Single();
        Assert.IsTrue(LabDeploymentContentRound.ComparePackage(_scenario.Lab, request, package, downloadBase).Identical, "the lab package starts with content 1004 in it");
        var placed = Path.Combine(package.SourcePath, "1004", file.FileName);
        var bytes = File.ReadAllBytes(placed);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(placed, bytes);

        var changed = LabDeploymentContentRound.ComparePackage(_scenario.Lab, request, package, downloadBase);

        Assert.IsFalse(changed.Identical);
        StringAssert.Contains(changed.Differences.Single(), file.FileName);
    }

    [TestMethod]
    public async Task Rebase_NewDownloadServerPort_PointsEverySourceUrlThere()
    {
        var moved = new Uri("http://127.0.0.1:1/");

        LabDeploymentContent.Rebase(_scenario.Lab.SiteFolder, moved);

        var files = CreateSut().ContentCatalog.Files;
        Assert.IsTrue(files.All(f => f.SourceUrl.StartsWith("http://127.0.0.1:1/d/msdownload/update/", StringComparison.Ordinal)), files[0].SourceUrl);
    }
}
