using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Testing.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class CategoryDiffTests
{
    private static readonly DateTimeOffset TakenAt = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void Compare_NewProductsAndClassification_GroupsThemByClassificationAndProductFamily()
    {
        var before = new FakeSiteBuilder()
            .WithClassification("Security Updates", subscribed: true)
            .WithProduct("Windows 11", subscribed: true, family: "Windows")
            .Build();
        var after = new FakeSiteBuilder()
            .WithClassification("Security Updates", subscribed: true)
            .WithClassification("Feature Packs")
            .WithProduct("Windows 11", subscribed: true, family: "Windows")
            .WithProduct("Windows Server 2025", family: "Windows")
            .WithProduct("Microsoft 365 Apps", family: "Office")
            .WithProduct("Windows 12", family: "Windows")
            .Build();

        var changes = CategoryDiff.Compare(new CategorySnapshot("PS1", TakenAt, before.Categories), after.Categories);

        CollectionAssert.AreEqual(
            new[] { "Classifications: Feature Packs", "Office: Microsoft 365 Apps", "Windows: Windows 12, Windows Server 2025" },
            changes.Groups.Select(g => $"{g.Title}: {string.Join(", ", g.Categories.Select(c => c.Name))}").ToArray());
        CollectionAssert.AreEqual(
            new[] { CategoryGroupKind.Classification, CategoryGroupKind.ProductFamily, CategoryGroupKind.ProductFamily },
            changes.Groups.Select(g => g.Kind).ToArray());
        Assert.HasCount(4, changes.NewCategories);
    }

    [TestMethod]
    public void Compare_NewButNotSubscribable_IsNewButNotOffered()
    {
        var after = new FakeSiteBuilder()
            .WithCompany("Contoso", allowSubscription: false)
            .WithProduct("Windows 12")
            .Build();

        var changes = CategoryDiff.Compare(new CategorySnapshot("PS1", TakenAt, []), after.Categories);

        Assert.HasCount(2, changes.NewCategories);
        CollectionAssert.AreEqual(new[] { "Windows 12" }, changes.Subscribable.Select(c => c.Name).ToArray());
        Assert.AreEqual(CategoryGroupKind.Vendor, changes.Groups[^1].Kind);
    }

    [TestMethod]
    public void Compare_NothingNew_ReturnsNoGroups()
    {
        var site = new FakeSiteBuilder().WithProduct("Windows 11", subscribed: true).Build();

        var changes = CategoryDiff.Compare(new CategorySnapshot("PS1", TakenAt, site.Categories), site.Categories);

        Assert.IsEmpty(changes.NewCategories);
        Assert.IsEmpty(changes.Groups);
    }

    [TestMethod]
    public void Compare_NoSnapshot_TreatsEveryCategoryAsNew()
    {
        var site = new FakeSiteBuilder().WithProduct("Windows 11").WithClassification("Updates").Build();

        var changes = CategoryDiff.Compare(null, site.Categories);

        Assert.HasCount(2, changes.NewCategories);
        Assert.IsNull(changes.Snapshot);
    }
}
