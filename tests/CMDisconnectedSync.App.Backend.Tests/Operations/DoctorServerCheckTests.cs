using System.Text.Json;
using CMDisconnectedSync.App.Backend.Composition;
using CMDisconnectedSync.App.Backend.Operations;
using CMDisconnectedSync.Doctor;
using CMDisconnectedSync.Lab;
using Serilog;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Tests.Operations;

/// <summary>
/// "Check this server" over the real doctor checks on a lab: the lab WSUS servers (setup key derived from their
/// folders, the real lab wsusutil), the lab site, and no ConfigMgr console.
/// </summary>
[TestClass]
public sealed class DoctorServerCheckTests
{
    private static readonly ILogger Logger = new LoggerConfiguration().CreateLogger();
    private static readonly Ui.SiteTarget Site = new(LabEnvironment.DisconnectedServerName, LabEnvironment.SiteCode, null, null);
    private string _folder = null!;
    private LabBackendComposition _lab = null!;

    [TestInitialize]
    public async Task CreateLab()
    {
        _folder = Path.Combine(Path.GetTempPath(), "cmdsync-servercheck-" + Guid.NewGuid().ToString("N"));
        await LabEnvironment.CreateAsync(_folder, LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None);
        _lab = await LabBackendComposition.OpenAsync(_folder, TimeProvider.System, Logger, Path.Combine(_folder, "app.log"), CancellationToken.None);
    }

    [TestCleanup]
    public void DeleteLab() => Directory.Delete(_folder, recursive: true);

    private DoctorServerCheck CreateSut() => _lab.ServerCheck;

    [TestMethod]
    public async Task CheckAsync_LabDisconnectedServer_ConfirmsItsWsusAndSiteAndFindsNoConsole()
    {
        var report = await CreateSut().CheckAsync(Ui.ServerSide.Import, Site, CancellationToken.None);

        Assert.AreEqual(LabEnvironment.DisconnectedServerName, report.Machine);
        Assert.AreEqual(Ui.ServerSide.Import, report.Side);
        var wsus = report.Findings.Where(f => f.Area == "WSUS").ToList();
        Assert.HasCount(13, wsus); // 11 + wsus.wsusutil.tempFolder + wsus.content.fileNames
        // The lab's disconnected WsusContent is empty before the first import: nothing to check the names of yet.
        Assert.AreEqual(Ui.FindingStatus.NotApplicable, Find(report, FieldFacts.WsusContentFileNames).Status);
        var checkable = wsus.Where(f => f.Id != FieldFacts.WsusContentFileNames.Id).ToList();
        Assert.IsTrue(checkable.All(f => f.Status == Ui.FindingStatus.Confirmed), string.Join("; ", checkable.Select(f => $"{f.Id}={f.Status}: {f.Detail}")));
        Assert.AreEqual(_lab.Lab.DisconnectedServer.Root, Find(report, FieldFacts.WsusContentDir).Found);
        Assert.AreEqual(Ui.FindingStatus.Missing, Find(report, FieldFacts.ConsolePath).Status);
        Assert.AreEqual(Ui.FindingStatus.Confirmed, Find(report, FieldFacts.ProviderReachable).Status);
        Assert.AreEqual(Ui.FindingStatus.Confirmed, Find(report, FieldFacts.SyncSource(DoctorSide.Import)).Status);
    }

    [TestMethod]
    public async Task CheckAsync_ExportSide_ChecksTheLabExportServerAgainstTheExportExpectations()
    {
        var report = await CreateSut().CheckAsync(Ui.ServerSide.Export, Site, CancellationToken.None);

        Assert.AreEqual(LabEnvironment.ExportServerName, report.Machine);
        Assert.AreEqual(_lab.Lab.ExportServer.Root, Find(report, FieldFacts.WsusContentDir).Found);
        // The lab's one site is the disconnected one: as an export site its "do not synchronize" source is wrong.
        Assert.AreEqual(Ui.FindingStatus.Differs, Find(report, FieldFacts.SyncSource(DoctorSide.Export)).Status);
    }

    [TestMethod]
    public async Task CheckAsync_LabServerTurnedIntoAReplica_ReportsReplicaModeDiffers()
    {
        var server = _lab.Lab.DisconnectedServer;
        server.SaveSettings(server.LoadSettings() with { IsReplica = true });

        var report = await CreateSut().CheckAsync(Ui.ServerSide.Import, Site, CancellationToken.None);

        Assert.AreEqual(Ui.FindingStatus.Differs, Find(report, FieldFacts.WsusReplica).Status);
    }

    [TestMethod]
    public async Task CheckAsync_Report_CarriesTheCliJsonAndTextRenderingsOfTheSameFindings()
    {
        var report = await CreateSut().CheckAsync(Ui.ServerSide.Import, Site, CancellationToken.None);

        using var json = JsonDocument.Parse(report.JsonReport);
        Assert.AreEqual(LabEnvironment.DisconnectedServerName, json.RootElement.GetProperty("machine").GetString());
        Assert.AreEqual(report.Findings.Count, json.RootElement.GetProperty("findings").GetArrayLength());
        Assert.AreEqual("Missing", json.RootElement.GetProperty("verdict").GetString());
        StringAssert.Contains(report.TextReport, $"{report.Findings.Count} checks: ");
        StringAssert.Contains(report.TextReport, "[Missing] console.path");
    }

    [TestMethod]
    public async Task CheckAsync_SiteServerUnknownToTheProvider_ReportsTheProviderUnreachableAndStillChecksWsus()
    {
        var report = await CreateSut().CheckAsync(Ui.ServerSide.Import, Site with { SiteServer = "CM99.elsewhere.example" }, CancellationToken.None);

        var provider = Find(report, FieldFacts.ProviderReachable);
        Assert.AreEqual(Ui.FindingStatus.Missing, provider.Status);
        StringAssert.Contains(provider.Detail, "CM99.elsewhere.example");
        Assert.AreEqual(Ui.FindingStatus.Confirmed, Find(report, FieldFacts.WsusSetupKey).Status);
    }

    private static Ui.ServerFinding Find(Ui.ServerCheckReport report, FieldFact fact) => report.Findings.Single(f => f.Id == fact.Id);
}
