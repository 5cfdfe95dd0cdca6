using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class HarvesterTests
{
    [TestMethod]
    public void Harvest_NestedFolders_EveryFileOnceWithItsFolderDeclaredOnce()
    {
        using var folder = new TempFolder();
        folder.Write("cli/cmdsync.exe", "exe");
        folder.Write("cli/de/System.CommandLine.resources.dll", "de");
        folder.Write("cli/de/Other.resources.dll", "de2");

        var result = Harvester.Harvest([HarvestSource.FromFolder("Cli", folder.Combine("cli"), "INSTALLFOLDER")]);

        CollectionAssert.AreEquivalent(
            new[] { "cmdsync.exe", "de/Other.resources.dll", "de/System.CommandLine.resources.dll" },
            result.Files.Select(file => file.InstallPath).ToList());
        var de = result.Directories.Single();
        Assert.AreEqual(("INSTALLFOLDER", "de"), (de.ParentId, de.Name));
        Assert.AreEqual(2, result.Files.Count(file => file.DirectoryId == de.Id));
    }

    [TestMethod]
    public void Harvest_TwoAreasShareAnIdenticalFile_ShippedOnceByTheFirstArea()
    {
        using var folder = new TempFolder();
        folder.Write("app/CMDisconnectedSync.Core.dll", "same bytes");
        folder.Write("cli/CMDisconnectedSync.Core.dll", "same bytes");
        folder.Write("cli/cmdsync.exe", "exe");

        var result = Harvester.Harvest(
        [
            HarvestSource.FromFolder("App", folder.Combine("app"), "INSTALLFOLDER"),
            HarvestSource.FromFolder("Cli", folder.Combine("cli"), "INSTALLFOLDER"),
        ]);

        var core = result.Files.Single(file => file.InstallPath == "CMDisconnectedSync.Core.dll");
        Assert.AreEqual("App", core.Area);
        Assert.HasCount(2, result.Files);
    }

    [TestMethod]
    public void Harvest_TwoAreasShipDifferentFilesAtOnePath_FailsNamingBoth()
    {
        using var folder = new TempFolder();
        var app = folder.Write("app/Serilog.dll", "version 4.2");
        var cli = folder.Write("cli/Serilog.dll", "version 4.3");

        var error = Assert.ThrowsExactly<HarvestException>(() => Harvester.Harvest(
        [
            HarvestSource.FromFolder("App", folder.Combine("app"), "INSTALLFOLDER"),
            HarvestSource.FromFolder("Cli", folder.Combine("cli"), "INSTALLFOLDER"),
        ]));

        StringAssert.Contains(error.Message, app);
        StringAssert.Contains(error.Message, cli);
        StringAssert.Contains(error.Message, "Directory.Packages.props");
    }

    [TestMethod]
    public void Harvest_SameLayoutInAnotherFolder_SameIdsAndGuids()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        first.Write("de/x.resources.dll", "one");
        second.Write("de/x.resources.dll", "another build");

        var a = Harvester.Harvest([HarvestSource.FromFolder("Cli", first.Path, "INSTALLFOLDER")]).Files.Single();
        var b = Harvester.Harvest([HarvestSource.FromFolder("Cli", second.Path, "INSTALLFOLDER")]).Files.Single();

        Assert.AreEqual((a.FileId, a.ComponentId, a.ComponentGuid, a.DirectoryId), (b.FileId, b.ComponentId, b.ComponentGuid, b.DirectoryId));
    }

    [TestMethod]
    public void FromFolder_ConsoleXmlFixture_InstalledBelowXmlStorageOnly()
    {
        var consoleXml = RepositoryRoot.ConsoleXmlFixture;

        var source = HarvestSource.FromFolder(
            InstallerBuild.ConsoleXmlArea, Path.Combine(consoleXml, "XmlStorage"), "CONSOLEDIR", "XmlStorage");

        var expected = PublishedLayout.AllFiles(Path.Combine(consoleXml, "XmlStorage")).Select(path => "XmlStorage/" + path).ToList();
        Assert.HasCount(3, expected);
        CollectionAssert.AreEquivalent(expected, source.Files.Select(file => file.InstallPath).ToList());
    }

    [TestMethod]
    public void FromFolder_MissingFolder_FailsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cmdsync-no-such-publish-folder");

        var error = Assert.ThrowsExactly<HarvestException>(() => HarvestSource.FromFolder("Cli", missing, "INSTALLFOLDER"));

        StringAssert.Contains(error.Message, missing);
    }

    [TestMethod]
    public void FromOptionalFile_MissingCab_EmptyArea()
    {
        var source = HarvestSource.FromOptionalFile("ConsoleExtensionCab", "/no/such/CMDisconnectedSync.ConsoleExtension.cab", "INSTALLFOLDER");

        Assert.IsEmpty(source.Files);
    }
}
