using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Testing.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class CategorySnapshotStoreTests
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-snapshot-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private CategorySnapshotStore CreateSut() => new(Path.Combine(_root, "state"), Serilog.Core.Logger.None);

    private static CategorySnapshot Snapshot(params string[] products)
    {
        var builder = new FakeSiteBuilder().WithClassification("Security Updates", subscribed: true);
        foreach (var product in products)
        {
            builder.WithProduct(product, subscribed: true);
        }

        return new CategorySnapshot("PS1", TakenAt, builder.Build().Categories);
    }

    [TestMethod]
    public async Task SaveAsync_ThenLoadAsync_ReturnsTheSameCategories()
    {
        var sut = CreateSut();
        var snapshot = Snapshot("Windows 11", "Windows Server 2022");

        await sut.SaveAsync(snapshot, CancellationToken.None);
        var loaded = await sut.LoadAsync("PS1", CancellationToken.None);

        Assert.IsNotNull(loaded);
        Assert.AreEqual(TakenAt, loaded.TakenAt);
        Assert.AreEqual("PS1", loaded.SiteCode);
        CollectionAssert.AreEqual(snapshot.Categories.ToList(), loaded.Categories.ToList());
    }

    [TestMethod]
    public async Task SaveAsync_OverAnExistingSnapshot_ReplacesItAndLeavesNoTempFile()
    {
        var sut = CreateSut();
        await sut.SaveAsync(Snapshot("Windows 10"), CancellationToken.None);

        await sut.SaveAsync(Snapshot("Windows 11"), CancellationToken.None);
        var loaded = await sut.LoadAsync("PS1", CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Security Updates", "Windows 11" }, loaded!.Categories.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(
            new[] { "category-snapshot-PS1.json" },
            Directory.GetFiles(Path.Combine(_root, "state")).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task LoadAsync_NoSnapshotYet_ReturnsNull()
    {
        var loaded = await CreateSut().LoadAsync("PS1", CancellationToken.None);

        Assert.IsNull(loaded);
    }

    [TestMethod]
    public async Task LoadAsync_CorruptFile_ThrowsNamingTheFileAndTheFix()
    {
        var sut = CreateSut();
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        await File.WriteAllTextAsync(sut.PathFor("PS1"), "{ not json");

        var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() => sut.LoadAsync("PS1", CancellationToken.None));

        StringAssert.Contains(error.Message, sut.PathFor("PS1"));
        StringAssert.Contains(error.Message, "cmdsync categories snapshot");
    }

    [TestMethod]
    public void PathFor_SiteCodeWithPathCharacters_IsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => CreateSut().PathFor("../x"));
    }
}
