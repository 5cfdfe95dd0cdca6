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
}
