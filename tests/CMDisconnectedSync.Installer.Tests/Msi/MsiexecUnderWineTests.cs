using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Msi;

/// <summary>
/// Installs, upgrades, modifies and uninstalls the MSI with a real Windows Installer engine: Debian's wine msiexec in a
/// private prefix (see <see cref="WinePrefix"/>). These are the admin's command lines from installer/README.md.
/// The 0.1.0/0.2.0 packages are built here with msi-harvest + wixl from the real installer/Product.wxs and the real
/// console-xml/XmlStorage tree, with a small stand-in app payload (whose bytes name the version); the
/// shipped artifacts/CMDisconnectedSync.msi (./build.sh pack) is installed as is for the feature test.
/// The launch condition needs .NET Framework 4.8 (HKLM\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full, Release
/// &gt;= 528040), which a fresh wine prefix lacks: the prefix gets Release = 528040, the value Microsoft lists for
/// .NET Framework 4.8 (learn.microsoft.com/dotnet/framework/install/how-to-determine-which-versions-are-installed, dotnet/docs
/// docs/framework/install/how-to-determine-which-versions-are-installed.md: "On Windows 10 May 2019 Update ...: 528040").
/// Methods run one after another (the class shares one prefix); each leaves the machine as it found it.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class MsiexecUnderWineTests
{
    private const string ConsoleFolder = @"C:\Console\AdminConsole\";
    private const string InstallFolder = @"C:\Program Files\CMDisconnectedSync";
    private const string ProductKey = @"SOFTWARE\CMDisconnectedSync";
    private const string StateFolder = @"C:\ProgramData\CMDisconnectedSync\State";

    /// <summary>Another vendor's action in one of our node folders, and the console's own file: never ours to remove.</summary>
    private const string ForeignAction = @"XmlStorage\Extensions\Actions\23e7a3fe-b0f0-4b24-813a-dc425239f9a2\OtherVendor.Action.xml";
    private const string ConsoleOwnFile = @"bin\Microsoft.ConfigurationManagement.exe";

    private static WinePrefix? wine;
    private static TempFolder? packages;
    private static string version01Msi = string.Empty;
    private static string version02Msi = string.Empty;
    private static string? shippedMsi;

    private static WinePrefix Wine => wine ?? throw new InvalidOperationException("ClassInitialize did not run.");

    [ClassInitialize]
    public static void CreatePrefixAndPackages(TestContext context)
    {
        packages = new TempFolder();
        version01Msi = BuildStandIn(packages, "0.1.0");
        version02Msi = BuildStandIn(packages, "0.2.0");
        wine = WinePrefix.Create();
        Wine.SetDword(@"SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full", "Release", 528040);
        version01Msi = Wine.CopyIn(version01Msi);
        version02Msi = Wine.CopyIn(version02Msi);
    }

    [ClassCleanup]
    public static void DeletePrefix()
    {
        wine?.Dispose();
        packages?.Dispose();
    }

    [TestInitialize]
    public void CreateConsole()
    {
        // A console folder no search finds: the admin names it with CONSOLEUIPATH, the case that stranded files.
        Write(ConsoleFolder + ConsoleOwnFile, "console");
        Write(ConsoleFolder + ForeignAction, "<ActionDescription />");
    }

    public TestContext TestContext { get; set; } = null!;

    /// <summary>After a failed test: remove whatever it left installed, so the next test starts from a clean machine.
    /// A passed test has already proved the machine clean (every test ends with <see cref="AssertNothingOfOursLeft"/>).</summary>
    [TestCleanup]
    public void RemoveLeftovers()
    {
        if (TestContext.CurrentTestOutcome != UnitTestOutcome.Passed
            && (Directory.Exists(Wine.HostPath(InstallFolder)) || Wine.RegistryValues(ProductKey) is not null))
        {
            foreach (var msi in new[] { version02Msi, version01Msi, shippedMsi }.OfType<string>())
            {
                Console.WriteLine($"cleanup: msiexec /x {msi} returned {Wine.MsiexecUnchecked("/x", msi)}");
            }
        }

        Directory.Delete(Wine.HostPath(ConsoleFolder), recursive: true);
    }

    [TestMethod]
    public void Uninstall_InstalledWithConsoleUiPathOnTheCommandLine_RemovesEveryFileOfOursWithoutTheProperty()
    {
        Wine.Msiexec("/i", version01Msi, "CONSOLEUIPATH=" + ConsoleFolder);
        CollectionAssert.AreEquivalent(RepositoryConsoleXml(), InstalledConsoleXml());
        Assert.AreEqual(ConsoleFolder, Wine.RegistryValues(ProductKey)?.GetValueOrDefault("ConsoleUiPath"));
        Assert.HasCount(1, StatusShortcuts());

        Wine.Msiexec("/x", version01Msi);

        AssertNothingOfOursLeft();
    }

    /// <summary>
    /// The state folder is made and both icacls runs are started from the install script; it outlives the uninstall.
    /// Wine's icacls.exe is a stub (Debian wine 8.0: "fixme:icacls:main This is dummy icacls, not performing ACL
    /// manipulations", exit code 0), so the ACL itself cannot be observed here: the action rows and their command lines
    /// are checked in <see cref="ShippedMsiTests"/>, the DACL on a real server by `cmdsync doctor` (state.folder.acl).
    /// What this proves: the engine sequences and runs the actions (wine logs a failing or skipped action), and the
    /// install does not depend on what icacls returns (Return="ignore").
    /// </summary>
    [TestMethod]
    public void Install_StateFolder_CreatedProtectedByIcaclsAndKeptByTheUninstall()
    {
        // An earlier test's install left it (Permanent): start without it, so this install has to make it.
        if (Directory.Exists(Wine.HostPath(StateFolder)))
        {
            Directory.Delete(Wine.HostPath(StateFolder), recursive: true);
        }

        var install = Wine.Msiexec("/i", version01Msi);

        Assert.IsTrue(Directory.Exists(Wine.HostPath(StateFolder)), $"{StateFolder} was not created.");
        StringAssert.Contains(install, @"Property(S): IcaclsExe = C:\windows\system32\icacls.exe");
        foreach (var action in new[] { "SetIcaclsExe", "ProtectStateFolderOwner", "ProtectStateFolderDacl" })
        {
            StringAssert.Matches(install, new System.Text.RegularExpressions.Regex($@"Action ended [0-9:]+: {action}\. Return value 1\."), action);
        }

        var uninstall = Wine.Msiexec("/x", version01Msi);

        Assert.IsTrue(Directory.Exists(Wine.HostPath(StateFolder)), $"{StateFolder} must survive the uninstall (Permanent).");
        Assert.DoesNotContain("ProtectStateFolder", uninstall, "the icacls actions ran on uninstall (condition NOT REMOVE~=\"ALL\")");
        AssertNothingOfOursLeft();
    }

    [TestMethod]
    public void Upgrade_From01To02WithoutTheProperty_ConsoleActionsStayAndUninstallRemovesEverything()
    {
        Wine.Msiexec("/i", version01Msi, "CONSOLEUIPATH=" + ConsoleFolder);

        Wine.Msiexec("/i", version02Msi);

        CollectionAssert.AreEquivalent(RepositoryConsoleXml(), InstalledConsoleXml());
        var values = Wine.RegistryValues(ProductKey);
        Assert.AreEqual(("0.2.0", ConsoleFolder), (values?.GetValueOrDefault("Version"), values?.GetValueOrDefault("ConsoleUiPath")));
        Assert.AreEqual("cmdsync 0.2.0", File.ReadAllText(Wine.HostPath(InstallFolder + @"\cmdsync.exe")));
        Wine.Msiexec("/x", version02Msi);
        AssertNothingOfOursLeft();
    }

    [TestMethod]
    public void RemoveConsoleExtension_OnTheInstalledProduct_RemovesTheConsoleFilesAndKeepsTheApp()
    {
        Wine.Msiexec("/i", version02Msi, "CONSOLEUIPATH=" + ConsoleFolder);

        Wine.Msiexec("/i", version02Msi, "REMOVE=ConsoleExtension");

        Assert.IsEmpty(InstalledConsoleXml());
        Assert.IsTrue(File.Exists(Wine.HostPath(InstallFolder + @"\cmdsync.exe")));
        var values = Wine.RegistryValues(ProductKey);
        Assert.IsNotNull(values);
        Assert.IsFalse(values.ContainsKey("ConsoleUiPath"), string.Join(", ", values.Keys));
        Wine.Msiexec("/x", version02Msi);
        AssertNothingOfOursLeft();
    }

    [TestMethod]
    public void Install_ShippedMsiDefault_NoDemoLabUntilAddLocalDemo()
    {
        var shipped = shippedMsi = Wine.CopyIn(new MsiDatabase(RepositoryRoot.ShippedMsi).Path);

        Wine.Msiexec("/i", shipped);

        var installed = Directory.GetFiles(Wine.HostPath(InstallFolder)).Select(Path.GetFileName).ToList();
        CollectionAssert.Contains(installed, "cmdsync.exe");
        CollectionAssert.Contains(installed, "CMDisconnectedSync.exe");
        Assert.IsFalse(installed.Any(name => name!.StartsWith("wsusutil-lab", StringComparison.OrdinalIgnoreCase)), string.Join(", ", installed));
        CollectionAssert.DoesNotContain(installed, "CMDisconnectedSync.Lab.dll");

        Wine.Msiexec("/i", shipped, "ADDLOCAL=Demo");
        CollectionAssert.IsSubsetOf(
            new[] { "wsusutil-lab.exe", "wsusutil-lab.exe.config", "CMDisconnectedSync.Lab.dll" },
            Directory.GetFiles(Wine.HostPath(InstallFolder)).Select(Path.GetFileName).ToList());
        Wine.Msiexec("/x", shipped);
        AssertNothingOfOursLeft();
    }

    /// <summary>The app folder, every console XML of ours, the Start-menu shortcut and HKLM\SOFTWARE\CMDisconnectedSync
    /// are gone; the console's own file and the other vendor's action are still there. The one thing of ours that stays
    /// is %ProgramData%\CMDisconnectedSync holding only the State folder: its component is Permanent because the state
    /// (trusted signers, last accepted sequence) must survive an uninstall and reinstall, or an old bundle would be
    /// accepted again. Nothing here writes state, so it must be empty.</summary>
    private static void AssertNothingOfOursLeft()
    {
        var programData = Path.GetDirectoryName(Wine.HostPath(StateFolder))!;
        if (Directory.Exists(programData))
        {
            CollectionAssert.AreEqual(new[] { Wine.HostPath(StateFolder) }, Directory.GetFileSystemEntries(programData), "only the State folder may stay");
            Assert.IsEmpty(Directory.GetFileSystemEntries(Wine.HostPath(StateFolder)), $"{StateFolder} holds files the MSI should not have put there");
        }

        Assert.IsFalse(Directory.Exists(Wine.HostPath(InstallFolder)), $"{InstallFolder} is still there.");
        Assert.IsEmpty(InstalledConsoleXml(), "console XML left behind");
        Assert.IsEmpty(StatusShortcuts(), "Start-menu shortcut left behind");
        Assert.IsNull(Wine.RegistryValues(ProductKey), $@"HKLM\{ProductKey} (64-bit view) left behind");
        Assert.IsNull(Wine.RegistryValues(ProductKey, wow64: true), $@"HKLM\{ProductKey} (32-bit view) left behind");
        Assert.IsTrue(File.Exists(Wine.HostPath(ConsoleFolder + ConsoleOwnFile)), "the console's own file was removed");
        Assert.IsTrue(File.Exists(Wine.HostPath(ConsoleFolder + ForeignAction)), "another vendor's action was removed");
    }

    /// <summary>The Start-menu shortcut wherever the engine put it (ProgramData on Windows; wine uses the user's folder).</summary>
    private static List<string> StatusShortcuts() =>
        Directory.EnumerateFiles(Wine.DriveC, "CMDisconnectedSync.lnk", SearchOption.AllDirectories).ToList();

    /// <summary>Our console XML below the console folder, '/' separated, relative to it.</summary>
    private static List<string> InstalledConsoleXml()
    {
        var folder = Wine.HostPath(ConsoleFolder);
        var foreign = ForeignAction.Replace('\\', '/');
        return PublishedLayout.AllFiles(Path.Combine(folder, "XmlStorage"))
            .Select(path => "XmlStorage/" + path)
            .Where(path => path != foreign)
            .ToList();
    }

    private static List<string> RepositoryConsoleXml()
    {
        var expected = PublishedLayout.AllFiles(RepositoryRoot.Combine("console-xml", "XmlStorage")).Select(path => "XmlStorage/" + path).ToList();
        Assert.IsNotEmpty(expected, "console-xml/XmlStorage is empty: nothing to install into the console.");
        return expected;
    }

    private static void Write(string windowsPath, string content)
    {
        var path = Wine.HostPath(windowsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The real Product.wxs and console XML with a stand-in app and CLI whose bytes name the version.</summary>
    private static string BuildStandIn(TempFolder folder, string version)
    {
        folder.Write($"{version}/app/CMDisconnectedSync.exe", "app " + version);
        folder.Write($"{version}/app/CMDisconnectedSync.Core.dll", "core " + version);
        folder.Write($"{version}/cli/cmdsync.exe", "cmdsync " + version);
        folder.Write($"{version}/cli/CMDisconnectedSync.Core.dll", "core " + version);
        folder.Write($"{version}/cli/wsusutil-lab.exe", "lab " + version);
        var msi = folder.Combine($"CMDisconnectedSync-{version}.msi");
        InstallerBuild.Build(new MsiBuildRequest(
            RepositoryRoot.Combine("installer"),
            folder.Combine(version, "work"),
            msi,
            version,
            [new PublishedArea("App", folder.Combine(version, "app")), new PublishedArea("Cli", folder.Combine(version, "cli"))],
            RepositoryRoot.Combine("console-xml"),
            ConsoleExtensionCab: null,
            DemoAssemblies: ["wsusutil-lab"]));
        return msi;
    }
}
