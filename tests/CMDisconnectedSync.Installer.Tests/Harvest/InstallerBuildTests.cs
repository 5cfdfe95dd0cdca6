using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

/// <summary>
/// Builds real MSIs with wixl (the path build.sh uses) from a small stand-in build output: an app and a CLI that share
/// a library, the console-XML fixture and a cab. Each test builds into its own temp folder.
/// </summary>
[TestClass]
public sealed class InstallerBuildTests
{
    private static MsiDatabase Build(TempFolder folder, string version, string name)
    {
        if (!Directory.Exists(folder.Combine("app")))
        {
            folder.Write("app/CMDisconnectedSync.exe", "app");
            folder.Write("app/CMDisconnectedSync.Core.dll", "core");
            folder.Write("app/CMDisconnectedSync.pdb", "symbols");
            folder.Write("cli/cmdsync.exe", "cli");
            folder.Write("cli/cmdsync.exe.config", "<configuration />");
            folder.Write("cli/CMDisconnectedSync.Core.dll", "core");
            folder.Write("cli/de/System.CommandLine.resources.dll", "de");
            folder.Write("cab/CMDisconnectedSync.ConsoleExtension.cab", "MSCF");
        }

        var msi = folder.Combine(name);
        InstallerBuild.Build(new MsiBuildRequest(
            RepositoryRoot.Combine("installer"),
            folder.Combine("work-" + name),
            msi,
            version,
            [new PublishedArea("App", folder.Combine("app")), new PublishedArea("Cli", folder.Combine("cli"))],
            RepositoryRoot.ConsoleXmlFixture,
            folder.Combine("cab", "CMDisconnectedSync.ConsoleExtension.cab")));
        return new MsiDatabase(msi);
    }

    [TestMethod]
    public void Build_TwoVersions_SameUpgradeCodeNewProductCodeStableComponents()
    {
        using var folder = new TempFolder();

        var first = Build(folder, "1.2.3", "first.msi");
        var second = Build(folder, "1.3.0", "second.msi");

        Assert.AreEqual(("1.2.3", "1.3.0"), (first.Property("ProductVersion"), second.Property("ProductVersion")));
        Assert.AreEqual(first.Property("UpgradeCode"), second.Property("UpgradeCode"));
        Assert.AreNotEqual(first.Property("ProductCode"), second.Property("ProductCode"));
        CollectionAssert.AreEquivalent(
            first.Rows("Component").Select(row => row[0] + " " + row[1]).ToList(),
            second.Rows("Component").Select(row => row[0] + " " + row[1]).ToList());
    }

    [TestMethod]
    public void Build_SameVersionTwice_SameProductCode()
    {
        using var folder = new TempFolder();

        var first = Build(folder, "2.0.0", "first.msi");
        var again = Build(folder, "2.0.0", "again.msi");

        Assert.AreEqual(first.Property("ProductCode"), again.Property("ProductCode"));
    }

