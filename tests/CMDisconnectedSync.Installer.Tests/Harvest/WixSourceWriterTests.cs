using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class WixSourceWriterTests
{
    [TestMethod]
    public void AreaFragment_FileSources_RelativeToTheFragmentFolder()
    {
        using var folder = new TempFolder();
        folder.Write("publish/cmdsync.exe", "exe");
        var harvest = Harvester.Harvest([HarvestSource.FromFolder("Cli", folder.Combine("publish"), "INSTALLFOLDER")]);

        var file = WixSourceWriter.AreaFragment(harvest, "Cli", folder.Combine("wxs")).Descendants(WixSourceWriter.Wix + "File").Single();

        // wixl refuses absolute File/@Source; the WiX Toolset resolves relative ones from its current folder.
        Assert.AreEqual(Path.Combine("..", "publish", "cmdsync.exe"), (string?)file.Attribute("Source"));
        Assert.AreEqual(harvest.Files.Single().FileId, (string?)file.Attribute("Id"));
    }

    [TestMethod]
    public void WriteAll_EarlierBuildLeftAFragment_OnlyThisBuildsSourcesRemain()
    {
        using var folder = new TempFolder();
        var stale = folder.Write("wxs/AppFiles.wxs", "<Wix />");
        folder.Write("publish/cmdsync.exe", "exe");
        var harvest = Harvester.Harvest([HarvestSource.FromFolder("Cli", folder.Combine("publish"), "INSTALLFOLDER")]);

        var written = WixSourceWriter.WriteAll(harvest, ["Cli"], new BuildFacts("1.0.0", Guid.Empty, null), folder.Combine("wxs"));

        Assert.IsFalse(File.Exists(stale));
        CollectionAssert.AreEquivalent(
            new[] { "Directories.wxs", "ApplicationFiles.wxs", "CliFiles.wxs" }, written.Select(Path.GetFileName).ToList());
    }

    [TestMethod]
    public void BuildFactsInclude_NoApp_ShortcutDisabled()
    {
        var include = WixSourceWriter.BuildFactsInclude(new BuildFacts("1.0.0", Guid.Empty, null)).ToString();

        StringAssert.Contains(include, "<?define AppPresent = \"no\"?>");
        StringAssert.Contains(include, "<?define ProductVersion = \"1.0.0\"?>");
    }
}
