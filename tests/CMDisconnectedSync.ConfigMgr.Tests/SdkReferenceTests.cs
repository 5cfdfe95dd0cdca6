using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace CMDisconnectedSync.ConfigMgr.Tests;

/// <summary>
/// The adapter must bind to the real ConfigMgr SDK on a console machine and must never carry it: it references both SDK
/// assemblies with exactly the SDK's identity, and no build output we ship contains them.
/// </summary>
[TestClass]
public sealed class SdkReferenceTests
{
    private const string ManagementProvider = "Microsoft.ConfigurationManagement.ManagementProvider";
    private const string WqlQueryEngine = "AdminUI.WqlQueryEngine";
    private static readonly string[] SdkAssemblies = [ManagementProvider, WqlQueryEngine];

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CMDisconnectedSync.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CMDisconnectedSync.sln above {AppContext.BaseDirectory}.");
    }

    // Tests run from tests/<project>/bin/<Configuration>/net10.0/.
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static string AdapterOutput(string targetFramework) =>
        Path.Combine(RepositoryRoot(), "src", "CMDisconnectedSync.ConfigMgr", "bin", Configuration(), targetFramework);

    private static string CliOutput(string targetFramework) =>
        Path.Combine(RepositoryRoot(), "src", "CMDisconnectedSync.Cli", "bin", Configuration(), targetFramework);

    private static List<AssemblyName> ReferencesOf(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(handle => metadata.GetAssemblyReference(handle).GetAssemblyName()).ToList();
    }

    [TestMethod]
    [DataRow("net48")]
    [DataRow("net10.0")]
    public void Adapter_ReferencesBothSdkAssembliesWithTheSdkIdentity(string targetFramework)
    {
        var references = ReferencesOf(Path.Combine(AdapterOutput(targetFramework), "CMDisconnectedSync.ConfigMgr.dll"));

        foreach (var name in SdkAssemblies)
        {
            var reference = references.SingleOrDefault(r => r.Name == name);
            Assert.IsNotNull(reference, $"{name} is not referenced");
            Assert.AreEqual(new Version(5, 0, 0, 0), reference.Version);
            Assert.AreEqual("31bf3856ad364e35", Convert.ToHexStringLower(reference.GetPublicKeyToken()!));
            Assert.AreEqual(string.Empty, reference.CultureName);
        }
    }

    [TestMethod]
    [DataRow("net48")]
    [DataRow("net10.0")]
    public void BuildOutputs_OfAdapterAndCli_DoNotContainTheSdk(string targetFramework)
    {
        foreach (var folder in new[] { AdapterOutput(targetFramework), CliOutput(targetFramework) })
        {
            Assert.IsTrue(Directory.Exists(folder), $"{folder} was not built");
            foreach (var name in SdkAssemblies)
            {
                Assert.IsFalse(File.Exists(Path.Combine(folder, name + ".dll")), $"{folder} contains {name}.dll");
            }
        }
    }

    [TestMethod]
    public void ReferenceAssemblies_CarryTheSdkIdentity()
    {
        foreach (var name in SdkAssemblies)
        {
            var identity = AssemblyName.GetAssemblyName(Path.Combine(AppContext.BaseDirectory, name + ".dll"));

            Assert.AreEqual(name, identity.Name);
            Assert.AreEqual(new Version(5, 0, 0, 0), identity.Version);
            Assert.AreEqual("31bf3856ad364e35", Convert.ToHexStringLower(identity.GetPublicKeyToken()!));
        }
    }
}
