using CMDisconnectedSync.Lab.Wsus;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Lab.Tests.Wsus;

[TestClass]
public sealed class LabWsusSetupKeyTests
{
    private string _root = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-lab-setupkey-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    private LabWsusSetupKey CreateSut(out LabWsusServerFolder server, out string wsusUtil)
    {
        server = LabWsusServerFolder.Create(Path.Combine(_root, "server"), new LabWsusSettings { ServerName = "LAB-X" });
        wsusUtil = Path.Combine(_root, "tools", "wsusutil-lab");
        return new LabWsusSetupKey(server, wsusUtil);
    }

    [TestMethod]
    public void ReadLocalMachineKey_WsusSetupKey_ReadsAsTheInstallationOfTheLabServer()
    {
        var sut = CreateSut(out var server, out var wsusUtil);

        var lookup = WsusSetupRegistry.Read(sut);

        Assert.IsTrue(lookup.IsInstalled, lookup.Problem);
        Assert.AreEqual(server.ContentDirectory, lookup.Installation!.ContentDirectory);
        Assert.AreEqual(Path.Combine(Path.GetDirectoryName(wsusUtil)!, "Tools", "WsusUtil.exe"), lookup.Installation.WsusUtilPath);
        Assert.AreEqual(LabWsusServer.DatabaseServerName, lookup.Installation.SqlServerName);
        Assert.AreEqual(WsusSetupRegistry.DefaultPortNumber, lookup.Installation.PortNumber);
    }

    [TestMethod]
    public void ReadLocalMachineKey_AnyOtherKey_IsAbsent()
    {
        var sut = CreateSut(out _, out _);

        Assert.IsNull(sut.ReadLocalMachineKey(@"SOFTWARE\Microsoft\ConfigMgr10\Setup"));
    }
}
