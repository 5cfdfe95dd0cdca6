using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Testing.ConfigMgr;
using CMDisconnectedSync.Testing.DeploymentContent;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class DeploymentContentCheckTests
{
    private static DeploymentContentCheck CreateSut(IConfigMgrSite site) => new(new Connector(site), "CM01.corp.example");

    private static InMemoryContentCatalog Catalog() => new InMemoryContentCatalog()
        .WithUpdate(16777301, "5005565", "CU (KB5005565)")
        .WithFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 400_000, hash: "SHA1:3F4E")
        .WithGroup(16777400, "Patch Tuesday 2026-12", 16777301)
        .WithPackage("PS100012", "Updates", "/srv/pkg", 1001);

    [TestMethod]
    public async Task RunAsync_SiteWithGroupsAndContent_ConfirmsEachRowAndShowsTheFileHashForm()
    {
        var site = new SiteWithContent(new FakeSiteBuilder().WithSup("CM01.corp.example").Build(), Catalog());

        var findings = await CreateSut(site).RunAsync(CancellationToken.None);

        Assert.HasCount(4, findings);
        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Confirmed), string.Join("; ", findings.Select(f => $"{f.Id}={f.Status} {f.Detail}")));
        Assert.AreEqual("1 groups, 1 member updates", findings.Of(FieldFacts.ReadUpdateGroups).Found);
        StringAssert.Contains(findings.Of(FieldFacts.ReadContentFiles).Found, "FileHash 'SHA1:3F4E'");
        Assert.AreEqual("1 of 1 sampled contents in a package", findings.Of(FieldFacts.ReadPackagedContent).Found);
        Assert.IsEmpty(site.Catalog.AddCalls);
    }

    [TestMethod]
    public async Task ContentFileHashForm_ReadThroughTheSiteConnection_SamplesTheGroupsUpdateFiles()
    {
        // The SMS Provider's form as SMSProv.log shows it during AddUpdateContent (see FieldFacts.ContentFileHashForm).
        const string Hash = "SHA1:83D5A9F0C7E4B2D1A6F3E8C5B0D7A4F1E9C69D14";
        var catalog = new InMemoryContentCatalog()
            .WithUpdate(16777301, "5005565", "CU (KB5005565)")
            .WithFile(16777301, 1001, "windows10.0-kb5005565-x64.cab", 400_000, hash: Hash)
            .WithGroup(16777400, "Patch Tuesday 2026-12", 16777301);
        var site = new SiteWithContent(new FakeSiteBuilder().WithSup("CM01.corp.example").Build(), catalog);

        var findings = await new ContentFileHashFormCheck(SiteContentFileHashes.From(new Connector(site)), "CM01.corp.example").RunAsync(CancellationToken.None);

        var finding = findings.Of(FieldFacts.ContentFileHashForm);
        Assert.AreEqual(CheckStatus.Confirmed, finding.Status, finding.Detail);
        Assert.AreEqual(Hash, finding.Found);
    }

    [TestMethod]
    public async Task ContentFileHashForm_ProviderUnreachable_NotApplicableNamingTheConnectionRow()
    {
        var findings = await new ContentFileHashFormCheck(SiteContentFileHashes.From(new FailingConnector()), "CM01.corp.example").RunAsync(CancellationToken.None);

        var finding = findings.Of(FieldFacts.ContentFileHashForm);
        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Detail, FieldFacts.ProviderReachable.Id);
    }

    [TestMethod]
    public async Task RunAsync_FileWithoutHttpSource_Differs()
    {
        var catalog = Catalog();
        catalog.Files.Add(new CMDisconnectedSync.DeploymentContent.UpdateContentFile(16777301, 1002, "x.cab", 1, "SHA1:00", @"\\share\x.cab", 0));
        var site = new SiteWithContent(new FakeSiteBuilder().WithSup("CM01.corp.example").Build(), catalog);

        var finding = (await CreateSut(site).RunAsync(CancellationToken.None)).Of(FieldFacts.ReadContentFiles);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, "x.cab");
    }

    [TestMethod]
    public async Task RunAsync_AccountWithoutModifyOnPackages_IsAccessDenied()
    {
        var site = new SiteWithContent(new FakeSiteBuilder().WithSup("CM01.corp.example")
            .WithoutPermission(FieldFacts.AddUpdateContentSecuredObject, FieldFacts.AddUpdateContentPermissions).Build(), Catalog());

        var finding = (await CreateSut(site).RunAsync(CancellationToken.None)).Of(FieldFacts.AddUpdateContentPermission);

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
    }

    [TestMethod]
    public async Task RunAsync_SiteWithoutContentCatalog_IsNotApplicable()
    {
        var findings = await CreateSut(new FakeSiteBuilder().WithSup("CM01.corp.example").Build()).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.NotApplicable));
    }

    private sealed class Connector(IConfigMgrSite site) : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) => Task.FromResult(site);
    }

    private sealed class FailingConnector : IConfigMgrSiteConnector
    {
        public Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken) =>
            Task.FromException<IConfigMgrSite>(new ConfigMgrException(ConfigMgrFailure.ProviderUnreachable, "The RPC server is unavailable. (0x800706BA)"));
    }
}
