using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

[TestClass]
public sealed class SdkIdentityReaderTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-sdk-identity-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void CompiledAgainst_TheAdapter_ListsBothSdkAssembliesWithTheSdkIdentity()
    {
        var identities = SdkIdentityReader.CompiledAgainst();

        CollectionAssert.AreEqual(
            new[]
            {
                new SdkAssemblyIdentity("AdminUI.WqlQueryEngine", "5.0.0.0", "31bf3856ad364e35", string.Empty),
                new SdkAssemblyIdentity("Microsoft.ConfigurationManagement.ManagementProvider", "5.0.0.0", "31bf3856ad364e35", string.Empty),
            },
            identities.ToArray());
    }

    [TestMethod]
    public void ReadFromFile_TheReferenceAssembly_MatchesWhatTheAdapterReferences()
    {
        // This test output holds the compile-only SDK references (see the .csproj): same identity as the real DLLs.
        var path = Path.Combine(AppContext.BaseDirectory, "Microsoft.ConfigurationManagement.ManagementProvider.dll");

        var identity = SdkIdentityReader.ReadFromFile(path);

        Assert.AreEqual(SdkIdentityReader.CompiledAgainst().Single(i => i.Name == identity.Name), identity);
    }

    [TestMethod]
    public void ReadFromFile_NotAnAssembly_ThrowsBadImageFormat()
    {
        var path = Path.Combine(_folder, "Microsoft.ConfigurationManagement.ManagementProvider.dll");
        File.WriteAllText(path, "not a PE file");

        Assert.ThrowsExactly<BadImageFormatException>(() => SdkIdentityReader.ReadFromFile(path));
    }

    [TestMethod]
    public void ToString_NeutralSignedIdentity_IsTheDisplayNameDotNetBindsBy()
    {
        var identity = new SdkAssemblyIdentity("AdminUI.WqlQueryEngine", "5.0.0.0", "31bf3856ad364e35", string.Empty);

        Assert.AreEqual("AdminUI.WqlQueryEngine, Version=5.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35", identity.ToString());
    }
}
