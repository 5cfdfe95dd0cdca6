using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class WsusSettingsCheckTests
{
    private static WsusSettingsCheck CreateSut(FakeWsus wsus, DoctorSide side = DoctorSide.Import) => new(wsus, side);

    [TestMethod]
    public async Task RunAsync_ImportServerNotAReplica_ConfirmsAndReportsTheSettingsFound()
    {
        var findings = await CreateSut(FakeWsus.Installed(express: true, languages: ["de", "en"])).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WsusLanguages).Status);
        Assert.AreEqual("de, en", findings.Of(FieldFacts.WsusLanguages).Found);
        Assert.AreEqual("on", findings.Of(FieldFacts.WsusExpressFiles).Found);
        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WsusReplica).Status);
    }

    [TestMethod]
    public async Task RunAsync_ImportServerIsAReplica_Differs()
    {
        var finding = (await CreateSut(FakeWsus.Installed(replica: true)).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusReplica);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        Assert.AreEqual("replica", finding.Found);
    }

    [TestMethod]
    public async Task RunAsync_ExportServerIsAReplica_IsNotApplicable()
    {
        var finding = (await CreateSut(FakeWsus.Installed(replica: true), DoctorSide.Export).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusReplica);

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        Assert.AreEqual("replica", finding.Found);
    }

    [TestMethod]
    public async Task RunAsync_AdminApiDoesNotAnswer_SettingsMissingWithTheReason()
    {
        var wsus = FakeWsus.Installed().WithApiFailure(new WsusQueryException("The WSUS administration API on WSUS01 failed: the WsusService is stopped."));

        var findings = await CreateSut(wsus).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Missing));
        StringAssert.Contains(findings.Of(FieldFacts.WsusLanguages).Detail, "WsusService is stopped");
    }

    [TestMethod]
    public async Task RunAsync_AdminApiRefuses_AccessDenied()
    {
        var wsus = FakeWsus.Installed().WithApiFailure(new WsusQueryException("The WSUS status query failed.", new UnauthorizedAccessException("Access is denied.")));

        var findings = await CreateSut(wsus).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.AccessDenied));
    }

    [TestMethod]
    public async Task RunAsync_WsusNotInstalled_NotApplicableWithoutAskingTheApi()
    {
        var findings = await CreateSut(FakeWsus.NotInstalled().WithApiFailure(new WsusQueryException("must not be asked"))).RunAsync(CancellationToken.None);

        Assert.HasCount(3, findings);
        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.NotApplicable));
        StringAssert.Contains(findings[0].Detail, "not installed");
    }
}
