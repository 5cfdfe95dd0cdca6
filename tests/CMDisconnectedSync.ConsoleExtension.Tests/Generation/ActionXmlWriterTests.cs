using System.Text.RegularExpressions;
using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

[TestClass]
public sealed class ActionXmlWriterTests
{
    // ShowOn values Microsoft documents ("Configuration Manager Action XML", "Conditional Actions").
    private static readonly HashSet<string> DocumentedShowOn = new(StringComparer.Ordinal) { "ContextMenu", "DefaultHomeTab", "DefaultContextualTab" };

    /// <summary>A role-pane GUID as an admin passes it with --role-pane-guid (any GUID: none ships).</summary>
    private const string AdminsRolePane = "11111111-2222-4333-8444-555555555555";

    /// <summary>Per parent GUID: the WMI class of the selected row and the properties it has (null: node-level, no row, no substitution).</summary>
    // Every row also has WMI's system properties __Server and __Namespace (learn.microsoft.com "WMI System Properties").
    private static readonly Dictionary<string, HashSet<string>?> RowPropertiesByParent = new(StringComparer.OrdinalIgnoreCase)
    {
        // SMS_SCI_SysResUse (design.md §5): the SUP role row.
        [AdminsRolePane] = new(StringComparer.Ordinal) { "RoleName", "NetworkOSPath", "SiteCode", "__Server", "__Namespace" },
        // SMS_SUPSyncStatus (design.md §5): our node's rows.
        [ConsoleNodeIds.DisconnectedSyncNodeQuery] = new(StringComparer.Ordinal)
        {
            "SiteCode", "WSUSServerName", "LastSyncState", "LastSyncStateTime", "LastSuccessfulSyncTime", "LastSyncErrorCode", "__Server", "__Namespace",
        },
        // SMS_AuthorizationList (learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_authorizationlist-server-wmi-class):
        // a software update group row.
        [ConsoleNodeIds.SoftwareUpdateGroupRows] = new(StringComparer.Ordinal) { "CI_ID", "CI_UniqueID", "LocalizedDisplayName", "__Server", "__Namespace" },
        [ConsoleNodeIds.SoftwareUpdatesFolder] = null,
        [ConsoleNodeIds.AllSoftwareUpdatesNode] = null,
        [ConsoleNodeIds.SoftwareUpdateGroupsNode] = null,
    };

    private static ConsoleExtensionDefinition CreateSut() => TestRepository.ShippedDefinition();

