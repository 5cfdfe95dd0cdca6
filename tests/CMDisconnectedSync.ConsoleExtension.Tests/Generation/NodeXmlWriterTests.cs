using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

[TestClass]
public sealed class NodeXmlWriterTests
{
    private static readonly string[] SupSyncStatusProperties =
        ["SiteCode", "WSUSServerName", "LastSyncState", "LastSyncStateTime", "LastSuccessfulSyncTime", "LastSyncErrorCode"];

    private static XElement CreateSut()
    {
        var file = ConsoleExtensionLayout.LegacyFiles(TestRepository.ShippedDefinition()).Single(f => f.RelativePath.Contains("/Nodes/"));
        Assert.AreEqual($"XmlStorage/Extensions/Nodes/{ConsoleNodeIds.SoftwareUpdatesFolder}/DisconnectedSyncNode.xml", file.RelativePath);
        return RealConsoleFiles.Load(file.Content);
    }

    /// <summary>The grid-view nodes of Microsoft's console XML (5.2603, Fixtures/ConsoleRoot): All Software Updates, Software Update Groups.</summary>
    private static List<XElement> MicrosoftGridNodes() =>
        RealConsoleFiles.Load(RealConsoleFiles.SoftwareLibraryExcerptPath).Elements("RootNodeDescription").ToList();

    [TestMethod]
    public void Write_DisconnectedSyncNode_IsARootNodeUnderSoftwareUpdates()
    {
        var root = CreateSut();

        Assert.AreEqual("RootNodeDescription", root.Name.LocalName);
        Assert.AreEqual(ConsoleNodeIds.SoftwareUpdatesFolder, (string?)root.Attribute("NamespaceGuid"));
        Assert.AreEqual("Disconnected Sync", (string?)root.Attribute("DisplayName"));
        Assert.IsFalse(string.IsNullOrEmpty((string?)root.Attribute("Id")));
    }

    [TestMethod]
    public void Write_DisconnectedSyncNode_UsesTheStockGridViewOverSupSyncStatus()
    {
        var view = CreateSut().Element("ViewAssemblyDescriptions")!.Element("ViewAssemblyDescription")!;
        var data = view.Element("CustomData")!.Element("ConfigurationData")!.Element("PropertyItemsData")!.Element("PropertyItemsData")!;

        Assert.AreEqual("AdminUI.ConsoleView.dll", view.Element("Assembly")!.Value);
        Assert.AreEqual("Microsoft.ConfigurationManagement.AdminConsole.ConsoleView.ViewDescription", view.Element("Type")!.Value);
        Assert.AreEqual("SMS_SUPSyncStatus", data.Element("ClassName")!.Value);
        foreach (var column in data.Element("Properties")!.Elements("string").Select(e => e.Value))
        {
            CollectionAssert.Contains(SupSyncStatusProperties, column);
        }
    }

    [TestMethod]
    public void Write_GridView_HasTheShapeOfMicrosoftsGridViews()
    {
        // Microsoft: ViewAssemblyDescription/CustomData/ConfigurationData/PropertyItemsData/PropertyItemsData/{Properties/string, ClassName}.
        var ours = RealConsoleFiles.Shape(CreateSut().Element("ViewAssemblyDescriptions")!, withAttributes: false);

        foreach (var microsoft in MicrosoftGridNodes())
        {
            var theirs = RealConsoleFiles.Shape(microsoft.Element("ViewAssemblyDescriptions")!, withAttributes: false);
            CollectionAssert.AreEqual(theirs.ToList(), ours.ToList(), (string?)microsoft.Attribute("Id"));
        }
    }

    [TestMethod]
    public void Write_ResourcesAndIcon_HaveTheShapeOfMicrosoftsNodes()
    {
        var node = CreateSut();

        foreach (var microsoft in MicrosoftGridNodes())
        {
            var id = (string?)microsoft.Attribute("Id");
            foreach (var element in new[] { "ResourceAssembly", "ImagesDescription" })
            {
                Assert.IsNotNull(node.Element(element), element);
                CollectionAssert.AreEqual(
                    RealConsoleFiles.Shape(microsoft.Element(element)!).ToList(), RealConsoleFiles.Shape(node.Element(element)!).ToList(), $"{id}: {element}");
            }

            // The icon comes from the same stock resources Microsoft's nodes take their images from.
            Assert.AreEqual(
                microsoft.Element("ImagesDescription")!.Element("ResourceAssembly")!.ToString(),
                node.Element("ImagesDescription")!.Element("ResourceAssembly")!.ToString(),
                id);
        }
    }

    [TestMethod]
    public void Write_ChildElements_FollowMicrosoftsOrder()
    {
        var ours = CreateSut().Elements().Select(e => e.Name.LocalName).ToList();

        foreach (var microsoft in MicrosoftGridNodes())
        {
            // Microsoft's nodes also hold SecurityConfiguration, Actions (trimmed in the excerpt) and FolderDescription;
            // ours must be the same sequence without the ones we do not need.
            var order = new List<string> { "SecurityConfiguration", "ResourceAssembly", "ImagesDescription", "ViewAssemblyDescriptions", "Actions", "Queries", "FolderDescription" };
            var theirs = microsoft.Elements().Select(e => e.Name.LocalName).ToList();
            CollectionAssert.IsSubsetOf(theirs, order, (string?)microsoft.Attribute("Id"));
            CollectionAssert.AreEqual(order.Where(ours.Contains).ToList(), ours);
            CollectionAssert.IsSubsetOf(new[] { "ResourceAssembly", "ImagesDescription", "ViewAssemblyDescriptions", "Queries" }, ours);
        }
    }

    [TestMethod]
    public void Write_DisconnectedSyncNode_QueryGuidIsTheFolderOfItsRowActions()
    {
        var query = CreateSut().Element("Queries")!.Element("QueryDescription")!;
        var rowFolders = TestRepository.ShippedDefinition().ActionFolders.Where(f => f.Row?.WmiClass == "SMS_SUPSyncStatus").ToList();

        Assert.AreEqual("WQL", (string?)query.Attribute("Type"));
        Assert.AreEqual("SELECT * FROM SMS_SUPSyncStatus", query.Element("Query")!.Value);
        Assert.HasCount(1, rowFolders);
        Assert.AreEqual(ConsoleNodeIds.DisconnectedSyncNodeQuery, (string?)query.Attribute("NamespaceGuid"));
        Assert.AreEqual(ConsoleNodeIds.DisconnectedSyncNodeQuery, rowFolders[0].ParentGuid);
    }

    [TestMethod]
    public void Write_Query_UsesOnlyElementsMicrosoftsQueriesHave()
    {
        var ours = RealConsoleFiles.Shape(CreateSut().Element("Queries")!, withAttributes: false);
        var theirs = new SortedSet<string>(
            MicrosoftGridNodes().SelectMany(n => RealConsoleFiles.Shape(n.Element("Queries")!, withAttributes: false)), StringComparer.Ordinal);

        CollectionAssert.IsSubsetOf(ours.ToList(), theirs.ToList());
    }
}
