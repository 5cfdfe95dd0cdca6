using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.ConsoleExtension.Discovery;
using CMDisconnectedSync.ConsoleExtension.Installation;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.Doctor.Checks;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

/// <summary>The console checks (path, SDK identity, ConsoleRoot GUIDs) against a console laid out in a temp folder.</summary>
[TestClass]
public sealed class ConsoleChecksTests
{
    private static readonly SdkAssemblyIdentity ManagementProvider =
        new("Microsoft.ConfigurationManagement.ManagementProvider", "5.0.0.0", "31bf3856ad364e35", string.Empty);

    private string _root = null!;
    private string _adminConsole = null!;

    [TestInitialize]
    public void CreateConsole()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-doctor-console-").FullName;
        _adminConsole = Path.Combine(_root, "AdminConsole");
        Directory.CreateDirectory(Path.Combine(_adminConsole, "XmlStorage", "ConsoleRoot"));
        Directory.CreateDirectory(Path.Combine(_adminConsole, "bin"));
    }

    [TestCleanup]
    public void DeleteConsole() => Directory.Delete(_root, recursive: true);

    private static ConsoleFolderLookup CreateSut(string? explicitPath = null, string? smsAdminUiPath = null) =>
        new(new AdminConsoleLocator(new Hints(smsAdminUiPath)), explicitPath);

    private void WriteSdkFile() => File.WriteAllText(Path.Combine(_adminConsole, "bin", ManagementProvider.Name + ".dll"), "stand-in: the identity comes from the reader seam");

    private void WriteConsoleRoot(string fileName, string xml) => File.WriteAllText(Path.Combine(_adminConsole, "XmlStorage", "ConsoleRoot", fileName), xml);

    /// <summary>A ConsoleRoot file in the documented shape holding the given node GUIDs, plus optionally a role-pane query.</summary>
    private void WriteConsoleRootWith(IEnumerable<string> nodeGuids, string? rolePaneQueryGuid = null)
    {
        var nodes = string.Concat(nodeGuids.Select((g, i) => $"<RootNodeDescription NamespaceGuid=\"{g}\" Id=\"Node{i}\" DisplayName=\"Node {i}\"/>"));
        var rolePane = rolePaneQueryGuid is null ? string.Empty :
            $"<RootNodeDescription NamespaceGuid=\"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f\" Id=\"ServersAndSiteSystemRolesNode\"><Queries>"
            + $"<QueryDescription NamespaceGuid=\"{rolePaneQueryGuid}\" Type=\"WQL\"><Query>SELECT * FROM SMS_SCI_SysResUse WHERE NetworkOSPath = '##SUB:NetworkOSPath##'</Query></QueryDescription>"
            + "</Queries></RootNodeDescription>";
        WriteConsoleRoot("Nodes.xml", $"<?xml version=\"1.0\" encoding=\"utf-8\"?><ConsoleNodesRootDescription>{nodes}{rolePane}</ConsoleNodesRootDescription>");
    }

    // ---- console path -------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task ConsolePath_FromSmsAdminUiPath_ConfirmedWithTheFolder()
    {
        var finding = (await new ConsolePathCheck(CreateSut(smsAdminUiPath: Path.Combine(_adminConsole, "bin", "i386"))).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
        Assert.AreEqual(Path.GetFullPath(_adminConsole), finding.Found);
    }

    [TestMethod]
    public async Task ConsolePath_NoConsole_Missing()
    {
        var finding = (await new ConsolePathCheck(CreateSut()).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
        StringAssert.Contains(finding.Detail, "--console-path");
    }

    // ---- SDK identity --------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task SdkIdentity_SameAsCompiledAgainst_Confirmed()
    {
        WriteSdkFile();

        var finding = (await new SdkIdentityCheck(CreateSut(_adminConsole), [ManagementProvider], _ => ManagementProvider).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
        var reportedExpectation = finding.Expected;
        Assert.AreEqual(ManagementProvider.ToString(), reportedExpectation);
        Assert.AreEqual(ManagementProvider.ToString(), finding.Found);
    }

    [TestMethod]
    public async Task SdkIdentity_OtherVersionAndUnsigned_DiffersNamingBoth()
    {
        WriteSdkFile();
        var found = ManagementProvider with { Version = "5.1.0.0", PublicKeyToken = string.Empty };

        var finding = (await new SdkIdentityCheck(CreateSut(_adminConsole), [ManagementProvider], _ => found).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, "version 5.1.0.0 instead of 5.0.0.0");
        StringAssert.Contains(finding.Detail, "public key token null instead of 31bf3856ad364e35");
    }

    [TestMethod]
    public async Task SdkIdentity_DllAbsent_Missing()
    {
        var finding = (await new SdkIdentityCheck(CreateSut(_adminConsole), [ManagementProvider], _ => throw new AssertFailedException("must not read"))
            .RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
    }

    [TestMethod]
    public async Task SdkIdentity_DllUnreadable_AccessDenied()
    {
        WriteSdkFile();

        var finding = (await new SdkIdentityCheck(CreateSut(_adminConsole), [ManagementProvider], path => throw new UnauthorizedAccessException($"Access to {path} is denied."))
            .RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.AccessDenied, finding.Status);
    }

    [TestMethod]
    public async Task SdkIdentity_NoConsole_NotApplicable()
    {
        var finding = (await new SdkIdentityCheck(CreateSut(), [ManagementProvider], _ => ManagementProvider).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
    }

    // ---- ConsoleRoot GUIDs -----------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task ConsoleRoot_AllOurGuidsPresent_ConfirmedWithWhereTheySit()
    {
        WriteConsoleRootWith(FieldFacts.ParentNodes.Select(f => f.Expected), rolePaneQueryGuid: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");

        var findings = await new ConsoleRootGuidCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None);

        Assert.HasCount(4, findings);
        Assert.IsTrue(FieldFacts.ParentNodes.All(f => findings.Of(f).Status == CheckStatus.Confirmed), string.Join("; ", findings.Select(f => f.Id + "=" + f.Status)));
        StringAssert.Contains(findings.Of(FieldFacts.ParentNodes[0]).Found, "Nodes.xml");
    }

    [TestMethod]
    public async Task ConsoleRoot_AllSoftwareUpdatesGuidGone_Missing()
    {
        WriteConsoleRootWith([ConsoleNodeIds.SoftwareUpdatesFolder, ConsoleNodeIds.SoftwareUpdateGroupsNode]);

        var findings = await new ConsoleRootGuidCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None);

        Assert.AreEqual(CheckStatus.Confirmed, findings.Of(FieldFacts.ParentNodes[0]).Status);
        Assert.AreEqual(CheckStatus.Missing, findings.Single(f => f.Expected == ConsoleNodeIds.AllSoftwareUpdatesNode).Status);
    }

    [TestMethod]
    public async Task ConsoleRoot_ARoleQueryExists_NamesTheCandidateAndHowToInstallWithIt()
    {
        const string realPane = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
        WriteConsoleRootWith([ConsoleNodeIds.SoftwareUpdatesFolder], rolePaneQueryGuid: realPane);

        var finding = (await new ConsoleRootGuidCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None)).Of(FieldFacts.RolePane);

        // Nothing to confirm or contradict (no GUID ships): the admin picks the candidate.
        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Found, realPane);
        StringAssert.Contains(finding.Detail, "--role-pane-guid");
        StringAssert.Contains(finding.Detail, "console generate --role-pane-guid");
    }

    [TestMethod]
    public async Task ConsoleRoot_NoRoleQueryAtAll_RolePaneMissing()
    {
        WriteConsoleRootWith([ConsoleNodeIds.SoftwareUpdatesFolder]);

        var finding = (await new ConsoleRootGuidCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None)).Of(FieldFacts.RolePane);

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
    }

    [TestMethod]
    public async Task ConsoleRoot_NotWellFormed_MissingWithTheFileName()
    {
        WriteConsoleRoot("Broken.xml", "<ConsoleNodesRootDescription><RootNodeDescription");

        var findings = await new ConsoleRootGuidCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.Missing));
        StringAssert.Contains(findings[0].Detail, "Broken.xml");
    }

    [TestMethod]
    public async Task ConsoleRoot_Refused_AccessDenied()
    {
        var check = new ConsoleRootGuidCheck(CreateSut(_adminConsole), path => throw new UnauthorizedAccessException($"Access to the path '{path}' is denied."));

        var findings = await check.RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.AccessDenied));
    }

    [TestMethod]
    public async Task ConsoleRoot_NoConsole_NotApplicableWithoutReading()
    {
        var check = new ConsoleRootGuidCheck(CreateSut(), _ => throw new AssertFailedException("must not read"));

        var findings = await check.RunAsync(CancellationToken.None);

        Assert.IsTrue(findings.All(f => f.Status == CheckStatus.NotApplicable));
    }

    [TestMethod]
    public async Task ApprovedExtensions_Always_NotApplicableSayingWhereToLookByHand()
    {
        var finding = (await new ApprovedExtensionsCheck().RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Detail, "Hierarchy Settings");
    }

    private sealed class Hints(string? smsAdminUiPath) : IAdminConsoleHints
    {
        public string? SmsAdminUiPath => smsAdminUiPath;

        public string? RegistryUiInstallationDirectory => null;
    }

    // ---- cab payload -----------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task ExtensionPayload_CabNotInstalled_NotApplicableSayingHowToInstallIt()
    {
        var finding = (await new ConsoleExtensionPayloadCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Detail, "Console Extensions");
    }

    [TestMethod]
    public async Task ExtensionPayload_ExeInTheVersionsBinFolder_Confirmed()
    {
        var bin = Path.Combine(_adminConsole, "Extensions", ConsoleNodeIds.ExtensionId, "1.2.0", "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "CMDisconnectedSync.exe"), "stand-in");

        var finding = (await new ConsoleExtensionPayloadCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
        StringAssert.Contains(finding.Found, Path.Combine("1.2.0", "bin", "CMDisconnectedSync.exe"));
    }

    [TestMethod]
    public async Task ExtensionPayload_ExtensionInstalledWithoutTheExe_MissingNamingTheManifestLine()
    {
        Directory.CreateDirectory(Path.Combine(_adminConsole, "Extensions", ConsoleNodeIds.ExtensionId, "1.2.0", "bin"));

        var finding = (await new ConsoleExtensionPayloadCheck(CreateSut(_adminConsole)).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.Missing, finding.Status);
        StringAssert.Contains(finding.Found, "1.2.0");
        StringAssert.Contains(finding.Detail, "PayloadDeploymentIndex");
    }

    [TestMethod]
    public async Task ExtensionPayload_NoConsole_NotApplicable()
    {
        var finding = (await new ConsoleExtensionPayloadCheck(CreateSut()).RunAsync(CancellationToken.None)).Single();

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
    }
}
