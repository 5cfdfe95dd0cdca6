using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

[TestClass]
public sealed class SdkAssemblyResolverTests
{
    private string _bin = null!;

    [TestInitialize]
    public void CreateConsoleBin()
    {
        _bin = Directory.CreateTempSubdirectory("cmdsync-sdkbin-").FullName;
        foreach (var file in new[] { "Microsoft.ConfigurationManagement.ManagementProvider.dll", "AdminUI.WqlQueryEngine.dll", "Newtonsoft.Json.dll" })
        {
            File.WriteAllText(Path.Combine(_bin, file), "stand-in");
        }
    }

    [TestCleanup]
    public void DeleteConsoleBin() => Directory.Delete(_bin, recursive: true);

    [TestMethod]
    [DataRow("Microsoft.ConfigurationManagement.ManagementProvider, Version=5.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", "Microsoft.ConfigurationManagement.ManagementProvider.dll")]
    [DataRow("AdminUI.WqlQueryEngine, Version=5.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", "AdminUI.WqlQueryEngine.dll")]
    public void PathFor_SdkAssemblyInTheConsoleFolder_ReturnsItsPath(string assemblyName, string file)
    {
        Assert.AreEqual(Path.Combine(_bin, file), SdkAssemblyResolver.PathFor(_bin, assemblyName));
    }

    [TestMethod]
    public void PathFor_OtherConsoleDependency_IsNotTakenFromTheConsole()
    {
        Assert.IsNull(SdkAssemblyResolver.PathFor(_bin, "Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed"));
    }

    [TestMethod]
    public void PathFor_ConsoleAssemblyNotThere_ReturnsNull()
    {
        Assert.IsNull(SdkAssemblyResolver.PathFor(_bin, "AdminUI.DcmObjectWrapper, Version=5.0.0.0"));
    }
}
