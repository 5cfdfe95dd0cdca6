using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;

namespace CMDisconnectedSync.ConfigMgr.Tests.ConsoleInstallation;

/// <summary>
/// The SDK member check resolves our built adapter against SDK DLLs in a console bin folder laid out in a temp folder:
/// the compile-only reference assemblies (everything present), unrelated assemblies under the SDK's file names (nothing
/// present), and a test-only SDK build lacking one member, changing another and moving a third to a new base class (exactly the
/// first two reported). The real SDK is never used here.
/// </summary>
[TestClass]
public sealed class SdkBindingReaderTests
{
    private const string ManagementProvider = "Microsoft.ConfigurationManagement.ManagementProvider";
    private const string WqlQueryEngine = "AdminUI.WqlQueryEngine";
    private const string Namespace = "Microsoft.ConfigurationManagement.ManagementProvider.";

    private string _bin = null!;

    [TestInitialize]
    public void CreateBin() => _bin = Directory.CreateTempSubdirectory("cmdsync-sdk-binding-").FullName;

    [TestCleanup]
    public void DeleteBin() => Directory.Delete(_bin, recursive: true);

    private SdkBindingReport CreateSut(string? adapterAssemblyPath = null) =>
        SdkBindingReader.Resolve(adapterAssemblyPath ?? SdkBindingReader.AdapterAssemblyPath, _bin);

    // This test output holds the compile-only SDK references (see the .csproj) and, in ConfigMgrSdkVariant/, the variant.
    private void PutInBin(string sourcePath, string sdkAssemblyName) => File.Copy(sourcePath, Path.Combine(_bin, sdkAssemblyName + ".dll"));

    private void PutReferenceAssembliesInBin()
    {
        PutInBin(Path.Combine(AppContext.BaseDirectory, ManagementProvider + ".dll"), ManagementProvider);
        PutInBin(Path.Combine(AppContext.BaseDirectory, WqlQueryEngine + ".dll"), WqlQueryEngine);
    }

