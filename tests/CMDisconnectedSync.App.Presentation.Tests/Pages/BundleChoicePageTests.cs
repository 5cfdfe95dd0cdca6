using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class BundleChoicePageTests
{
    private static readonly string Bundle = Path.GetFullPath("CMDS-000042");
    private readonly FakeFileSystem _files = new FakeFileSystem().WithBundle(Bundle).WithFolder(Path.GetFullPath("media-root"));

    [TestMethod]
    public void TryAccept_BundleFolderWithManifest_ReturnsIt()
    {
        var sut = CreateSut(" " + Bundle + " ");

        Assert.AreEqual(Bundle, sut.TryAccept());
        Assert.IsNull(sut.Issue);
    }

    [TestMethod]
    public void TryAccept_MediaRootInsteadOfBundle_SaysToPickTheBundleFolder()
    {
        var sut = CreateSut(Path.GetFullPath("media-root"));

        Assert.IsNull(sut.TryAccept());
        StringAssert.Contains(sut.Issue, "holds no manifest.json");
    }

    [TestMethod]
    [DataRow("", "Choose the bundle folder")]
    [DataRow("relative", "is not a full path")]
    public void TryAccept_EmptyOrRelative_Explains(string path, string expected)
    {
        var sut = CreateSut(path);

        Assert.IsNull(sut.TryAccept());
        StringAssert.Contains(sut.Issue, expected);
    }

    [TestMethod]
    public void TryAccept_MissingFolder_SaysToInsertTheMedia()
    {
        var sut = CreateSut(Path.GetFullPath("gone"));

        Assert.IsNull(sut.TryAccept());
        StringAssert.Contains(sut.Issue, "Insert the media");
    }

    private BundleChoicePage CreateSut(string path) => new(_files) { BundlePath = path };
}
