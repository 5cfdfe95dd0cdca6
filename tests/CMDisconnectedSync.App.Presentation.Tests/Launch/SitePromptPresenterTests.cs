using CMDisconnectedSync.App.Presentation.Launch;

namespace CMDisconnectedSync.App.Presentation.Tests.Launch;

[TestClass]
public sealed class SitePromptPresenterTests
{
    [TestMethod]
    public void Accept_ServerAndCode_ReturnsNormalizedSite()
    {
        var sut = CreateSut(@"\\cm01.contoso.com", " ps1 ");

        var site = sut.Accept();

        Assert.AreEqual("cm01.contoso.com (PS1)", site!.Describe());
        Assert.IsNull(sut.Error);
    }

    [TestMethod]
    public void Accept_EmptyServer_AsksForIt()
    {
        var sut = CreateSut(" ", "PS1");

        Assert.IsNull(sut.Accept());
        StringAssert.Contains(sut.Error, "Enter the site server");
    }

    [TestMethod]
    public void Accept_BadSiteCode_ExplainsTheRule()
    {
        var sut = CreateSut("CM01", "PS12");

        Assert.IsNull(sut.Accept());
        StringAssert.Contains(sut.Error, "exactly 3 letters or digits");
    }

    [TestMethod]
    public void Accept_NoSiteCode_IsAllowed()
    {
        var site = CreateSut("CM01", string.Empty).Accept();

        Assert.IsNull(site!.SiteCode);
    }

    private static SitePromptPresenter CreateSut(string server, string code) => new() { SiteServer = server, SiteCode = code };
}
