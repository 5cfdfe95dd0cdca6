using CMDisconnectedSync.App.Presentation.Launch;

namespace CMDisconnectedSync.App.Presentation.Tests.Launch;

[TestClass]
public sealed class SiteResolverTests
{
    private ConsoleConnection? _lastConnection;

    [TestMethod]
    public void Resolve_ServerOnCommandLine_UsesItAndIgnoresTheConsoleHistory()
    {
        _lastConnection = new ConsoleConnection("OTHER", "OTH");

        var resolution = CreateSut().Resolve(Request("CM01", "PS1", sup: "SUP01"));

        Assert.AreEqual(SiteSource.CommandLine, resolution.Source);
        Assert.AreEqual("CM01 (PS1)", resolution.Site!.Describe());
        Assert.AreEqual("SUP01", resolution.Site.SupServer);
    }

    [TestMethod]
    public void Resolve_NodeLevelLaunch_FallsBackToTheConsolesLastConnection()
    {
        _lastConnection = new ConsoleConnection("cm01.contoso.com", "ps1");

        var resolution = CreateSut().Resolve(Request(null, null));

        Assert.AreEqual(SiteSource.ConsoleLastConnection, resolution.Source);
        Assert.AreEqual("cm01.contoso.com (PS1)", resolution.Site!.Describe());
        StringAssert.Contains(resolution.Message, "last connection");
    }

    [TestMethod]
    public void Resolve_HistoryWithInvalidSiteCode_KeepsServerAndDropsCode()
    {
        _lastConnection = new ConsoleConnection("CM01", "not-a-code");

        var resolution = CreateSut().Resolve(Request(null, null));

        Assert.IsNull(resolution.Site!.SiteCode);
    }

    [TestMethod]
    public void Resolve_NoServerAndNoHistory_AsksTheAdmin()
    {
        _lastConnection = null;

        var resolution = CreateSut().Resolve(Request(null, null));

        Assert.AreEqual(SiteSource.NotFound, resolution.Source);
        Assert.IsNull(resolution.Site);
    }

    [TestMethod]
    public void Resolve_HistoryWithGarbageServer_AsksTheAdmin()
    {
        _lastConnection = new ConsoleConnection(@"\\server\share", null);

        var resolution = CreateSut().Resolve(Request(null, null));

        Assert.AreEqual(SiteSource.NotFound, resolution.Source);
    }

    private static LaunchRequest Request(string? server, string? code, string? sup = null) =>
        new(LaunchAction.Export, server, code, null, sup, null, null, false);

    private SiteResolver CreateSut() => new(new History(() => _lastConnection));

    private sealed class History(Func<ConsoleConnection?> last) : IConsoleConnectionHistory
    {
        public ConsoleConnection? GetLastConnection() => last();
    }
}
