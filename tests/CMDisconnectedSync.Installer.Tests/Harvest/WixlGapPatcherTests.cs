using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class WixlGapPatcherTests
{
    private static readonly string[] ProductSources = [RepositoryRoot.Combine("installer", "Product.wxs")];

    [TestMethod]
    public void FeatureConditions_ProductWxs_ConsoleExtensionDisabledWithoutConsoleOnFirstInstallOnly()
    {
        var condition = WixlGapPatcher.FeatureConditions(ProductSources).Single();

        Assert.AreEqual(
            new FeatureCondition("ConsoleExtension", 0, @"NOT Installed AND (NOT CONSOLEUIPATH OR ProgramFiles64Folder ~<> ""C:\Program Files\"")"),
            condition);
    }

    [TestMethod]
    public void SecureProperties_ProductWxs_ConsoleSearchResultIsSecure()
    {
        CollectionAssert.AreEqual(new[] { "CONSOLEUIPATH" }, WixlGapPatcher.SecureProperties(ProductSources).ToList());
    }

    [TestMethod]
    public void PermanentComponents_ProductWxs_OnlyTheStateFolder()
    {
        CollectionAssert.AreEqual(new[] { "StateFolder" }, WixlGapPatcher.PermanentComponents(ProductSources).ToList());
    }

    [TestMethod]
    public void Patch_ConditionWithSingleQuote_RefusedInsteadOfCorrupted()
    {
        using var folder = new TempFolder();
        var wxs = folder.Write("x.wxs", """
            <Wix xmlns="http://schemas.microsoft.com/wix/2006/wi"><Product><Feature Id="F">
              <Condition Level="0">NOT P = 'x'</Condition></Feature></Product></Wix>
            """);

        var error = Assert.ThrowsExactly<HarvestException>(() => WixlGapPatcher.Patch(folder.Combine("none.msi"), [wxs]));

        StringAssert.Contains(error.Message, "NOT P = 'x'");
    }
}
