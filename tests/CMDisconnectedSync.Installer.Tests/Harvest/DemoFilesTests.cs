using CMDisconnectedSync.Installer.Harvest;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class DemoFilesTests
{
    private static readonly string[] DemoAssemblies = ["wsusutil-lab", "CMDisconnectedSync.Lab"];

    [TestMethod]
    [DataRow("wsusutil-lab.exe")]
    [DataRow("wsusutil-lab.exe.config")]
    [DataRow("CMDisconnectedSync.Lab.dll")]
    [DataRow("de/CMDisconnectedSync.Lab.resources.dll")]
    public void IsDemoFile_FileOfADemoAssembly_True(string installPath)
    {
        Assert.IsTrue(DemoFiles.IsDemoFile(installPath, DemoAssemblies));
    }

    [TestMethod]
    [DataRow("cmdsync.exe")]
    [DataRow("CMDisconnectedSync.Core.dll")]
    [DataRow("CMDisconnectedSync.Lab.WsusUtil.dll")]
    [DataRow("wsusutil-lab.pdb")]
    public void IsDemoFile_AnyOtherFile_False(string installPath)
    {
        Assert.IsFalse(DemoFiles.IsDemoFile(installPath, DemoAssemblies));
    }
}