    [TestMethod]
    public void Build_ConsoleXmlFixture_EveryXmlStorageFileOnceBelowTheConsoleFolder()
    {
        using var folder = new TempFolder();

        var files = Build(folder, "1.0.0", "console.msi").Files();

        var expected = PublishedLayout.AllFiles(Path.Combine(RepositoryRoot.ConsoleXmlFixture, "XmlStorage"))
            .Select(path => "CONSOLEDIR/XmlStorage/" + path).ToList();
        Assert.HasCount(3, expected);
        CollectionAssert.AreEquivalent(expected, files.Where(file => file.RootDirectoryId == "CONSOLEDIR").Select(file => file.Location).ToList());
        Assert.IsFalse(files.Any(file => file.InstallPath.EndsWith("manifest.xml", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Build_ConsoleXml_InTheConsoleExtensionFeatureOnly()
    {
        using var folder = new TempFolder();

        var msi = Build(folder, "1.0.0", "features.msi");

        var consoleComponents = msi.Files().Where(file => file.RootDirectoryId == "CONSOLEDIR").Select(file => file.ComponentId).ToHashSet();
        var featureOf = msi.Rows("FeatureComponents").ToLookup(row => row[1], row => row[0]);
        Assert.IsTrue(consoleComponents.All(component => featureOf[component].Single() == "ConsoleExtension"));
        Assert.IsTrue(msi.Files().Where(file => file.RootDirectoryId == "INSTALLFOLDER")
            .All(file => featureOf[file.ComponentId].Single() == "Application"));
    }

    [TestMethod]
    public void Build_AppAndCliShareALibrary_ItIsShippedOnce()
    {
        using var folder = new TempFolder();

        var locations = Build(folder, "1.0.0", "shared.msi").Files().Select(file => file.Location).ToList();

        Assert.AreEqual(1, locations.Count(location => location == "INSTALLFOLDER/CMDisconnectedSync.Core.dll"));
        CollectionAssert.IsSubsetOf(
            new[]
            {
                "INSTALLFOLDER/CMDisconnectedSync.exe", "INSTALLFOLDER/cmdsync.exe", "INSTALLFOLDER/cmdsync.exe.config",
                "INSTALLFOLDER/de/System.CommandLine.resources.dll", "INSTALLFOLDER/CMDisconnectedSync.ConsoleExtension.cab",
            },
            locations);
        CollectionAssert.DoesNotContain(locations, "INSTALLFOLDER/CMDisconnectedSync.pdb");
    }

    [TestMethod]
    public void Build_DemoAssemblies_TheirFilesOnlyInTheDemoFeature()
    {
        using var folder = new TempFolder();
        folder.Write("app/CMDisconnectedSync.exe", "app");
        folder.Write("app/wsusutil-lab.exe", "lab");
        folder.Write("app/CMDisconnectedSync.Lab.dll", "lab library");
        folder.Write("cli/cmdsync.exe", "cli");
        folder.Write("cli/wsusutil-lab.exe", "lab");
        folder.Write("cli/wsusutil-lab.exe.config", "<configuration />");
        folder.Write("cli/CMDisconnectedSync.Lab.dll", "lab library");

        var msi = folder.Combine("demo.msi");
        InstallerBuild.Build(new MsiBuildRequest(
            RepositoryRoot.Combine("installer"), folder.Combine("work"), msi, "1.0.0",
            [new PublishedArea("App", folder.Combine("app")), new PublishedArea("Cli", folder.Combine("cli"))],
            ConsoleXmlFolder: null, ConsoleExtensionCab: null, DemoAssemblies: ["wsusutil-lab", "CMDisconnectedSync.Lab"]));

        var database = new MsiDatabase(msi);
        var featureOf = database.Rows("FeatureComponents").ToDictionary(row => row[1], row => row[0]);
        var byFeature = database.Files().ToLookup(file => featureOf[file.ComponentId], file => file.InstallPath);
        CollectionAssert.AreEquivalent(new[] { "wsusutil-lab.exe", "wsusutil-lab.exe.config", "CMDisconnectedSync.Lab.dll" }, byFeature["Demo"].ToList());
        CollectionAssert.AreEquivalent(new[] { "CMDisconnectedSync.exe", "cmdsync.exe" }, byFeature["Application"].ToList());
    }

    [TestMethod]
    public void Build_WithTheApp_StartMenuShortcutOpensTheHomeWindow()
    {
        using var folder = new TempFolder();

        var msi = Build(folder, "1.0.0", "shortcut.msi");

        var app = msi.Files().Single(file => file.Location == "INSTALLFOLDER/CMDisconnectedSync.exe");
        var shortcut = msi.Rows("Shortcut").Single();
        Assert.AreEqual(("ProgramMenuFolder", "CMDisconnectedSync", $"[#{app.FileId}]", "home"), (shortcut[1], shortcut[2], shortcut[4], shortcut[5]));
    }

    [TestMethod]
    public void Build_VersionThatMsiCannotHold_FailsNamingDirectoryBuildProps()
    {
        using var folder = new TempFolder();

        var error = Assert.ThrowsExactly<HarvestException>(() => Build(folder, "1.0.0-beta", "bad.msi"));

        StringAssert.Contains(error.Message, "VersionPrefix");
    }
}
