using System.Xml.Linq;
using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Msi;

/// <summary>
/// Inspects artifacts/CMDisconnectedSync.msi, the package ./build.sh pack builds from the real build output
/// (./build.sh test packs before testing). A missing MSI fails every test here.
/// </summary>
[TestClass]
public sealed class ShippedMsiTests
{
    /// <summary>The product line's identity; Product.wxs explains why it never changes.</summary>
    private const string UpgradeCode = "{6E3C41B5-8F0A-4B7D-9C52-1D7A0E93F4B8}";

    private static MsiDatabase CreateSut() => new(RepositoryRoot.ShippedMsi);

    private static int Sequence(string value) => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public void Files_ShippedMsi_NonEmptyAndHoldsCmdsyncExe()
    {
        var files = CreateSut().Files();

        Assert.IsNotEmpty(files);
        Assert.AreEqual(1, files.Count(file => file.Location == "INSTALLFOLDER/cmdsync.exe"));
    }

    [TestMethod]
    public void Files_EveryPublishedBinary_InstalledExactlyOnceInTheInstallFolder()
    {
        var publish = RepositoryRoot.Combine("artifacts", "publish");
        Assert.IsTrue(Directory.Exists(publish), $"{publish} is missing: run ./build.sh pack.");
        var expected = Directory.GetDirectories(publish)
            .SelectMany(PublishedLayout.Binaries)
            .Select(path => "INSTALLFOLDER/" + path)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        Assert.IsNotEmpty(expected);

        var locations = CreateSut().Files().Select(file => file.Location).ToList();

        foreach (var binary in expected)
        {
            Assert.AreEqual(1, locations.Count(location => location.Equals(binary, StringComparison.OrdinalIgnoreCase)), binary);
        }
    }

