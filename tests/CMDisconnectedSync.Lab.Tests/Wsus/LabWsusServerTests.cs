using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab.Tests.TestSupport;
using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Lab.Tests.Wsus;

[TestClass]
public sealed class LabWsusServerTests
{
    private LabScenario _scenario = null!;

    [TestInitialize]
    public async Task CreateLab() => _scenario = await LabScenario.CreateAsync();

    [TestCleanup]
    public void DeleteLab() => _scenario.Dispose();

    private LabWsusServer CreateSut() => _scenario.ExportServer();

    [TestMethod]
    public void LocateInstallation_LabServer_PointsAtItsWsusContentAndTheLabWsusUtil()
    {
        var lookup = CreateSut().LocateInstallation();

        Assert.IsTrue(lookup.IsInstalled, lookup.Problem);
        Assert.AreEqual(_scenario.Lab.ExportServer.ContentDirectory, lookup.Installation!.ContentDirectory);
        Assert.IsTrue(lookup.Installation.WsusUtilExists);
    }

    [TestMethod]
    public void LocateInstallation_ContentFolderDeleted_SaysNotInstalledNamingTheFolder()
    {
        Directory.Delete(_scenario.Lab.ExportServer.ContentDirectory, recursive: true);

        var lookup = CreateSut().LocateInstallation();

        Assert.IsFalse(lookup.IsInstalled);
        StringAssert.Contains(lookup.Problem, _scenario.Lab.ExportServer.Root);
    }

    [TestMethod]
    public async Task GetStatusAsync_SettingsChanged_ReportsTheSettingsFile()
    {
        var settings = _scenario.Lab.ExportServer.LoadSettings();
        _scenario.Lab.ExportServer.SaveSettings(settings with { Languages = ["en", "de"], ExpressFiles = true, IsReplica = true, IsSynchronizing = true });

        var status = await CreateSut().GetStatusAsync(CancellationToken.None);

        Assert.AreEqual("de, en", status.Settings.DescribeLanguages());
        Assert.IsTrue(status.Settings.ExpressFiles);
        Assert.IsTrue(status.Settings.IsReplica);
        Assert.IsTrue(status.IsSynchronizing);
        Assert.AreEqual(SynchronizationOutcome.Succeeded, status.LastSynchronization.Outcome);
    }

    [TestMethod]
    public async Task GetStatusAsync_SettingsFileCorrupt_ThrowsWsusQueryExceptionNamingTheFile()
    {
        File.WriteAllText(_scenario.Lab.ExportServer.SettingsPath, "{ not json");

        var exception = await Assert.ThrowsExactlyAsync<WsusQueryException>(() => CreateSut().GetStatusAsync(CancellationToken.None));

        StringAssert.Contains(exception.Message, _scenario.Lab.ExportServer.SettingsPath);
    }

    [TestMethod]
    public async Task ExportThenImport_RealLabWsusUtil_RecordsEveryFileAndTheContentCategories()
    {
        var result = await _scenario.TransferAsync();

        Assert.IsTrue(result.Succeeded, result.Message);
        var database = new LabWsusDatabase(_scenario.Lab.DisconnectedServer.DatabasePath);
        var exported = Directory.GetFiles(_scenario.Lab.ExportServer.ContentDirectory, "*", SearchOption.AllDirectories).Length;
        Assert.HasCount(exported, database.ReadFiles());
        var categories = database.ReadCategories();
        // Tiny has 4 license-terms files, one per initial catalog entry: 4 products, 4 classifications, 2 families, 1 company.
        Assert.HasCount(4, categories.Where(c => c.Type == UpdateCategoryType.Product).ToList());
        Assert.HasCount(4, categories.Where(c => c.Type == UpdateCategoryType.Classification).ToList());
        var windows11 = categories.Single(c => c.Name == "Windows 11");
        Assert.AreEqual("Windows", windows11.ProductFamily);
        StringAssert.StartsWith(windows11.UniqueId, "Product:");
        Assert.IsFalse(categories.Single(c => c.Type == UpdateCategoryType.Company).AllowSubscription);
    }

    [TestMethod]
    public async Task ExportMetadataAsync_ErrorLineCued_FailsUnderTheRunnersLogRule()
    {
        File.WriteAllText(Path.Combine(_scenario.Lab.MediaFolder, "wsusutil-lab.fault"), "error-line");
        var names = WsusMetadataFileNames.CreateUnique(_scenario.Lab.MediaFolder, "lab", TimeProvider.System);

        var result = await CreateSut().ExportMetadataAsync(names.PackagePath, names.LogPath, CancellationToken.None);

        Assert.AreEqual(WsusUtilFailure.ErrorLinesInLog, result.Failure);
    }

    [TestMethod]
    public void Locate_FolderWithoutTheProgram_ThrowsNamingTheFolderAndTheFix()
    {
        var exception = Assert.ThrowsExactly<FileNotFoundException>(() => LabWsusUtilProgram.Locate(_scenario.Lab.MediaFolder));

        StringAssert.Contains(exception.Message, _scenario.Lab.MediaFolder);
        StringAssert.Contains(exception.Message, "build.sh demo");
    }
}
