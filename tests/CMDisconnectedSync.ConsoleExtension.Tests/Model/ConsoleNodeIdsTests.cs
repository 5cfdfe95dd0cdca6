using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.ConsoleExtension.Tests.Generation;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Model;

[TestClass]
public sealed class ConsoleNodeIdsTests
{
    [TestMethod]
    [DataRow(ConsoleNodeIds.AllSoftwareUpdatesNode, "AllUpdatesNode")]
    [DataRow(ConsoleNodeIds.SoftwareUpdateGroupsNode, "UpdateGroupsNode")]
    public void NodeLevelParent_IsANodeOfTheConsolesOwnSoftwareLibraryXml(string namespaceGuid, string id)
    {
        // Console 5.2603.1030.1000 XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml (Generation/Fixtures/README.md).
        var nodes = RealConsoleFiles.Load(RealConsoleFiles.SoftwareLibraryExcerptPath).Elements("RootNodeDescription");

        var node = nodes.Single(n => (string?)n.Attribute("NamespaceGuid") == namespaceGuid);

        Assert.AreEqual(id, (string?)node.Attribute("Id"));
    }

    [TestMethod]
    public void SoftwareUpdateGroupRows_IsTheQueryOfTheConsolesUpdateGroupsNodeReturningAuthorizationLists()
    {
        // Row actions live under the GUID of the QueryDescription that fills the grid (design.md §6); in the console's
        // own SoftwareLibraryNode.xml 5.2603 that query is the Software Update Groups node's, over SMS_AuthorizationList.
        var groups = RealConsoleFiles.Load(RealConsoleFiles.SoftwareLibraryExcerptPath).Elements("RootNodeDescription")
            .Single(n => (string?)n.Attribute("NamespaceGuid") == ConsoleNodeIds.SoftwareUpdateGroupsNode);

        var query = groups.Element("Queries")!.Elements("QueryDescription")
            .Single(q => (string?)q.Attribute("NamespaceGuid") == ConsoleNodeIds.SoftwareUpdateGroupRows);

        Assert.AreEqual("SMS_AuthorizationList", query.Element("ReturnedClassType")!.Value);
        StringAssert.StartsWith(query.Element("Query")!.Value, "SELECT * FROM SMS_AuthorizationList");
    }
}
