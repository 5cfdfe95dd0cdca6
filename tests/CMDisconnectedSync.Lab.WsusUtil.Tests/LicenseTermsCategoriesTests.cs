using CMDisconnectedSync.Lab.WsusUtil;

namespace CMDisconnectedSync.Lab.WsusUtil.Tests;

[TestClass]
public sealed class LicenseTermsCategoriesTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-labcategories-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private void WriteLicenseTerms(string name, string product, string classification) =>
        File.WriteAllLines(Path.Combine(_folder, name),
            ["MICROSOFT SOFTWARE LICENSE TERMS (lab sample)", "Company: Microsoft", "Product family: Windows", "Product: " + product, "Classification: " + classification]);

    [TestMethod]
    public void Read_TwoFilesSharingAFamily_OneCategoryEachWithParentsLinked()
    {
        WriteLicenseTerms("a.txt", "Windows 11", "Security Updates");
        WriteLicenseTerms("b.txt", "Windows Server 2022", "Security Updates");
        File.WriteAllBytes(Path.Combine(_folder, "payload.cab"), [1, 2, 3]);

        var categories = LicenseTermsCategories.Read(_folder);

        Assert.HasCount(5, categories);
        var family = categories.Single(c => c.Type == "ProductFamily");
        Assert.AreEqual(family.UniqueId, categories.Single(c => c.Name == "Windows 11").ParentUniqueId);
        Assert.AreEqual(categories.Single(c => c.Type == "Company").UniqueId, family.ParentUniqueId);
    }

    [TestMethod]
    public void UniqueId_SameTypeAndName_SameIdEveryTimeInConfigMgrForm()
    {
        var id = LicenseTermsCategories.UniqueId("Product", "Windows 11");

        Assert.AreEqual(id, LicenseTermsCategories.UniqueId("Product", "Windows 11"));
        Assert.AreNotEqual(id, LicenseTermsCategories.UniqueId("UpdateClassification", "Windows 11"));
        StringAssert.StartsWith(id, "Product:");
        Assert.IsTrue(Guid.TryParse(id.AsSpan("Product:".Length), out _));
    }

    [TestMethod]
    public void WriteThenReadPackage_WithCategories_RoundTripsThem()
    {
        var package = Path.Combine(_folder, "p.xml.gz");
        var categories = new[] { new PackageCategory("Product:1", "Product", "Windows 11", "ProductFamily:2"), new PackageCategory("ProductFamily:2", "ProductFamily", "Windows", null) };

        MetadataPackage.Write(package, [new PackageEntry("0A/a.cab", 1)], categories, DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(categories, MetadataPackage.ReadPackage(package).Categories.ToArray());
    }

    [TestMethod]
    public void Merge_SecondImport_KeepsEarlierCategoriesAndAddsNewOnes()
    {
        var table = Path.Combine(_folder, "db.categories");
        CategoryTable.Merge(table, [new PackageCategory("Product:1", "Product", "Windows 11", null)]);

        var count = CategoryTable.Merge(table, [new PackageCategory("Product:1", "Product", "Windows 11", null), new PackageCategory("UpdateClassification:3", "UpdateClassification", "Upgrades", null)]);

        Assert.AreEqual(2, count);
        CollectionAssert.AreEqual(new[] { "Product:1\tProduct\tWindows 11\t", "UpdateClassification:3\tUpdateClassification\tUpgrades\t" }, File.ReadAllLines(table));
    }
}