    private static ConsoleExtensionDefinition CreateSutWithRolePane() =>
        ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = TestRepository.VersionPrefix, RolePaneGuid = AdminsRolePane });

    private static IEnumerable<(string ParentGuid, XDocument Xml, string Path)> ActionFiles(ConsoleExtensionDefinition definition) =>
        ConsoleExtensionLayout.LegacyFiles(definition)
            .Where(f => f.RelativePath.Contains("/Actions/"))
            .Select(f => (f.RelativePath.Split('/')[3], XDocument.Load(new MemoryStream(f.Content)), f.RelativePath));

    [TestMethod]
    public void LegacyFiles_EveryAction_IsAnExecutableActionDescription()
    {
        var files = ActionFiles(CreateSutWithRolePane()).ToList();

        Assert.HasCount(18, files);
        foreach (var (_, xml, path) in files)
        {
            var root = xml.Root!;
            Assert.AreEqual("ActionDescription", root.Name.LocalName, path);
            Assert.AreEqual(string.Empty, root.Name.NamespaceName, path);
            Assert.AreEqual("Executable", (string?)root.Attribute("Class"), path);
            foreach (var attribute in new[] { "DisplayName", "MnemonicDisplayName", "Description" })
            {
                Assert.IsFalse(string.IsNullOrWhiteSpace((string?)root.Attribute(attribute)), $"{path}: {attribute}");
            }

            Assert.IsNotNull(root.Element("Executable")?.Element("FilePath"), path);
            Assert.IsNotNull(root.Element("Executable")?.Element("Parameters"), path);
        }
    }

    [TestMethod]
    public void LegacyFiles_ShowOn_UsesOnlyDocumentedValues()
    {
        foreach (var (_, xml, path) in ActionFiles(CreateSut()))
        {
            var places = xml.Root!.Element("ShowOn")!.Elements("string").Select(e => e.Value).ToList();
            Assert.IsNotEmpty(places, path);
            foreach (var place in places)
            {
                Assert.Contains(place, DocumentedShowOn, $"{path}: ShowOn '{place}'");
            }
        }
    }

    [TestMethod]
    public void LegacyFiles_Substitutions_NameOnlyPropertiesOfTheRowClass()
    {
        var substitution = new Regex("##SUB:([^#]+)##");
        foreach (var (parent, xml, path) in ActionFiles(CreateSutWithRolePane()))
        {
            Assert.IsTrue(RowPropertiesByParent.TryGetValue(parent, out var allowed), $"{path}: no property table for parent {parent}");
            var used = substitution.Matches(xml.ToString()).Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value).ToList();
            if (allowed is null)
            {
                Assert.IsEmpty(used, $"{path}: node-level actions have no selected row, yet substitute {string.Join(", ", used)}");
                continue;
            }

            foreach (var property in used)
            {
                Assert.Contains(property, allowed, $"{path}: ##SUB:{property}## is not a property of the row");
            }
        }
    }

    [TestMethod]
    public void LegacyFiles_FilePath_IsTheWizardTheInstallerDelivers()
    {
        foreach (var (_, xml, path) in ActionFiles(CreateSut()))
        {
            var filePath = xml.Root!.Element("Executable")!.Element("FilePath")!.Value;
            Assert.AreEqual(ConsoleExtensionOptions.DefaultExecutablePath, filePath, path);
            Assert.AreEqual(ConsoleExtensionOptions.ExecutableFileName, filePath.Split('\\').Last(), path);
        }
    }

    [TestMethod]
    public void LegacyFiles_CustomExecutablePath_IsWrittenVerbatim()
    {
        var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = "1.2.3", ExecutablePath = @"D:\Tools\CMDisconnectedSync.exe" });

        var paths = ActionFiles(definition).Select(f => f.Xml.Root!.Element("Executable")!.Element("FilePath")!.Value).Distinct().ToList();

        CollectionAssert.AreEqual(new[] { @"D:\Tools\CMDisconnectedSync.exe" }, paths);
    }

    [TestMethod]
    public void RoleRowActions_MatchPattern_SelectsOnlyTheSoftwareUpdatePointRole()
    {
        var roleFiles = ActionFiles(CreateSutWithRolePane()).Where(f => f.ParentGuid == AdminsRolePane).ToList();

        Assert.HasCount(2, roleFiles);
        foreach (var (_, xml, path) in roleFiles)
        {
            Assert.AreEqual("##SUB:RoleName##", xml.Root!.Element("MatchValueToTest")?.Value, path);
            var pattern = new Regex(xml.Root!.Element("MatchPattern")!.Value);
            Assert.IsTrue(pattern.IsMatch("SMS Software Update Point"), path);
            Assert.IsFalse(pattern.IsMatch("SMS Distribution Point"), path);
            Assert.IsFalse(pattern.IsMatch("SMS Software Update Point Proxy"), path);
        }
    }

    [TestMethod]
    public void Parameters_RoleRow_PassesQuotedServerAndNamespaceAndRowValues()
    {
        var definition = CreateSutWithRolePane();
        var folder = definition.ActionFolders.Single(f => f.ParentGuid == AdminsRolePane);

        var parameters = ActionXmlWriter.Parameters(folder, folder.Actions[0]);

        Assert.AreEqual(
            "export --site-server \"##SUB:__Server##\" --namespace \"##SUB:__Namespace##\" --site-code ##SUB:SiteCode## --sup ##SUB:NetworkOSPath##",
            parameters);
    }

    [TestMethod]
    public void Parameters_SoftwareUpdateGroupRow_PassesTheSiteAndTheGroupsCiId()
    {
        var folder = CreateSut().ActionFolders.Single(f => f.ParentGuid == ConsoleNodeIds.SoftwareUpdateGroupRows);

        var parameters = folder.Actions.Select(a => ActionXmlWriter.Parameters(folder, a)).ToList();

        Assert.AreEqual("SMS_AuthorizationList", folder.Row!.WmiClass);
        CollectionAssert.AreEqual(
            new[] { "request-content --site-server \"##SUB:__Server##\" --namespace \"##SUB:__Namespace##\" --group-id ##SUB:CI_ID##" },
            parameters);
        CollectionAssert.AreEquivalent(new[] { ShowOnPlace.ContextMenu, ShowOnPlace.DefaultContextualTab }, folder.ShowOn.ToArray());
    }

    [TestMethod]
    public void Parameters_NodeLevel_PassOnlyTheVerb()
    {
        var folder = CreateSut().ActionFolders.Single(f => f.ParentGuid == ConsoleNodeIds.SoftwareUpdateGroupsNode);

        var verbs = folder.Actions.Select(a => ActionXmlWriter.Parameters(folder, a)).ToList();

        CollectionAssert.AreEqual(new[] { "export", "import", "next-steps", "status" }, verbs);
    }

    [TestMethod]
    public void NodeLevelFolders_ShowOnHomeTabAndContextMenu_InFileNameOrder()
    {
        foreach (var guid in new[] { ConsoleNodeIds.SoftwareUpdatesFolder, ConsoleNodeIds.AllSoftwareUpdatesNode, ConsoleNodeIds.SoftwareUpdateGroupsNode })
        {
            var folder = CreateSut().ActionFolders.Single(f => f.ParentGuid == guid);
            CollectionAssert.AreEquivalent(new[] { ShowOnPlace.DefaultHomeTab, ShowOnPlace.ContextMenu }, folder.ShowOn.ToArray());
            var stems = folder.Actions.Select(a => a.FileStem).ToList();
            CollectionAssert.AreEqual(stems.OrderBy(s => s, StringComparer.Ordinal).ToList(), stems, guid);
            Assert.HasCount(4, stems, guid);
        }
    }

    [TestMethod]
    public void LegacyFiles_Icons_ComeOnlyFromTheConsoleStockResources()
    {
        var withIcon = 0;
        foreach (var (_, xml, path) in ActionFiles(CreateSut()))
        {
            var images = xml.Root!.Element("ImagesDescription");
            var isStatus = xml.Root!.Element("Executable")!.Element("Parameters")!.Value.StartsWith("status", StringComparison.Ordinal);
            Assert.AreEqual(isStatus, images is not null, path);
            if (images is null)
            {
                continue;
            }

            withIcon++;
            Assert.AreEqual("AdminUI.UIResources.dll", images.Element("ResourceAssembly")!.Element("Assembly")!.Value, path);
            Assert.AreEqual("Microsoft.ConfigurationManagement.AdminConsole.UIResources.Properties.Resources.resources", images.Element("ResourceAssembly")!.Element("Type")!.Value, path);
            Assert.AreEqual("ShowMessages", images.Element("ImageResourceName")!.Value, path);
        }

        Assert.AreEqual(4, withIcon);
    }

    [TestMethod]
    public void Create_RolePaneGuidThatIsNotAGuid_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<ArgumentException>(() =>
            ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = "1.0.0", RolePaneGuid = "not-a-guid" }));

        StringAssert.Contains(ex.Message, "not-a-guid");
    }

    [TestMethod]
    public void Create_WithoutRolePaneGuid_ShipsNoRoleRowActions()
    {
        var definition = CreateSut();

        Assert.IsNull(definition.Options.RolePaneGuid);
        Assert.IsFalse(definition.ActionFolders.Any(f => f.Row?.WmiClass == "SMS_SCI_SysResUse"), "role-row actions without a known pane GUID");
        CollectionAssert.AreEquivalent(
            new[]
            {
                ConsoleNodeIds.SoftwareUpdatesFolder, ConsoleNodeIds.AllSoftwareUpdatesNode, ConsoleNodeIds.SoftwareUpdateGroupsNode,
                ConsoleNodeIds.SoftwareUpdateGroupRows, ConsoleNodeIds.DisconnectedSyncNodeQuery,
            },
            ActionFiles(definition).Select(f => f.ParentGuid).Distinct().ToArray());
    }

    [TestMethod]
    public void Create_WithRolePaneGuid_AddsExportAndImportUnderIt()
    {
        var definition = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = "1.0.0", RolePaneGuid = AdminsRolePane.ToUpperInvariant() });

        var roleFiles = ActionFiles(definition).Where(f => f.ParentGuid == AdminsRolePane).Select(f => f.Path.Split('/').Last()).ToList();

        CollectionAssert.AreEqual(new[] { "10_ExportForDisconnectedSup.xml", "20_ImportUpdatesBundle.xml" }, roleFiles);
    }

    [TestMethod]
    public void CabXmlEntries_Actions_StartTheWizardTheCabCarries()
    {
        var definition = CreateSutWithRolePane();

        foreach (var entry in ConsoleExtensionLayout.CabXmlEntries(definition).Where(e => e.Kind == DeploymentKind.Action))
        {
            var executable = RealConsoleFiles.Load(entry.Content).Element("Executable")!;
            Assert.AreEqual($@".\..\Extensions\{ConsoleNodeIds.ExtensionId}\{TestRepository.VersionPrefix}\bin\CMDisconnectedSync.exe", executable.Element("FilePath")!.Value, entry.FileName);
            Assert.AreEqual("false", (string?)executable.Attribute("UseShellProcessing"), entry.FileName);
        }
    }

    [TestMethod]
    public void CabLaunch_PayloadPath_IsBuiltLikeMicrosoftsRecoveryKeyCab()
    {
        // Microsoft's signed recoveryKeyExtension.cab runs its payload as .\..\Extensions\<ExtensionID>\<Version>\bin\<file>,
        // ExtensionID and Version taken from its own Manifest.xml. Rebuild our path with that template.
        var manifest = RealConsoleFiles.Load(RealConsoleFiles.RecoveryKeyManifestPath);
        var (id, version) = ((string)manifest.Attribute("ExtensionID")!, (string)manifest.Attribute("Version")!);
        var parameters = RealConsoleFiles.Load(RealConsoleFiles.RecoveryKeyActionPath).Element("Executable")!.Element("Parameters")!.Value;
        var payloadPath = parameters.Split(' ').Single(p => p.EndsWith("RecoveryKey.ps1", StringComparison.Ordinal));
        var template = payloadPath.Replace(id, "{0}", StringComparison.Ordinal).Replace(@"\" + version + @"\", @"\{1}\", StringComparison.Ordinal)
            .Replace("RecoveryKey.ps1", "{2}", StringComparison.Ordinal);
        Assert.AreEqual(@".\..\Extensions\{0}\{1}\bin\{2}", template, "the fixture's payload path changed shape");
        var identity = CreateSut().Identity;

        var launch = ConsoleExtensionLayout.CabLaunch(identity);

        Assert.AreEqual(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, identity.ExtensionId, identity.Version, "CMDisconnectedSync.exe"), launch.FilePath);
    }

    [TestMethod]
    public void CabXmlEntries_Executable_HasTheShapeOfMicrosoftsCabAction()
    {
        var microsoft = RealConsoleFiles.Shape(RealConsoleFiles.Load(RealConsoleFiles.RecoveryKeyActionPath).Element("Executable")!);

        foreach (var entry in ConsoleExtensionLayout.CabXmlEntries(CreateSut()).Where(e => e.Kind == DeploymentKind.Action))
        {
            var ours = RealConsoleFiles.Shape(RealConsoleFiles.Load(entry.Content).Element("Executable")!);
            CollectionAssert.AreEqual(microsoft.ToList(), ours.ToList(), entry.FileName);
        }
    }
}
