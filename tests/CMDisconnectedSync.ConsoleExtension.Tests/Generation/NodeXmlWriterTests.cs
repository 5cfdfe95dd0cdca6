using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

[TestClass]
public sealed class NodeXmlWriterTests
{
    private static readonly string[] SupSyncStatusProperties =
        ["SiteCode", "WSUSServerName", "LastSyncState", "LastSyncStateTime", "LastSuccessfulSyncTime", "LastSyncErrorCode"];

    private static XDocument CreateSut()
    {
        var file = ConsoleExtensionLayout.LegacyFiles(TestRepository.ShippedDefinition()).Single(f => f.RelativePath.Contains("/Nodes/"));
        Assert.AreEqual($"XmlStorage/Extensions/Nodes/{ConsoleNodeIds.SoftwareUpdatesFolder}/DisconnectedSyncNode.xml", file.RelativePath);
        return XDocument.Load(new MemoryStream(file.Content));
    }

    [TestMethod]
    public void Write_DisconnectedSyncNode_IsARootNodeUnderSoftwareUpdates()
    {
        var root = CreateSut().Root!;

        Assert.AreEqual("RootNodeDescription", root.Name.LocalName);
        Assert.AreEqual(ConsoleNodeIds.SoftwareUpdatesFolder, (string?)root.Attribute("NamespaceGuid"));
        Assert.AreEqual("Disconnected Sync", (string?)root.Attribute("DisplayName"));
        Assert.IsFalse(string.IsNullOrEmpty((string?)root.Attribute("Id")));
    }

    [TestMethod]
    public void Write_DisconnectedSyncNode_UsesTheStockGridViewOverSupSyncStatus()
    {
        var view = CreateSut().Root!.Element("ViewAssemblyDescriptions")!.Element("ViewAssemblyDescription")!;
        var data = view.Element("CustomData")!.Element("ConfigurationData")!.Element("PropertyItemsData")!;

        Assert.AreEqual("AdminUI.ConsoleView.dll", view.Element("Assembly")!.Value);
        Assert.AreEqual("Microsoft.ConfigurationManagement.AdminConsole.ConsoleView.ViewDescription", view.Element("Type")!.Value);
        Assert.AreEqual("SMS_SUPSyncStatus", data.Element("ClassName")!.Value);
        foreach (var column in data.Element("Properties")!.Elements("string").Select(e => e.Value))
        {
            CollectionAssert.Contains(SupSyncStatusProperties, column);
        }
    }

    [TestMethod]
    public void Write_DisconnectedSyncNode_QueryGuidIsTheFolderOfItsRowActions()
    {
        var query = CreateSut().Root!.Element("Queries")!.Element("QueryDescription")!;
        var rowFolders = TestRepository.ShippedDefinition().ActionFolders.Where(f => f.Row?.WmiClass == "SMS_SUPSyncStatus").ToList();

        Assert.AreEqual("WQL", (string?)query.Attribute("Type"));
        Assert.AreEqual("SELECT * FROM SMS_SUPSyncStatus", query.Element("Query")!.Value);
        Assert.HasCount(1, rowFolders);
        Assert.AreEqual(ConsoleNodeIds.DisconnectedSyncNodeQuery, (string?)query.Attribute("NamespaceGuid"));
        Assert.AreEqual(ConsoleNodeIds.DisconnectedSyncNodeQuery, rowFolders[0].ParentGuid);
    }
}
