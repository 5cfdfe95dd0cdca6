using CMDisconnectedSync.ConfigMgr.SmsProvider;
using CMDisconnectedSync.DeploymentContent;
using Microsoft.ConfigurationManagement.ManagementProvider;
using Microsoft.Extensions.Time.Testing;
using static CMDisconnectedSync.ConfigMgr.Tests.SmsProvider.WmiRows;

namespace CMDisconnectedSync.ConfigMgr.Tests.SmsProvider;

/// <summary>
/// The deployment content half of the adapter against SDK result objects shaped like the SMS Provider's. Row shapes
/// (classes, property names and types) from Microsoft's SDK reference: SMS_AuthorizationList, SMS_SoftwareUpdate,
/// SMS_CIToContent, SMS_CIContentFiles, SMS_PackageToContent, SMS_SoftwareUpdatesPackage and AddUpdateContent
/// (fixture from learn.microsoft.com/mem/configmgr/develop/reference/sum/…, see DeploymentContentWql).
/// </summary>
[TestClass]
public sealed class SmsProviderSiteDeploymentContentTests
{
    private const string Server = "CM01.corp.example";
    private readonly Mock<ConnectionManagerBase> _connection = new(MockBehavior.Strict);
    private readonly Mock<QueryProcessorBase> _queries = new(MockBehavior.Strict);
    private readonly CapturingSink _log = new();

    public SmsProviderSiteDeploymentContentTests()
    {
        _connection.SetupGet(c => c.QueryProcessor).Returns(_queries.Object);
    }

    private SmsProviderSite CreateSut() => new(_connection.Object, Server, "DIS", new FakeTimeProvider(), _log.CreateLogger());

    private void Returns(string wql, params Mock<IResultObject>[] rows) =>
        _queries.Setup(q => q.ExecuteQuery(wql)).Returns(ResultSet(rows).Object);

    [TestMethod]
    public async Task GetSoftwareUpdateGroupsAsync_GroupRow_LoadsTheLazyUpdatesArray()
    {
        var group = Row(("CI_ID", 16777400), ("LocalizedDisplayName", "Patch Tuesday 2026-12"), ("Updates", new[] { 16777301, 16777302 }));
        group.Setup(g => g.Get());
        Returns("SELECT * FROM SMS_AuthorizationList", group);

        var groups = await CreateSut().GetSoftwareUpdateGroupsAsync(CancellationToken.None);

        Assert.HasCount(1, groups);
        Assert.AreEqual("Patch Tuesday 2026-12", groups[0].Name);
        CollectionAssert.AreEqual(new[] { 16777301, 16777302 }, groups[0].UpdateCiIds.ToArray());
        group.Verify(g => g.Get(), Times.Once);
    }

    [TestMethod]
    public async Task GetSoftwareUpdateGroupsAsync_GroupWithoutUpdates_IsEmptyNotACrash()
    {
        var group = Row(("CI_ID", 16777401), ("LocalizedDisplayName", "Empty"), ("Updates", null));
        group.Setup(g => g.Get());
        Returns("SELECT * FROM SMS_AuthorizationList", group);

        var groups = await CreateSut().GetSoftwareUpdateGroupsAsync(CancellationToken.None);

        Assert.IsEmpty(groups[0].UpdateCiIds);
    }

    [TestMethod]
    public async Task GetUpdatesByCiIdAsync_SixtyIds_QueriesInBatchesOfFiftyWithOrChains()
    {
        var ids = Enumerable.Range(16777000, 60).ToList();
        _queries.Setup(q => q.ExecuteQuery(It.IsAny<string>())).Returns<string>(wql =>
        {
            var rows = ids.Where(id => wql.Contains($"CI_ID = {id}", StringComparison.Ordinal))
                .Select(id => Row(("CI_ID", id), ("CI_UniqueID", $"guid-{id}"), ("ArticleID", "5005565"), ("LocalizedDisplayName", $"Update {id}"), ("IsExpired", false), ("NumMissing", 2)))
                .ToArray();
            return ResultSet(rows).Object;
        });

        var updates = await CreateSut().GetUpdatesByCiIdAsync(ids, CancellationToken.None);

        Assert.HasCount(60, updates);
        _queries.Verify(q => q.ExecuteQuery(It.Is<string>(w => w.StartsWith("SELECT CI_ID, CI_UniqueID, ArticleID, LocalizedDisplayName, IsExpired, NumMissing FROM SMS_SoftwareUpdate WHERE CI_ID = 16777000 OR ", StringComparison.Ordinal))), Times.Once);
        _queries.Verify(q => q.ExecuteQuery(It.IsAny<string>()), Times.Exactly(2));
        Assert.AreEqual(new SiteSoftwareUpdate(16777000, "guid-16777000", "5005565", "Update 16777000", false, 2), updates[0]);
    }