    [TestMethod]
    public void Files_NoDebugSymbolsOrDocumentation_Shipped()
    {
        var names = CreateSut().Files().Select(file => file.InstallPath).ToList();

        Assert.IsFalse(names.Any(name => name.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase)), string.Join(", ", names));
        Assert.DoesNotContain("cmdsync.xml", names);
    }

    [TestMethod]
    public void Files_ConsoleXml_ExactlyTheRepositoryXmlStorageTreeBelowTheConsoleFolder()
    {
        // Empty on a branch without console-xml/; then the MSI must not carry any console file either.
        var expected = PublishedLayout.AllFiles(RepositoryRoot.Combine("console-xml", "XmlStorage"))
            .Select(path => "CONSOLEDIR/XmlStorage/" + path).ToList();

        var actual = CreateSut().Files().Where(file => file.RootDirectoryId == "CONSOLEDIR").Select(file => file.Location).ToList();

        CollectionAssert.AreEquivalent(expected, actual);
    }

    [TestMethod]
    public void Files_ConsoleExtensionCab_InTheInstallFolderExactlyWhenItWasBuilt()
    {
        const string Cab = "CMDisconnectedSync.ConsoleExtension.cab";
        var built = File.Exists(RepositoryRoot.Combine("artifacts", Cab));

        var shipped = CreateSut().Files().Count(file => file.Location == "INSTALLFOLDER/" + Cab);

        Assert.AreEqual(built ? 1 : 0, shipped);
    }

    [TestMethod]
    public void Property_ProductVersion_IsVersionPrefixOfDirectoryBuildProps()
    {
        var versionPrefix = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"))
            .Descendants("VersionPrefix").Single().Value;

        Assert.AreEqual(versionPrefix, CreateSut().Property("ProductVersion"));
    }

    [TestMethod]
    public void Property_UpgradeCode_IsTheFixedProductLineCode()
    {
        var sut = CreateSut();

        Assert.AreEqual(UpgradeCode, sut.Property("UpgradeCode"));
        Assert.AreEqual(UpgradeCode, "{" + InstallerBuild.UpgradeCodeOf(RepositoryRoot.Combine("installer", "Product.wxs")) + "}");
        Assert.IsTrue(sut.Rows("Upgrade").All(row => row[0] == UpgradeCode));
    }

    [TestMethod]
    public void Property_PerMachineInstall_AllUsers()
    {
        Assert.AreEqual("1", CreateSut().Property("ALLUSERS"));
    }

    [TestMethod]
    public void Directory_InstallFolder_IsCMDisconnectedSyncUnderProgramFiles64()
    {
        var row = CreateSut().Rows("Directory").Single(row => row[0] == "INSTALLFOLDER");

        Assert.AreEqual(("ProgramFiles64Folder", "CMDisconnectedSync"), (row[1], row[2]));
    }

    [TestMethod]
    public void Feature_Application_InstallFolderCannotBeChanged()
    {
        // The console actions start the app by the literal C:\Program Files\CMDisconnectedSync path.
        var application = CreateSut().Rows("Feature").Single(row => row[0] == "Application");

        Assert.AreEqual(string.Empty, application[6], "Feature.Directory_ (ConfigurableDirectory) must be empty");
    }

    [TestMethod]
    public void LaunchCondition_NetFramework48_RequiresRelease528040()
    {
        var sut = CreateSut();

        var condition = sut.Rows("LaunchCondition").Single(row => row[0].Contains("NETFRAMEWORK4RELEASE", StringComparison.Ordinal));
        Assert.AreEqual("Installed OR NETFRAMEWORK4RELEASE >= \"#528040\"", condition[0]);
        StringAssert.Contains(condition[1], ".NET Framework 4.8");
        var signature = sut.Rows("AppSearch").Single(row => row[0] == "NETFRAMEWORK4RELEASE")[1];
        var locator = sut.Rows("RegLocator").Single(row => row[0] == signature);
        // Root 2 = HKLM; type 2 = raw, 0x10 = 64-bit view.
        CollectionAssert.AreEqual(
            new[] { signature, "2", @"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release", "18" }, locator);
    }

    [TestMethod]
    public void LaunchCondition_Downgrade_RefusedWithAMessage()
    {
        var sut = CreateSut();

        var downgrade = sut.Rows("LaunchCondition").Single(row => row[0] == "NOT WIX_DOWNGRADE_DETECTED");
        StringAssert.Contains(downgrade[1], "newer version of CMDisconnectedSync");
        CollectionAssert.AreEquivalent(
            new[] { "WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED" }, sut.Rows("Upgrade").Select(row => row[6]).ToList());
    }

    [TestMethod]
    public void InstallExecuteSequence_MajorUpgrade_RemovesTheOldVersionBeforeInstalling()
    {
        var sequence = CreateSut().Rows("InstallExecuteSequence").ToDictionary(row => row[0], row => Sequence(row[2]));

        Assert.IsGreaterThan(sequence["InstallValidate"], sequence["RemoveExistingProducts"]);
        Assert.IsLessThan(sequence["InstallInitialize"], sequence["RemoveExistingProducts"]);
    }

    [TestMethod]
    public void AppSearch_ConsoleFolder_ReadsBothUiInstallationDirectoryValues()
    {
        var sut = CreateSut();
        var signatures = sut.Rows("AppSearch").Where(row => row[0] == "CONSOLEUIPATH").Select(row => row[1]).ToList();

        var locators = sut.Rows("RegLocator").Where(row => signatures.Contains(row[0]))
            .Select(row => (row[1], row[2], row[3], row[4])).ToList();

        // Type 0 = directory (must exist); +0x10 = 64-bit view. ConfigMgr10\Setup is read in the 32-bit view.
        CollectionAssert.AreEquivalent(
            new[]
            {
                ("2", @"SOFTWARE\Microsoft\ConfigMgr10\Setup", "UI Installation Directory", "0"),
                ("2", @"SOFTWARE\Microsoft\SMS\Setup", "UI Installation Directory", "16"),
            },
            locators);
    }

    [TestMethod]
    public void Condition_ConsoleExtensionFeature_DisabledOnFirstInstallWithoutAConsoleOrWhenTheActionsLiteralAppPathCannotHold()
    {
        var sut = CreateSut();

        // "NOT Installed AND": never disabled once installed, or the feature is orphaned at uninstall (Condition table docs).
        CollectionAssert.AreEqual(
            new[] { "ConsoleExtension", "0", "NOT Installed AND (NOT CONSOLEUIPATH OR ProgramFiles64Folder ~<> \"C:\\Program Files\\\")" },
            sut.Rows("Condition").Single());
        CollectionAssert.Contains(sut.Rows("Feature").Select(row => row[0]).ToList(), "ConsoleExtension");
        StringAssert.Contains(sut.Property("SecureCustomProperties"), "CONSOLEUIPATH");
    }

    [TestMethod]
    public void CustomAction_ConsoleDir_RememberedFolderThenSearchResultRightAfterAppSearch()
    {
        var sut = CreateSut();

        // Type 51: set a property from a formatted value. First the remembered folder wins, then CONSOLEDIR follows it.
        CollectionAssert.AreEquivalent(
            new[] { "UseRememberedConsolePath 51 CONSOLEUIPATH [REMEMBEREDCONSOLEUIPATH]", "SetConsoleDirFromSearch 51 CONSOLEDIR [CONSOLEUIPATH]" },
            sut.Rows("CustomAction").Where(row => row[2] is "CONSOLEUIPATH" or "CONSOLEDIR").Select(row => string.Join(' ', row.Take(4))).ToList());
        foreach (var table in new[] { "InstallExecuteSequence", "InstallUISequence" })
        {
            var rows = sut.Rows(table).ToDictionary(row => row[0]);
            Assert.AreEqual(("REMEMBEREDCONSOLEUIPATH", "CONSOLEUIPATH"), (rows["UseRememberedConsolePath"][1], rows["SetConsoleDirFromSearch"][1]), table);
            Assert.IsGreaterThan(Sequence(rows["AppSearch"][2]), Sequence(rows["UseRememberedConsolePath"][2]), table);
            Assert.IsGreaterThan(Sequence(rows["UseRememberedConsolePath"][2]), Sequence(rows["SetConsoleDirFromSearch"][2]), table);
            Assert.IsLessThan(Sequence(rows["CostFinalize"][2]), Sequence(rows["SetConsoleDirFromSearch"][2]), table);
        }
    }

    [TestMethod]
    public void CustomAction_StateFolderAcl_IcaclsFromSystem32AsLocalSystemInTheInstallScript()
    {
        var sut = CreateSut();

        // Custom action types (learn.microsoft.com/windows/win32/msi/custom-action-type-51, …-type-50): 51 sets a
        // property from a formatted value; 50 runs the exe whose full path is in the Source property with Target as its
        // command line. Flags (…/custom-action-in-script-execution-options, …/custom-action-return-processing-options):
        // 0x400 msidbCustomActionTypeInScript (deferred), 0x800 msidbCustomActionTypeNoImpersonate (LocalSystem),
        // 0x40 msidbCustomActionTypeContinue (exit code ignored). 50 + 0x40 + 0x400 + 0x800 = 3186.
        // icacls syntax: learn.microsoft.com/windows-server/administration/windows-commands/icacls. The SIDs and rights
        // are WindowsStateFolderProtection's: S-1-5-18 SYSTEM and S-1-5-32-544 Administrators full control, S-1-5-32-545
        // Users read and execute, all (OI)(CI); owner Administrators; nothing inherited from ProgramData.
        // "[STATEFOLDER]\": the directory value ends in '\', so the doubled backslash keeps the closing quote a quote
        // (under wine the stub icacls logged its argv[1] as C:\ProgramData\CMDisconnectedSync\State\).
        CollectionAssert.AreEquivalent(
            new[]
            {
                "SetIcaclsExe|51|IcaclsExe|[System64Folder]icacls.exe",
                "ProtectStateFolderOwner|3186|IcaclsExe|\"[STATEFOLDER]\\\" /setowner *S-1-5-32-544",
                "ProtectStateFolderDacl|3186|IcaclsExe|\"[STATEFOLDER]\\\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX",
            },
            sut.Rows("CustomAction").Where(row => row[0] == "SetIcaclsExe" || row[2] == "IcaclsExe").Select(row => string.Join('|', row.Take(4))).ToList());
        var directories = sut.Rows("Directory").ToDictionary(row => row[0]);
        Assert.AreEqual(("STATEPARENTFOLDER", "State"), (directories["STATEFOLDER"][1], directories["STATEFOLDER"][2]));
        Assert.AreEqual(("CommonAppDataFolder", "CMDisconnectedSync"), (directories["STATEPARENTFOLDER"][1], directories["STATEPARENTFOLDER"][2]));
    }

    [TestMethod]
    public void InstallExecuteSequence_StateFolderAcl_AfterTheFolderIsMadeBeforeInstallFinalizeNeverOnUninstall()
    {
        var sequence = CreateSut().Rows("InstallExecuteSequence").ToDictionary(row => row[0]);
        int At(string action) => Sequence(sequence[action][2]);

        // Deferred actions run from the script in sequence order; the property must be set before they are scheduled.
        Assert.IsGreaterThan(At("CreateFolders"), At("SetIcaclsExe"));
        Assert.IsGreaterThan(At("InstallFiles"), At("SetIcaclsExe"));
        Assert.IsGreaterThan(At("SetIcaclsExe"), At("ProtectStateFolderOwner"));
        Assert.IsGreaterThan(At("ProtectStateFolderOwner"), At("ProtectStateFolderDacl"));
        Assert.IsLessThan(At("InstallFinalize"), At("ProtectStateFolderDacl"));
        foreach (var action in new[] { "SetIcaclsExe", "ProtectStateFolderOwner", "ProtectStateFolderDacl" })
        {
            // REMOVE is "ALL" on uninstall (learn.microsoft.com/windows/win32/msi/remove); ~= compares case-insensitively.
            Assert.AreEqual("NOT REMOVE~=\"ALL\"", sequence[action][1], action);
        }
    }

    [TestMethod]
    public void Component_StateFolder_PermanentCreateFolderInTheApplicationFeature()
    {
        var sut = CreateSut();

        var component = sut.Rows("Component").Single(row => row[0] == "StateFolder");
        var attributes = int.Parse(component[3], System.Globalization.CultureInfo.InvariantCulture);

        // Component table (learn.microsoft.com/windows/win32/msi/component-table): 0x10 msidbComponentAttributesPermanent,
        // 0x100 msidbComponentAttributes64bit.
        Assert.AreEqual(0x110, attributes);
        Assert.AreEqual("STATEFOLDER", component[2]);
        CollectionAssert.Contains(sut.Rows("CreateFolder").Select(row => (row[0], row[1])).ToList(), ("STATEFOLDER", "StateFolder"));
        Assert.AreEqual("Application", sut.Rows("FeatureComponents").Single(row => row[1] == "StateFolder")[0]);
    }

    [TestMethod]
    public void Registry_ConsoleUiPath_WrittenByTheConsoleFeatureAndReadBackBeforeCosting()
    {
        var sut = CreateSut();

        var value = sut.Rows("Registry").Single(row => row[2] == @"SOFTWARE\CMDisconnectedSync" && row[3] == "ConsoleUiPath");
        Assert.AreEqual("[CONSOLEDIR]", value[4]);
        var featureOf = sut.Rows("FeatureComponents").ToLookup(row => row[1], row => row[0]);
        Assert.AreEqual("ConsoleExtension", featureOf[value[5]].Single());
        var signature = sut.Rows("AppSearch").Single(row => row[0] == "REMEMBEREDCONSOLEUIPATH")[1];
        // Root 2 = HKLM; type 2 = raw, 0x10 = 64-bit view (the component is Win64).
        CollectionAssert.AreEqual(
            new[] { signature, "2", @"SOFTWARE\CMDisconnectedSync", "ConsoleUiPath", "18" }, sut.Rows("RegLocator").Single(row => row[0] == signature));
    }

    [TestMethod]
    public void Feature_Demo_OffByDefaultAndHoldsTheLab()
    {
        var sut = CreateSut();

        var demo = sut.Rows("Feature").Single(row => row[0] == "Demo");
        Assert.IsGreaterThan(1, int.Parse(demo[5], System.Globalization.CultureInfo.InvariantCulture), "Level above INSTALLLEVEL 1");
        var featureOf = sut.Rows("FeatureComponents").ToLookup(row => row[1], row => row[0]);
        var lab = sut.Files().Where(file => file.InstallPath.StartsWith("wsusutil-lab", StringComparison.OrdinalIgnoreCase)
            || file.InstallPath.StartsWith("CMDisconnectedSync.Lab.", StringComparison.OrdinalIgnoreCase)).ToList();
        CollectionAssert.AreEquivalent(
            new[] { "wsusutil-lab.exe", "wsusutil-lab.exe.config", "CMDisconnectedSync.Lab.dll" }, lab.Select(file => file.InstallPath).ToList());
        Assert.IsTrue(lab.All(file => featureOf[file.ComponentId].Single() == "Demo"), string.Join(", ", lab.Select(file => file.InstallPath)));
    }

    [TestMethod]
    public void Registry_Registration_RecordsInstallFolderAndVersion()
    {
        var sut = CreateSut();

        var values = sut.Rows("Registry").Where(row => row[2] == @"SOFTWARE\CMDisconnectedSync")
            .ToDictionary(row => row[3], row => row[4]);

        Assert.AreEqual("[INSTALLFOLDER]", values["InstallFolder"]);
        Assert.AreEqual(sut.Property("ProductVersion"), values["Version"]);
    }

    [TestMethod]
    public void Shortcut_HomeWindow_OnlyWhenTheAppIsShipped()
    {
        var sut = CreateSut();
        var app = sut.Files().SingleOrDefault(file => file.Location == "INSTALLFOLDER/" + InstallerBuild.StatusWindowExe);

        var shortcuts = sut.Rows("Shortcut");

        if (app is null)
        {
            Assert.IsEmpty(shortcuts, "No app in this build, so no shortcut to a missing exe.");
        }
        else
        {
            var shortcut = shortcuts.Single();
            Assert.AreEqual(("ProgramMenuFolder", $"[#{app.FileId}]", "home"), (shortcut[1], shortcut[4], shortcut[5]));
        }
    }

    [TestMethod]
    public void Component_EveryComponent_HasAUniqueGuid()
    {
        var guids = CreateSut().Rows("Component").Select(row => row[1]).ToList();

        Assert.IsTrue(guids.All(guid => Guid.TryParse(guid, out _)), string.Join(", ", guids));
        Assert.HasCount(guids.Count, guids.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
