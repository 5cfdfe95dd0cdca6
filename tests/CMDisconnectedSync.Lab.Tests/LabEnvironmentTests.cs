using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Lab.Tests.TestSupport;
using CMDisconnectedSync.State;
using CMDisconnectedSync.Wsus.Host;

namespace CMDisconnectedSync.Lab.Tests;

[TestClass]
public sealed class LabEnvironmentTests
{
    private LabScenario _scenario = null!;

    [TestInitialize]
    public async Task CreateLab() => _scenario = await LabScenario.CreateAsync();

    [TestCleanup]
    public void DeleteLab() => _scenario.Dispose();

    private LabEnvironment CreateSut() => _scenario.Lab;

    [TestMethod]
    public void CreateAsync_TinySpec_ExportServerHasContentAndDisconnectedServerIsEmpty()
    {
        var lab = CreateSut();

        Assert.HasCount(28, Directory.GetFiles(lab.ExportServer.ContentDirectory, "*", SearchOption.AllDirectories));
        Assert.IsEmpty(Directory.GetFiles(lab.DisconnectedServer.ContentDirectory, "*", SearchOption.AllDirectories));
        Assert.AreEqual(LabEnvironment.ExportServerName, lab.ExportServer.LoadSettings().ServerName);
    }

    [TestMethod]
    public void CreateAsync_SigningPfx_IsTrustedOnTheDisconnectedSideByThumbprint()
    {
        var lab = CreateSut();
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(lab.SigningPfxPath, password: null);

        var trusted = new DisconnectedStateStore(lab.DisconnectedStateFolder, TimeProvider.System, StateFolderProtections.ForThisComputer()).LoadTrustedSigners();

        Assert.IsTrue(certificate.HasPrivateKey);
        Assert.IsTrue(trusted.Contains(certificate.Thumbprint));
        Assert.AreEqual(certificate.Thumbprint, lab.Signer.Thumbprint, ignoreCase: true);
    }

    [TestMethod]
    public async Task CreateAsync_FolderNotEmpty_RefusesNamingTheFolder()
    {
        var exception = await Assert.ThrowsExactlyAsync<IOException>(() =>
            LabEnvironment.CreateAsync(_scenario.Lab.Root, LabContentSpec.Tiny, TimeProvider.System, CancellationToken.None));

        StringAssert.Contains(exception.Message, _scenario.Lab.Root);
    }

    [TestMethod]
    public void Open_LabFolder_FindsTheSameServers()
    {
        var reopened = LabEnvironment.Open(_scenario.Lab.Root);

        Assert.AreEqual(_scenario.Lab.DisconnectedServer.ContentDirectory, reopened.DisconnectedServer.ContentDirectory);
    }

    [TestMethod]
    public void Open_FolderThatIsNoLab_ThrowsSayingHowToCreateOne()
    {
        var exception = Assert.ThrowsExactly<DirectoryNotFoundException>(() => LabEnvironment.Open(_scenario.Lab.MediaFolder));

        StringAssert.Contains(exception.Message, "cmdsync demo --folder");
    }

    [TestMethod]
    public void SimulateExportServerSync_NewContent_MovesTheLastSyncTimeAndAddsALicenseTermsFileForANewProduct()
    {
        var lab = CreateSut();
        var before = lab.ExportServer.LoadSettings().LastSyncEnd;

        var touched = lab.SimulateExportServerSync(added: 2, changed: 1, seed: 1, TimeProvider.System);

        Assert.IsTrue(lab.ExportServer.LoadSettings().LastSyncEnd > before);
        var eula = touched.Single(p => p.EndsWith(".txt", StringComparison.Ordinal));
        StringAssert.Contains(File.ReadAllText(Path.Combine(lab.ExportServer.ContentDirectory, eula)), "Product: " + LabCategoryCatalog.ForSync(1).Product);
    }
}
