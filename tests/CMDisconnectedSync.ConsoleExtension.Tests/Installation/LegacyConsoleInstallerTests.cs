using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.ConsoleExtension.Model;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Installation;

[TestClass]
public sealed class LegacyConsoleInstallerTests
{
    private const string ForeignAction = "XmlStorage/Extensions/Actions/f5445252-da1d-450f-a772-7c3d3cb929fb/RightClickTools.xml";
    private string _root = null!;
    private string _console = null!;
    private string _state = null!;
    private FakeConsoleProcessProbe _probe = null!;

    [TestInitialize]
    public void CreateConsoleFolder()
    {
        _root = TestRepository.NewTempFolder();
        _console = Path.Combine(_root, "AdminConsole");
        _state = Path.Combine(_root, "state");
        Directory.CreateDirectory(Path.Combine(_console, "XmlStorage", "ConsoleRoot"));
        WriteConsoleFile(ForeignAction, "<ActionDescription Class=\"Executable\" DisplayName=\"Someone else's\" />");
        _probe = new FakeConsoleProcessProbe();
    }

    [TestCleanup]
    public void DeleteConsoleFolder() => TestRepository.DeleteFolder(_root);

    private LegacyConsoleInstaller CreateSut() => new(_probe, new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.Zero)));

    private static ConsoleExtensionDefinition Definition(string version = "0.1.0") =>
        ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = version, ExecutablePath = @"E:\Apps\CMDisconnectedSync\CMDisconnectedSync.exe" });

    private string ConsolePath(string relative) => Path.Combine(_console, relative.Replace('/', Path.DirectorySeparatorChar));

    private void WriteConsoleFile(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ConsolePath(relative))!);
        File.WriteAllText(ConsolePath(relative), text);
    }

    [TestMethod]
    public void Install_EmptyConsole_WritesEveryGeneratedFileAndAReceipt()
    {
        var outcome = CreateSut().Install(Definition(), _console, _state);

        var expected = ConsoleExtensionLayout.LegacyFiles(Definition());
        Assert.AreEqual(expected.Count, outcome.Written);
        foreach (var file in expected)
        {
            CollectionAssert.AreEqual(file.Content, File.ReadAllBytes(ConsolePath(file.RelativePath)), file.RelativePath);
        }

        Assert.HasCount(expected.Count, InstallReceipt.Load(_state)!.Files);
        Assert.IsNull(outcome.BackupFolder);
        StringAssert.Contains(File.ReadAllText(ConsolePath(expected[0].RelativePath)), @"E:\Apps\CMDisconnectedSync\CMDisconnectedSync.exe");
    }

    [TestMethod]
    public void Install_OverExistingDifferentFile_BacksItUpFirst()
    {
        var target = ConsoleExtensionLayout.LegacyFiles(Definition())[0].RelativePath;
        WriteConsoleFile(target, "older version");

        var outcome = CreateSut().Install(Definition(), _console, _state);

        Assert.IsNotNull(outcome.BackupFolder);
        Assert.AreEqual("older version", File.ReadAllText(Path.Combine(outcome.BackupFolder!, target.Replace('/', Path.DirectorySeparatorChar))));
    }

    [TestMethod]
    public void Uninstall_FilesTheMsiHadAlreadyInstalledIdentically_StayBecauseTheyWereNeverOurs()
    {
        var files = ConsoleExtensionLayout.LegacyFiles(Definition());
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ConsolePath(file.RelativePath))!);
            File.WriteAllBytes(ConsolePath(file.RelativePath), file.Content);
        }

        var installed = CreateSut().Install(Definition(), _console, _state);
        var outcome = CreateSut().Uninstall(_state);

        Assert.AreEqual((0, files.Count), (installed.Written, installed.Unchanged));
        Assert.AreEqual(0, outcome.Removed);
        Assert.IsTrue(files.All(f => File.Exists(ConsolePath(f.RelativePath))), "the MSI's files must stay");
    }

    [TestMethod]
    public void Uninstall_FileOfSomeoneElseThatInstallOverwrote_IsPutBackAsItWas()
    {
        var target = ConsoleExtensionLayout.LegacyFiles(Definition())[0].RelativePath;
        WriteConsoleFile(target, "the MSI's copy, pointing at C:\\Program Files");
        CreateSut().Install(Definition(), _console, _state);

        var outcome = CreateSut().Uninstall(_state);

        Assert.AreEqual(1, outcome.Restored);
        Assert.AreEqual("the MSI's copy, pointing at C:\\Program Files", File.ReadAllText(ConsolePath(target)));
    }

    [TestMethod]
    public void Uninstall_AfterASecondInstallOverASomeoneElsesFile_StillPutsTheOriginalBack()
    {
        var target = ConsoleExtensionLayout.LegacyFiles(Definition())[0].RelativePath;
        WriteConsoleFile(target, "original");
        CreateSut().Install(Definition(), _console, _state);
        CreateSut().Install(Definition("0.2.0"), _console, _state);

        CreateSut().Uninstall(_state);

        Assert.AreEqual("original", File.ReadAllText(ConsolePath(target)));
    }

    [TestMethod]
    public void Install_SecondTimeUnchanged_WritesNothing()
    {
        CreateSut().Install(Definition(), _console, _state);

        var outcome = CreateSut().Install(Definition(), _console, _state);

        Assert.AreEqual(0, outcome.Written);
        Assert.AreEqual(ConsoleExtensionLayout.LegacyFiles(Definition()).Count, outcome.Unchanged);
    }

    [TestMethod]
    public void Install_WhileConsoleRuns_RefusesAndChangesNothing()
    {
        _probe.StartConsole(4242);

        var ex = Assert.ThrowsExactly<ConsoleRunningException>(() => CreateSut().Install(Definition(), _console, _state));

        StringAssert.Contains(ex.Message, "4242");
        Assert.HasCount(1, Directory.GetFiles(Path.Combine(_console, "XmlStorage"), "*", SearchOption.AllDirectories));
        Assert.IsNull(InstallReceipt.Load(_state));
    }

    [TestMethod]
    public void Uninstall_AfterInstall_RemovesOnlyOurFilesAndFoldersWithBackup()
    {
        CreateSut().Install(Definition(), _console, _state);

        var outcome = CreateSut().Uninstall(_state);

        Assert.AreEqual(ConsoleExtensionLayout.LegacyFiles(Definition()).Count, outcome.Removed);
        Assert.IsTrue(File.Exists(ConsolePath(ForeignAction)), "someone else's action must stay");
        var left = Directory.GetFiles(Path.Combine(_console, "XmlStorage"), "*", SearchOption.AllDirectories);
        CollectionAssert.AreEqual(new[] { ConsolePath(ForeignAction) }, left);
        Assert.IsFalse(Directory.Exists(ConsolePath($"XmlStorage/Extensions/Actions/{ConsoleNodeIds.SoftwareUpdateGroupsNode}")), "folders we created go");
        Assert.IsTrue(Directory.Exists(ConsolePath("XmlStorage/ConsoleRoot")), "folders we did not create stay");
        Assert.HasCount(outcome.Removed, Directory.GetFiles(outcome.BackupFolder!, "*.xml", SearchOption.AllDirectories));
        Assert.IsNull(InstallReceipt.Load(_state));
    }

    [TestMethod]
    public void Uninstall_FileEditedSinceInstall_IsCountedAndBackedUp()
    {
        CreateSut().Install(Definition(), _console, _state);
        var edited = ConsoleExtensionLayout.LegacyFiles(Definition())[2].RelativePath;
        File.AppendAllText(ConsolePath(edited), "<!-- admin edit -->");

        var outcome = CreateSut().Uninstall(_state);

        Assert.AreEqual(1, outcome.ModifiedSinceInstall);
        StringAssert.Contains(File.ReadAllText(Path.Combine(outcome.BackupFolder!, edited.Replace('/', Path.DirectorySeparatorChar))), "admin edit");
    }

    [TestMethod]
    public void Uninstall_WhileConsoleRuns_RefusesAndKeepsFiles()
    {
        CreateSut().Install(Definition(), _console, _state);
        _probe.StartConsole(7);

        Assert.ThrowsExactly<ConsoleRunningException>(() => CreateSut().Uninstall(_state));

        Assert.IsNotNull(InstallReceipt.Load(_state));
        Assert.IsTrue(File.Exists(ConsolePath(ConsoleExtensionLayout.LegacyFiles(Definition())[0].RelativePath)));
    }

    [TestMethod]
    public void Uninstall_NothingInstalled_ThrowsNamingTheStateFolder()
    {
        var ex = Assert.ThrowsExactly<ConsoleExtensionNotInstalledException>(() => CreateSut().Uninstall(_state));

        StringAssert.Contains(ex.Message, _state);
    }

    [TestMethod]
    public void Install_ReceiptNamesAnotherConsole_RefusesAndChangesNothing()
    {
        CreateSut().Install(Definition(), _console, _state);
        var other = Path.Combine(_root, "OtherConsole");
        Directory.CreateDirectory(Path.Combine(other, "XmlStorage"));

        var ex = Assert.ThrowsExactly<ConsoleExtensionInstalledElsewhereException>(() => CreateSut().Install(Definition(), other, _state));

        StringAssert.Contains(ex.Message, _console);
        Assert.IsFalse(Directory.Exists(Path.Combine(other, "XmlStorage", "Extensions")));
    }

    [TestMethod]
    public void Install_FailsMidway_ReceiptStillListsWhatWasWritten()
    {
        var files = ConsoleExtensionLayout.LegacyFiles(Definition());
        // A folder where the fifth file must go makes the write fail after four files.
        Directory.CreateDirectory(ConsolePath(files[4].RelativePath));

        // Linux reports IOException, Windows UnauthorizedAccessException: either is the write failing.
        var ex = Assert.Throws<Exception>(() => CreateSut().Install(Definition(), _console, _state));
        Assert.IsTrue(ex is IOException or UnauthorizedAccessException, ex.ToString());
        var receipt = InstallReceipt.Load(_state)!;
        var uninstall = CreateSut().Uninstall(_state);

        CollectionAssert.AreEqual(files.Take(4).Select(f => f.RelativePath).ToList(), receipt.Files.Select(f => f.RelativePath).ToList());
        Assert.AreEqual(4, uninstall.Removed);
    }

    [TestMethod]
    public void Install_NewerModelWithoutAFile_RemovesTheStaleFile()
    {
        CreateSut().Install(Definition(), _console, _state);
        var receipt = InstallReceipt.Load(_state)!;
        const string Renamed = "XmlStorage/Extensions/Actions/f5445252-da1d-450f-a772-7c3d3cb929fb/05_OldName.xml";
        WriteConsoleFile(Renamed, "<ActionDescription />");
        (receipt with { Files = [.. receipt.Files, new InstalledFile(Renamed, "00")] }).Save(_state);

        var outcome = CreateSut().Install(Definition("0.2.0"), _console, _state);

        Assert.AreEqual(1, outcome.RemovedStale);
        Assert.IsFalse(File.Exists(ConsolePath(Renamed)));
        Assert.IsTrue(File.Exists(ConsolePath(ForeignAction)));
    }
}
