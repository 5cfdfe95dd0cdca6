using CMDisconnectedSync.ConsoleExtension.Discovery;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Discovery;

[TestClass]
public sealed class ConsoleRootCatalogTests
{
    private static string FixtureFolder => Path.Combine(AppContext.BaseDirectory, "Discovery", "Fixtures", "ConsoleRoot");

    private static IReadOnlyList<ConsoleRootEntry> CreateSut() => ConsoleRootCatalog.Read(FixtureFolder);

    [TestMethod]
    public void Read_Fixture_FindsTheKnownSoftwareUpdatesGuids()
    {
        var guids = CreateSut().Select(e => e.NamespaceGuid).ToList();

        CollectionAssert.Contains(guids, ConsoleNodeIds.SoftwareUpdatesFolder);
        CollectionAssert.Contains(guids, ConsoleNodeIds.AllSoftwareUpdatesNode);
        CollectionAssert.Contains(guids, ConsoleNodeIds.SoftwareUpdateGroupsNode);
        CollectionAssert.Contains(guids, ConsoleNodeIds.SiteConfiguration);
    }

    [TestMethod]
    public void Read_Query_CarriesItsWqlAndEnclosingNodePath()
    {
        var groups = CreateSut().Single(e => e.NamespaceGuid == ConsoleNodeIds.SoftwareUpdateGroupsNode);

        Assert.AreEqual(ConsoleRootEntryKind.Query, groups.Kind);
        Assert.AreEqual("SELECT * FROM SMS_AuthorizationList", groups.Wql);
        Assert.AreEqual("SoftwareLibraryNode/SmsSoftwareUpdatesNode/SoftwareUpdateGroupsNode", groups.NodePath);
    }

    [TestMethod]
    public void Read_Node_CarriesItsPathAndDisplayName()
    {
        var node = CreateSut().Single(e => e.NamespaceGuid == "392b72f3-1c83-42e1-90ed-611798bc0dd0");

        Assert.AreEqual(ConsoleRootEntryKind.Node, node.Kind);
        Assert.AreEqual("SoftwareLibraryNode/SmsSoftwareUpdatesNode", node.NodePath);
        Assert.AreEqual("SUMName", node.DisplayName);
    }

    [TestMethod]
    public void Read_QueriesOnOneLine_AreNotSkipped()
    {
        var all = CreateSut().Single(e => e.NamespaceGuid == ConsoleNodeIds.AllSoftwareUpdatesNode);

        Assert.AreEqual("SELECT * FROM SMS_SoftwareUpdate", all.Wql);
        CollectionAssert.Contains(CreateSut().Select(e => e.NamespaceGuid).ToList(), "0a7c2e4f-1b3d-4e5f-8a9b-c0d1e2f3a4b5");
    }

    [TestMethod]
    public void Read_EmptyQueryDescription_IsListedWithoutWql()
    {
        var empty = CreateSut().Single(e => e.NamespaceGuid == "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff");

        Assert.AreEqual(ConsoleRootEntryKind.Query, empty.Kind);
        Assert.IsNull(empty.Wql);
    }

    [TestMethod]
    public void Filter_SysResUse_ReturnsOnlyTheRolePaneQuery()
    {
        var found = ConsoleRootCatalog.Filter(CreateSut(), "sms_sci_sysresuse");

        Assert.HasCount(1, found);
        Assert.AreEqual("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", found[0].NamespaceGuid);
        Assert.AreEqual("AdministrationNode/SiteConfigurationNode/ServersAndSiteSystemRolesNode", found[0].NodePath);
    }

    [TestMethod]
    public void Read_MalformedFile_ThrowsNamingTheFile()
    {
        var folder = TestRepository.NewTempFolder();
        try
        {
            File.WriteAllText(Path.Combine(folder, "Broken.xml"), "<ConsoleNodesRootDescription><RootNodeDescription>");

            var ex = Assert.ThrowsExactly<InvalidDataException>(() => ConsoleRootCatalog.Read(folder));

            StringAssert.Contains(ex.Message, "Broken.xml");
        }
        finally
        {
            TestRepository.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public void Read_MissingFolder_ThrowsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var ex = Assert.ThrowsExactly<DirectoryNotFoundException>(() => ConsoleRootCatalog.Read(missing));

        StringAssert.Contains(ex.Message, missing);
    }
}