    [TestMethod]
    public async Task GetUpdatesByArticleIdAsync_Article_QuotesIt()
    {
        Returns("SELECT CI_ID, CI_UniqueID, ArticleID, LocalizedDisplayName, IsExpired, NumMissing FROM SMS_SoftwareUpdate WHERE ArticleID = '5005565'",
            Row(("CI_ID", 16777301), ("CI_UniqueID", "a"), ("ArticleID", "5005565"), ("LocalizedDisplayName", "CU"), ("IsExpired", false), ("NumMissing", 0)));

        var updates = await CreateSut().GetUpdatesByArticleIdAsync(["5005565"], CancellationToken.None);

        Assert.HasCount(1, updates);
    }

    [TestMethod]
    public async Task GetContentFilesAsync_UpdateWithTwoContents_JoinsCiToContentWithContentFiles()
    {
        Returns("SELECT CI_ID, ContentID FROM SMS_CIToContent WHERE CI_ID = 16777301",
            Row(("CI_ID", 16777301), ("ContentID", 1001)),
            Row(("CI_ID", 16777301), ("ContentID", 1002)));
        Returns("SELECT ContentID, FileName, FileHash, FileSize, SourceURL, LanguageID FROM SMS_CIContentFiles WHERE ContentID = 1001 OR ContentID = 1002",
            Row(("ContentID", 1001), ("FileName", "windows10.0-kb5005565-x64.cab"), ("FileHash", "SHA1:ABCD"), ("FileSize", 5_368_709_120L),
                ("SourceURL", "http://download.windowsupdate.com/c/msdownload/update/software/secu/2021/09/windows10.0-kb5005565-x64.cab"), ("LanguageID", 0)),
            Row(("ContentID", 1002), ("FileName", @"sub\ndp-enu.exe"), ("FileHash", "SHA1:EF01"), ("FileSize", 2_000L),
                ("SourceURL", "http://download.windowsupdate.com/ndp-enu.exe"), ("LanguageID", null)));

        var files = await CreateSut().GetContentFilesAsync([16777301], CancellationToken.None);

        Assert.HasCount(2, files);
        // FileSize is SInt64: a 5 GiB file must not be cut to 32 bits.
        Assert.AreEqual(new UpdateContentFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 5_368_709_120L, "SHA1:ABCD",
            "http://download.windowsupdate.com/c/msdownload/update/software/secu/2021/09/windows10.0-kb5005565-x64.cab", 0), files[0]);
        Assert.AreEqual("sub/ndp-enu.exe", files[1].FileName);
        Assert.IsNull(files[1].LanguageId);
    }

    [TestMethod]
    public async Task GetContentIdsInPackagesAsync_PackagedContent_IsReturnedOnce()
    {
        Returns("SELECT ContentID, PackageID FROM SMS_PackageToContent WHERE ContentID = 1001 OR ContentID = 1002",
            Row(("ContentID", 1002), ("PackageID", "DIS00012")),
            Row(("ContentID", 1002), ("PackageID", "DIS00013")));

        var packaged = await CreateSut().GetContentIdsInPackagesAsync([1001u, 1002u], CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1002 }, packaged.ToArray());
    }

    [TestMethod]
    public async Task GetDeploymentPackagesAsync_TwoPackages_ReadsIdNameAndSourceInPackageIdOrder()
    {
        // SMS_SoftwareUpdatesPackage: PackageID, Name, PkgSourcePath (String), the import wizard's list to choose from.
        Returns("SELECT PackageID, Name, PkgSourcePath FROM SMS_SoftwareUpdatesPackage",
            Row(("PackageID", "DIS00013"), ("Name", "Server updates"), ("PkgSourcePath", @"\\CM01\Sources\Updates\Servers")),
            Row(("PackageID", "DIS00012"), ("Name", "Monthly updates"), ("PkgSourcePath", @"\\CM01\Sources\Updates\Monthly")));

        var packages = await CreateSut().GetDeploymentPackagesAsync(CancellationToken.None);

        CollectionAssert.AreEqual(
            new[]
            {
                new DeploymentPackage("DIS00012", "Monthly updates", @"\\CM01\Sources\Updates\Monthly"),
                new DeploymentPackage("DIS00013", "Server updates", @"\\CM01\Sources\Updates\Servers"),
            },
            packages.ToArray());
    }

    [TestMethod]
    public async Task CreateDeploymentPackageAsync_NewPackage_SetsSourceAndReadsTheAssignedId()
    {
        var name = Property("x");
        var description = Property("x");
        var flag = Property(0);
        var source = Property("x");
        var package = new Mock<IResultObject>(MockBehavior.Strict);
        package.SetupGet(p => p["Name"]).Returns(name.Object);
        package.SetupGet(p => p["Description"]).Returns(description.Object);
        package.SetupGet(p => p["PkgSourceFlag"]).Returns(flag.Object);
        package.SetupGet(p => p["PkgSourcePath"]).Returns(source.Object);
        package.SetupGet(p => p["PackageID"]).Returns(Property("DIS00020").Object);
        package.Setup(p => p.Put());
        package.Setup(p => p.Get());
        package.Setup(p => p.Dispose());
        _connection.Setup(c => c.CreateInstance("SMS_SoftwareUpdatesPackage")).Returns(package.Object);

        var created = await CreateSut().CreateDeploymentPackageAsync("Carried updates", @"\\CM01\Sources\Updates\Carried", CancellationToken.None);

        Assert.AreEqual("DIS00020", created.PackageId);
        Assert.AreEqual("Carried updates", name.Object.StringValue);
        Assert.AreEqual(2, flag.Object.IntegerValue);
        Assert.AreEqual(@"\\CM01\Sources\Updates\Carried", source.Object.StringValue);
        package.Verify(p => p.Put(), Times.Once);
    }

    [TestMethod]
    public async Task AddUpdateContentAsync_TwoContents_CallsTheInstanceMethodWithParallelArrays()
    {
        Dictionary<string, object>? sent = null;
        var package = new Mock<IResultObject>(MockBehavior.Strict);
        package.Setup(p => p.ExecuteMethod("AddUpdateContent", It.IsAny<Dictionary<string, object>>()))
            .Callback<string, Dictionary<string, object>>((_, p) => sent = p)
            .Returns(() => ResultSet().Object);
        package.Setup(p => p.Dispose());
        _connection.Setup(c => c.GetInstance("SMS_SoftwareUpdatesPackage.PackageID='DIS00012'")).Returns(package.Object);

        await CreateSut().AddUpdateContentAsync("DIS00012", [1001u, 1002u], [@"\\CM01\Staging\1001", @"\\CM01\Staging\1002"], true, CancellationToken.None);

        Assert.IsNotNull(sent);
        CollectionAssert.AreEqual(new[] { 1001, 1002 }, (int[])sent["ContentIDs"]);
        CollectionAssert.AreEqual(new[] { @"\\CM01\Staging\1001", @"\\CM01\Staging\1002" }, (string[])sent["ContentSourcePath"]);
        Assert.IsTrue((bool)sent["bRefreshDPs"]);
    }

    [TestMethod]
    public async Task AddUpdateContentAsync_ProviderThrows_BecomesConfigMgrExceptionNamingTheServer()
    {
        var package = new Mock<IResultObject>(MockBehavior.Strict);
        package.Setup(p => p.ExecuteMethod("AddUpdateContent", It.IsAny<Dictionary<string, object>>()))
            .Throws(new SmsConnectionException("Generic failure"));
        package.Setup(p => p.Dispose());
        _connection.Setup(c => c.GetInstance("SMS_SoftwareUpdatesPackage.PackageID='DIS00012'")).Returns(package.Object);

        var ex = await Assert.ThrowsExactlyAsync<ConfigMgrException>(() =>
            CreateSut().AddUpdateContentAsync("DIS00012", [1001u], [@"\\CM01\Staging\1001"], true, CancellationToken.None));

        StringAssert.Contains(ex.Message, Server);
    }
}
