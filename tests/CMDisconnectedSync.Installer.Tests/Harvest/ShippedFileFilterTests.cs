using CMDisconnectedSync.Installer.Harvest;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class ShippedFileFilterTests
{
    [TestMethod]
    [DataRow("cmdsync.exe", true)]
    [DataRow("cmdsync.exe.config", true)]
    [DataRow("Serilog.dll", true)]
    [DataRow("cmdsync.pdb", false)]
    [DataRow("cmdsync.xml", false)]
    [DataRow("Serilog.xml", false)]
    [DataRow("CMDisconnectedSync.Export.xml", true)]
    public void IsShipped_PublishFolderFile_OnlyBuildByProductsLeftOut(string name, bool expected)
    {
        using var folder = new TempFolder();
        foreach (var file in new[] { "cmdsync.exe", "cmdsync.exe.config", "Serilog.dll", "cmdsync.pdb", "cmdsync.xml", "Serilog.xml", "CMDisconnectedSync.Export.xml" })
        {
            folder.Write(file, "x");
        }

        Assert.AreEqual(expected, ShippedFileFilter.IsShipped(folder.Combine(name)));
    }
}
