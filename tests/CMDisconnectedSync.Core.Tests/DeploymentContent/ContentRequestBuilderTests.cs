using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Testing.DeploymentContent;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class ContentRequestBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 17, 0, 0, TimeSpan.Zero);

    // A site as an admin sees it: a December group with two updates (one with an English and a German file), a
    // required update outside any group, an expired update, and an update whose content a package already holds.
    private static InMemoryContentCatalog Site() => new InMemoryContentCatalog()
        .WithUpdate(16777301, "5005565", "2026-12 Cumulative Update for Windows 10 (KB5005565)", numMissing: 12)
        .WithUpdate(16777302, "5005600", "2026-12 Security Update for .NET (KB5005600)")
        .WithUpdate(16777303, "5004000", "2026-11 Servicing Stack Update (KB5004000)", numMissing: 3)
        .WithUpdate(16777304, "4000000", "Expired update (KB4000000)", expired: true, numMissing: 5)
        .WithUpdate(16777305, "5001111", "Already packaged (KB5001111)", numMissing: 1)
        .WithFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 400_000)
        .WithFile(16777302, 1002, "ndp-kb5005600-x64-enu.exe", 2_000, language: 1033)
        .WithFile(16777302, 1003, "ndp-kb5005600-x64-deu.exe", 2_100, language: 1031)
        .WithFile(16777303, 1004, "ssu-kb5004000-x64.cab", 9_000)
        .WithFile(16777304, 1005, "expired.cab", 1)
        .WithFile(16777305, 1006, "packaged.cab", 7)
        .WithGroup(16777400, "Patch Tuesday 2026-12", 16777301, 16777302)
        .WithPackage("DIS00012", "Windows updates", "/srv/pkg", 1006);

    private static ContentRequestBuilder CreateSut(InMemoryContentCatalog catalog) => new(catalog, new FakeTimeProvider(Now));

    [TestMethod]
    public async Task BuildAsync_Group_RequestsEveryFileOfItsUpdatesWithTheSiteValues()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["patch tuesday 2026-12"] }, [], CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1001, 1002, 1003 }, plan.Request.Files.Select(f => f.ContentId).ToArray());
        var cab = plan.Request.Files[0];
        Assert.AreEqual("00000000-0000-0000-0000-000016777301", cab.CiUniqueId);
        Assert.AreEqual("5005565", cab.ArticleId);
        Assert.AreEqual(400_000L, cab.FileSize);
        Assert.AreEqual("SHA1:" + new string('A', 40), cab.FileHash);
        Assert.AreEqual("DIS", plan.Request.SiteCode);
        Assert.AreEqual(Now, plan.Request.CreatedAtUtc);
        Assert.AreEqual(2, plan.UpdateCount);
        Assert.AreEqual(404_100L, plan.TotalBytes);
    }

    [TestMethod]
    public async Task BuildAsync_GroupByCiId_RequestsTheSameFilesAsByName()
    {
        var byName = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["Patch Tuesday 2026-12"] }, [], CancellationToken.None);

        var byId = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["CI:16777400"] }, [], CancellationToken.None);

        CollectionAssert.AreEqual(byName.Request.Files.ToArray(), byId.Request.Files.ToArray());
        Assert.AreEqual(2, byId.UpdateCount);
    }

    [TestMethod]
    public async Task BuildAsync_UnknownGroupCiId_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsExactlyAsync<ContentSelectionException>(() =>
            CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["CI:16777301"] }, [], CancellationToken.None));

        CollectionAssert.AreEqual(new[] { "software update group 'CI:16777301'" }, ex.Unknown.ToArray());
    }

    [TestMethod]
    public async Task BuildAsync_LanguageFilter_KeepsNeutralAndChosenLanguagesOnly()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["Patch Tuesday 2026-12"] }, [1033], CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "windows10.0-kb5005565-x64.cab", "ndp-kb5005600-x64-enu.exe" }, plan.Request.Files.Select(f => f.FileName).ToArray());
        Assert.AreEqual(1, plan.FilesSkippedByLanguage);
    }

    [TestMethod]
    public async Task BuildAsync_Required_LeavesOutExpiredAndContentAlreadyInAPackage()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Required = true }, [], CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1001, 1004 }, plan.Request.Files.Select(f => f.ContentId).ToArray());
        Assert.AreEqual(1, plan.ContentsAlreadyInPackages);
    }

    [TestMethod]
    public async Task BuildAsync_SingleUpdatesByKbAndCiId_AreResolved()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Updates = ["KB5004000", "CI:16777301"] }, [], CancellationToken.None);

        CollectionAssert.AreEqual(new uint[] { 1001, 1004 }, plan.Request.Files.Select(f => f.ContentId).ToArray());
    }

    [TestMethod]
    public async Task BuildAsync_ExpiredUpdateNamed_IsLeftOutAndReported()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Updates = ["KB4000000"] }, [], CancellationToken.None);

        Assert.IsEmpty(plan.Request.Files);
        CollectionAssert.AreEqual(new[] { "KB4000000: Expired update (KB4000000)" }, plan.ExpiredUpdates.ToArray());
    }

    [TestMethod]
    public async Task BuildAsync_UnknownGroupAndUpdates_ThrowsNamingEachOne()
    {
        var ex = await Assert.ThrowsExactlyAsync<ContentSelectionException>(() =>
            CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Groups = ["Nope"], Updates = ["KB1234567", "CI:99", "banana"] }, [], CancellationToken.None));

        StringAssert.Contains(ex.Message, "software update group 'Nope'");
        StringAssert.Contains(ex.Message, "update 'KB1234567'");
        StringAssert.Contains(ex.Message, "update 'CI:99'");
        StringAssert.Contains(ex.Message, "update 'banana'");
        Assert.HasCount(4, ex.Unknown);
    }

    [TestMethod]
    public async Task BuildAsync_ContentSharedByTwoUpdates_IsRequestedOnce()
    {
        var site = Site().WithFile(16777302, 1001, "windows10.0-kb5005565-x64.cab", 400_000);

        var plan = await CreateSut(site).BuildAsync("DIS", new ContentSelection { Groups = ["Patch Tuesday 2026-12"] }, [], CancellationToken.None);

        Assert.AreEqual(1, plan.Request.Files.Count(f => f.ContentId == 1001));
    }

    [TestMethod]
    public async Task BuildAsync_Request_SerializesAndReadsBack()
    {
        var plan = await CreateSut(Site()).BuildAsync("DIS", new ContentSelection { Required = true }, [], CancellationToken.None);

        var read = ContentRequestSerializer.Deserialize(ContentRequestSerializer.Serialize(plan.Request), "request.json");

        Assert.AreEqual(plan.Request.RequestId, read.RequestId);
        Assert.HasCount(2, read.Files);
    }
}
