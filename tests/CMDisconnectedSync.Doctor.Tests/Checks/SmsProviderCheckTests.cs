using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Testing.ConfigMgr;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class SmsProviderCheckTests
{
    private static readonly DateTimeOffset LastNight = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    private static SmsProviderCheck CreateSut(IConfigMgrSiteConnector connector, DoctorSide side = DoctorSide.Import) => new(connector, "CM01.corp.example", side);

    /// <summary>A healthy disconnected site: one SUP that synchronized last night, sync source "do not synchronize".</summary>
    private static FakeSiteBuilder HealthyDisconnectedSite() => new FakeSiteBuilder()
        .WithSup("CM01.corp.example")
        .WithLastSync("CM01.corp.example", SyncStateMessages.Done, LastNight)
        .WithProduct("Windows 11", subscribed: true)
        .WithClassification("Security Updates", subscribed: true);

    [TestMethod]
    public async Task RunAsync_HealthySite_ConfirmsEveryFact()
    {
        var connector = new Connector(HealthyDisconnectedSite().Build());

        var findings = await CreateSut(connector).RunAsync(CancellationToken.None);

        Assert.HasCount(7, findings);
        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Confirmed), string.Join("; ", findings.Select(f => $"{f.Id}={f.Status} {f.Detail}")));
        Assert.AreEqual("CM01.corp.example, site PS1", findings.Of(FieldFacts.ProviderReachable).Found);
        Assert.AreEqual("CM01.corp.example (PS1)", findings.Of(FieldFacts.ReadSoftwareUpdatePoints).Found);
        Assert.AreEqual("2 categories (1 products, 1 classifications, 2 subscribed)", findings.Of(FieldFacts.ReadUpdateCategories).Found);
        Assert.AreEqual("CM01.corp.example", connector.AskedFor);
    }

    [TestMethod]
    public async Task RunAsync_NeverChangesTheSite()
    {
        var site = HealthyDisconnectedSite().Build();

        await CreateSut(new Connector(site)).RunAsync(CancellationToken.None);

        Assert.IsEmpty(site.SyncTriggers);
        Assert.IsEmpty(site.SubscribeCalls);
    }

    [TestMethod]
    public async Task RunAsync_ImportSiteSynchronizesFromMicrosoftUpdate_SyncSourceDiffersWithTheFix()
    {
        var site = HealthyDisconnectedSite().WithSyncSource(SyncSource.MicrosoftUpdate).Build();

        var finding = (await CreateSut(new Connector(site)).RunAsync(CancellationToken.None)).Of(FieldFacts.SyncSource(DoctorSide.Import));

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        Assert.AreEqual("MicrosoftUpdate (DefaultUseParentWSUS = 0)", finding.Found);
        StringAssert.Contains(finding.Detail, "Do not synchronize from Microsoft Update or upstream data source");
    }

    [TestMethod]
    public async Task RunAsync_ExportSiteSynchronizesFromMicrosoftUpdate_SyncSourceConfirmed()
    {
        var site = HealthyDisconnectedSite().WithSyncSource(SyncSource.MicrosoftUpdate).Build();

        var finding = (await CreateSut(new Connector(site), DoctorSide.Export).RunAsync(CancellationToken.None)).Of(FieldFacts.SyncSource(DoctorSide.Export));

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_LastSyncFailed_DiffersWithTheErrorCode()
    {
        var site = new FakeSiteBuilder().WithSup("CM01.corp.example")
            .WithLastSync("CM01.corp.example", SyncStateMessages.Failed, LastNight, errorCode: unchecked((int)0x80244010)).Build();

        var finding = (await CreateSut(new Connector(site)).RunAsync(CancellationToken.None)).Of(FieldFacts.LastSyncStatus);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        Assert.AreEqual("CM01.corp.example: 6703 Failed at 2026-11-24 22:00Z error 0x80244010", finding.Found);
    }

    [TestMethod]
    public async Task RunAsync_PendingLicenseTerms_DiffersPointingAtTheLicenseFiles()
    {
        var site = new FakeSiteBuilder().WithSup("CM01.corp.example")
            .WithLastSync("CM01.corp.example", SyncStateMessages.DonePendingLicenseTerms, LastNight).Build();

        var finding = (await CreateSut(new Connector(site)).RunAsync(CancellationToken.None)).Of(FieldFacts.LastSyncStatus);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, ".txt license files");
    }

    [TestMethod]
    public async Task RunAsync_NoSoftwareUpdatePointAndNoStatus_BothMissing()
    {
        var site = new FakeSiteBuilder().Build();

        var findings = await CreateSut(new Connector(site)).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Missing, findings.Of(FieldFacts.ReadSoftwareUpdatePoints).Status);
        Assert.AreEqual(CheckStatus.Missing, findings.Of(FieldFacts.LastSyncStatus).Status);
    }

    [TestMethod]
    public async Task RunAsync_ProviderUnreachable_MissingAndTheRestNotApplicable()
    {
        var connector = new Connector(new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable, "Cannot reach the SMS Provider on CM01.corp.example."));

        var findings = await CreateSut(connector).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Missing, findings.Of(FieldFacts.ProviderReachable).Status);
        Assert.HasCount(6, findings.Where(f => f.Status == CheckStatus.NotApplicable));
    }

    [TestMethod]
    public async Task RunAsync_NoConsoleForTheSdk_NotApplicable()
    {
        var connector = new Connector(new ConfigMgrException(ConfigMgrFailure.ConsoleNotInstalled, "No ConfigMgr console is installed on WSUS01."));

        var findings = await CreateSut(connector).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.NotApplicable));
    }

    [TestMethod]
    public async Task RunAsync_ConnectionRefused_AccessDenied()
    {
        var connector = new Connector(new ConfigMgrException(ConfigMgrFailure.AccessDenied, "The SMS Provider on CM01.corp.example denied access while connecting."));

        var finding = (await CreateSut(connector).RunAsync(CancellationToken.None)).Of(FieldFacts.ProviderReachable);

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_ReadsRefused_ReachableButEveryProbeAccessDenied()
    {
        var site = HealthyDisconnectedSite().WithProviderFailure(ConfigMgrFailure.AccessDenied, "The SMS Provider on CM01.corp.example denied access.").Build();

        var findings = await CreateSut(new Connector(site)).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.ProviderReachable).Status);
        Assert.IsTrue(findings.Skip(1).All(f => f.Status == CheckStatus.AccessDenied), string.Join("; ", findings.Select(f => f.Id + "=" + f.Status)));
    }

    [TestMethod]
    public async Task RunAsync_NoRightToSyncNow_AccessDeniedNotGranted()
    {
        var site = HealthyDisconnectedSite().WithoutPermission(FieldFacts.SyncNowSecuredObject, FieldFacts.SyncNowPermissions).Build();

        var findings = await CreateSut(new Connector(site)).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.AccessDenied, findings.Of(FieldFacts.SyncNowPermission).Status);
        Assert.AreEqual("not granted", findings.Of(FieldFacts.SyncNowPermission).Found);
        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.WriteUpdateCategories).Status);
    }

    [TestMethod]
    public async Task RunAsync_NoRightToSubscribe_AccessDenied()
    {
        var site = HealthyDisconnectedSite().WithoutPermission(FieldFacts.WriteCategoriesSecuredObject, RbacPermissions.Modify).Build();

        var finding = (await CreateSut(new Connector(site)).RunAsync(CancellationToken.None)).Of(FieldFacts.WriteUpdateCategories);

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
    }

    /// <summary>Connects to one fake site, or fails the way the SDK adapter does.</summary>
    private sealed class Connector : IConfigMgrSiteConnector
    {
        private readonly FakeConfigMgrSite? _site;
        private readonly ConfigMgrException? _failure;

        public Connector(FakeConfigMgrSite site) => _site = site;

        public Connector(ConfigMgrException failure) => _failure = failure;

        public string? AskedFor { get; private set; }

        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken)
        {
            AskedFor = siteServer;
            return _failure is null ? Task.FromResult<IConfigMgrSite>(_site!) : Task.FromException<IConfigMgrSite>(_failure);
        }
    }
}