    // Tests run from tests/<project>/bin/<Configuration>/net10.0/; the shipped net48 adapter is built beside it.
    private static string Net48Adapter()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "src", "CMDisconnectedSync.ConfigMgr", "bin", configuration, "net48", "CMDisconnectedSync.ConfigMgr.dll");
    }

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

    [TestMethod]
    [DataRow("net48")]
    [DataRow("net10.0")]
    public void Resolve_AdapterAgainstTheReferenceAssemblies_EveryTypeAndMemberPresent(string targetFramework)
    {
        PutReferenceAssembliesInBin();

        var report = CreateSut(targetFramework == "net48" ? Net48Adapter() : null);

        Assert.IsEmpty(report.Problems, string.Join("\n", report.Problems));
        Assert.IsTrue(report.References.All(r => r.Outcome == SdkReferenceOutcome.Present), string.Join("\n", report.References));
        var connect = report.References.Single(r => r.Reference == Namespace + "ConnectionManagerBase::Connect");
        Assert.AreEqual("instance bool Connect(string)", connect.Needed);
        Assert.AreEqual("on " + Namespace + "ConnectionManagerBase", connect.Found);
        var wqlConnectionManager = report.References.Single(r => r.Reference == Namespace + "WqlQueryEngine.WqlConnectionManager");
        Assert.AreEqual(WqlQueryEngine, wqlConnectionManager.Assembly);
        Assert.AreEqual("in " + WqlQueryEngine + ".dll", wqlConnectionManager.Found);
        Assert.IsTrue(report.References.Any(r => r.Reference == Namespace + "IQueryPropertyItem::get_ObjectValue"));
    }

    [TestMethod]
    public void Resolve_SdkFileNamesHoldOtherAssemblies_EveryReferenceMissingNamingTheAssemblyFound()
    {
        PutInBin(typeof(SdkBindingReader).Assembly.Location, ManagementProvider);
        PutInBin(typeof(Serilog.ILogger).Assembly.Location, WqlQueryEngine);

        var report = CreateSut();

        Assert.IsNotEmpty(report.References);
        Assert.HasCount(report.References.Count, report.Problems);
        Assert.IsTrue(report.References.All(r => r.Outcome == SdkReferenceOutcome.Missing), string.Join("\n", report.References));
        StringAssert.Contains(report.References.First(r => r.Assembly == ManagementProvider).Found, "is assembly 'CMDisconnectedSync.ConfigMgr'");
        StringAssert.Contains(report.References.First(r => r.Assembly == WqlQueryEngine).Found, "is assembly 'Serilog'");
    }

    [TestMethod]
    public void Resolve_SdkBuildWithoutObjectValueStaticExecuteQueryAndMovedQueryProcessor_ReportsExactlyTheFirstTwo()
    {
        PutInBin(Path.Combine(AppContext.BaseDirectory, "ConfigMgrSdkVariant", ManagementProvider + ".dll"), ManagementProvider);
        PutInBin(Path.Combine(AppContext.BaseDirectory, WqlQueryEngine + ".dll"), WqlQueryEngine);

        var report = CreateSut();

        var problems = report.Problems;

        CollectionAssert.AreEqual(
            new[] { Namespace + "IQueryPropertyItem::get_ObjectValue", Namespace + "QueryProcessorBase::ExecuteQuery" },
            problems.Select(p => p.Reference).ToArray());
        var objectValue = problems[0];
        Assert.AreEqual(SdkReferenceOutcome.Missing, objectValue.Outcome);
        Assert.AreEqual("instance object get_ObjectValue()", objectValue.Needed);
        Assert.AreEqual($"no method named get_ObjectValue on {Namespace}IQueryPropertyItem or its SDK base types", objectValue.Found);
        var executeQuery = problems[1];
        Assert.AreEqual(SdkReferenceOutcome.Differs, executeQuery.Outcome);
        Assert.AreEqual($"instance {Namespace}IResultObject ExecuteQuery(string)", executeQuery.Needed);
        Assert.AreEqual($"the SDK has static {Namespace}IResultObject ExecuteQuery(string) on {Namespace}QueryProcessorBase", executeQuery.Found);
        // The variant also declares QueryProcessor on a new base class: found there, so it binds.
        var queryProcessor = report.References.Single(r => r.Reference == Namespace + "ConnectionManagerBase::get_QueryProcessor");
        Assert.AreEqual(SdkReferenceOutcome.Present, queryProcessor.Outcome);
        Assert.AreEqual($"inherited from {Namespace}ConnectionManagerRoot", queryProcessor.Found);
    }

    [TestMethod]
    public void Resolve_WqlQueryEngineAbsent_ItsReferencesMissingTheOthersPresent()
    {
        PutInBin(Path.Combine(AppContext.BaseDirectory, ManagementProvider + ".dll"), ManagementProvider);

        var report = CreateSut();

        Assert.IsTrue(report.Problems.All(p => p.Assembly == WqlQueryEngine && p.Outcome == SdkReferenceOutcome.Missing));
        Assert.IsNotEmpty(report.Problems);
        StringAssert.Contains(report.Problems[0].Found, Path.Combine(_bin, WqlQueryEngine + ".dll") + " does not exist");
        Assert.IsTrue(report.References.Where(r => r.Assembly == ManagementProvider).All(r => r.Outcome == SdkReferenceOutcome.Present));
    }

    [TestMethod]
    public void Resolve_SdkFileIsNotAnAssembly_ItsReferencesMissingSayingSo()
    {
        PutReferenceAssembliesInBin();
        File.WriteAllText(Path.Combine(_bin, ManagementProvider + ".dll"), "not a PE file");

        var report = CreateSut();

        var problem = report.Problems.First(p => p.Assembly == ManagementProvider);
        StringAssert.Contains(problem.Found, "is not a .NET assembly");
        // WqlConnectionManager's signatures name ManagementProvider types, but only by name: they still resolve.
        Assert.IsTrue(report.References.Where(r => r.Assembly == WqlQueryEngine).All(r => r.Binds));
    }

    [TestMethod]
    public void Resolve_AdapterPathNotAnAssembly_Throws()
    {
        var notAnAssembly = Path.Combine(_bin, "CMDisconnectedSync.ConfigMgr.dll");
        File.WriteAllText(notAnAssembly, "not a PE file");

        Assert.ThrowsExactly<BadImageFormatException>(() => CreateSut(notAnAssembly));
    }
}
