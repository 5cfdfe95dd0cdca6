using CMDisconnectedSync.ConsoleExtension.Installation;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Installation;

[TestClass]
public sealed class AdminConsoleLocatorTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateFolders() => _root = TestRepository.NewTempFolder();

    [TestCleanup]
    public void DeleteFolders() => TestRepository.DeleteFolder(_root);

    private sealed record Hints(string? SmsAdminUiPath, string? RegistryUiInstallationDirectory) : IAdminConsoleHints;

    private static AdminConsoleLocator CreateSut(string? environment = null, string? registry = null) => new(new Hints(environment, registry));

    private string MakeConsole(string name)
    {
        var console = Path.Combine(_root, name, "AdminConsole");
        Directory.CreateDirectory(Path.Combine(console, "XmlStorage"));
        Directory.CreateDirectory(Path.Combine(console, "bin", "i386"));
        return console;
    }

    [TestMethod]
    public void Locate_SmsAdminUiPath_ReturnsItsGrandparent()
    {
        var console = MakeConsole("a");

        Assert.AreEqual(Path.GetFullPath(console), CreateSut(Path.Combine(console, "bin", "i386") + Path.DirectorySeparatorChar).Locate(null));
    }

    [TestMethod]
    public void Locate_OnlyRegistry_ReturnsRegistryFolder()
    {
        var console = MakeConsole("b");

        Assert.AreEqual(Path.GetFullPath(console), CreateSut(registry: console).Locate(null));
    }

    [TestMethod]
    public void Locate_ExplicitPath_WinsOverHints()
    {
        var explicitConsole = MakeConsole("explicit");
        var hinted = MakeConsole("hinted");

        Assert.AreEqual(Path.GetFullPath(explicitConsole), CreateSut(registry: hinted).Locate(explicitConsole));
    }

    [TestMethod]
    public void Locate_ExplicitFolderWithoutXmlStorage_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<ConsoleNotFoundException>(() => CreateSut().Locate(_root));

        StringAssert.Contains(ex.Message, _root);
    }

    [TestMethod]
    public void Locate_NoHints_ThrowsSayingWhatToPass()
    {
        var ex = Assert.ThrowsExactly<ConsoleNotFoundException>(() => CreateSut().Locate(null));

        StringAssert.Contains(ex.Message, "--console-path");
    }
}
