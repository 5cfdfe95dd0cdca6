using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.Testing.ConfigMgr;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

/// <summary>
/// The SDK member check over a console laid out in a temp folder whose bin holds the compile-only SDK reference
/// assemblies (everything our adapter calls), other assemblies under the SDK's names, or nothing; resolved by the real
/// <see cref="SdkBindingReader"/> against the adapter these tests run with, except where a report is made up to show
/// how one finding reads.
/// </summary>
[TestClass]
public sealed class SdkMembersCheckTests
{
    private const string Namespace = "Microsoft.ConfigurationManagement.ManagementProvider.";

    private string _root = null!;
    private string _adminConsole = null!;
    private string _bin = null!;

    [TestInitialize]
    public void CreateConsole()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-doctor-sdk-members-").FullName;
        _adminConsole = Path.Combine(_root, "AdminConsole");
        _bin = Path.Combine(_adminConsole, "bin");
        Directory.CreateDirectory(Path.Combine(_adminConsole, "XmlStorage", "ConsoleRoot"));
        Directory.CreateDirectory(_bin);
    }

    [TestCleanup]
    public void DeleteConsole() => Directory.Delete(_root, recursive: true);

    private SdkMembersCheck CreateSut(bool consoleInstalled = true, Func<string, string, SdkBindingReport>? resolve = null) =>
        new(new ConsoleFolderLookup(new AdminConsoleLocator(new Hints(consoleInstalled ? Path.Combine(_bin, "i386") : null)), null),
            SdkBindingReader.AdapterAssemblyPath,
            resolve ?? SdkBindingReader.Resolve);

    private static async Task<DoctorFinding> RunAsync(SdkMembersCheck check) => (await check.RunAsync(CancellationToken.None)).Single();

    private static void AssertReadsAs(string pattern, string found) =>
        Assert.IsTrue(System.Text.RegularExpressions.Regex.IsMatch(found, pattern), $"'{found}' does not match '{pattern}'");

    [TestMethod]
    public async Task Run_BinHoldsTheSdkTheAdapterWasBuiltAgainst_ConfirmedCountingEveryMember()
    {
        SdkReferenceAssemblies.CopyInto(_bin);

        var finding = await RunAsync(CreateSut());

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status, finding.Detail);
        Assert.AreEqual(FieldFacts.SdkMembers.Id, finding.Id);
        AssertReadsAs($@"^(\d+) of \1 SDK members cmdsync uses are present in {System.Text.RegularExpressions.Regex.Escape(_bin)}$", finding.Found);
    }

    [TestMethod]
    public async Task Run_SdkFileNamesHoldOtherAssemblies_DiffersListingEveryMemberWithTheFix()
    {
        File.Copy(typeof(SdkBindingReader).Assembly.Location, Path.Combine(_bin, "Microsoft.ConfigurationManagement.ManagementProvider.dll"));
        File.Copy(typeof(DoctorChecks).Assembly.Location, Path.Combine(_bin, "AdminUI.WqlQueryEngine.dll"));

        var finding = await RunAsync(CreateSut());

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        AssertReadsAs(@"^(\d+) of \1 SDK members cmdsync uses are missing or different in ", finding.Found);
        StringAssert.Contains(finding.Found, "WqlConnectionManager::.ctor");
        StringAssert.Contains(finding.Detail, "is assembly 'CMDisconnectedSync.Doctor'");
        StringAssert.Contains(finding.Detail, "update the console to the site's version, or report the doctor JSON");
    }

    [TestMethod]
    public async Task Run_OneMemberMissingFromTheSdk_DiffersNamingItWithWhatWasNeededAndFound()
    {
        SdkReferenceAssemblies.CopyInto(_bin);
        var report = new SdkBindingReport(SdkBindingReader.AdapterAssemblyPath, _bin,
        [
            new("Microsoft.ConfigurationManagement.ManagementProvider", Namespace + "IQueryPropertyItem", "public type", SdkReferenceOutcome.Present,
                "in Microsoft.ConfigurationManagement.ManagementProvider.dll"),
            new("Microsoft.ConfigurationManagement.ManagementProvider", Namespace + "IQueryPropertyItem::get_ObjectValue", "instance object get_ObjectValue()",
                SdkReferenceOutcome.Missing, $"no method named get_ObjectValue on {Namespace}IQueryPropertyItem or its SDK base types"),
        ]);

        var finding = await RunAsync(CreateSut(resolve: (_, _) => report));

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        Assert.AreEqual($"1 of 2 SDK members cmdsync uses are missing or different in {_bin}: IQueryPropertyItem::get_ObjectValue", finding.Found);
        StringAssert.StartsWith(finding.Detail,
            $"IQueryPropertyItem::get_ObjectValue (Missing): needed instance object get_ObjectValue(); found no method named get_ObjectValue on {Namespace}IQueryPropertyItem");
    }

    [TestMethod]
    public async Task Run_SdkDllAbsent_MissingWithoutResolving()
    {
        var finding = await RunAsync(CreateSut(resolve: (_, _) => throw new AssertFailedException("must not resolve")));

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
        StringAssert.Contains(finding.Detail, "Microsoft.ConfigurationManagement.ManagementProvider.dll and AdminUI.WqlQueryEngine.dll missing from " + _bin);
    }

    [TestMethod]
    public async Task Run_SdkDllUnreadable_AccessDenied()
    {
        SdkReferenceAssemblies.CopyInto(_bin);

        var finding = await RunAsync(CreateSut(resolve: (_, bin) => throw new UnauthorizedAccessException($"Access to the path '{bin}' is denied.")));

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
        StringAssert.Contains(finding.Detail, _bin);
    }

    [TestMethod]
    public async Task Run_NoConsole_NotApplicableWithoutResolving()
    {
        var finding = await RunAsync(CreateSut(consoleInstalled: false, resolve: (_, _) => throw new AssertFailedException("must not resolve")));

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
    }

    private sealed class Hints(string? smsAdminUiPath) : IAdminConsoleHints
    {
        public string? SmsAdminUiPath => smsAdminUiPath;

        public string? RegistryUiInstallationDirectory => null;
    }
}
