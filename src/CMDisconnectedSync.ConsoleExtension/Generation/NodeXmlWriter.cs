using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Writes the "Disconnected Sync" node: a <c>RootNodeDescription</c> with the stock grid view
/// (<c>AdminUI.ConsoleView.dll</c>, <c>Microsoft.ConfigurationManagement.AdminConsole.ConsoleView.ViewDescription</c>,
/// <c>CustomData/ConfigurationData/PropertyItemsData</c> with <c>Properties</c> and <c>ClassName</c>) and a WQL
/// <c>QueryDescription</c> (<c>NamespaceGuid</c>, <c>Type="WQL"</c>, <c>Query</c>, <c>ReturnedClassType</c>).
/// Source: Microsoft, "How to Create Node XML for a Configuration Manager Console Grid View" and "Configuration Manager
/// Console Node XML"; in both, <c>RootNodeDescription NamespaceGuid</c> is the parent folder's GUID, which we follow.
/// UNCONFIRMED (no public source found): (1) that <c>ReturnedClassType</c> may name <c>SMS_SUPSyncStatus</c> without a
/// ManagementClasses extension (Microsoft's sample returns its own "MyClass"); (2) that <c>DisplayName</c> is shown
/// literally when no <c>ResourceAssembly</c> is given (true for actions per the Executable Action sample, not documented
/// for nodes); (3) that row actions are read from <c>Extensions\Actions\&lt;QueryDescription NamespaceGuid&gt;</c>.
/// </summary>
public static class NodeXmlWriter
{
    public const string ViewAssembly = "AdminUI.ConsoleView.dll";
    public const string ViewType = "Microsoft.ConfigurationManagement.AdminConsole.ConsoleView.ViewDescription";
    private const string XsdNamespace = "http://www.w3.org/2001/XMLSchema";
    private const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    public static byte[] Write(ConsoleNodeDefinition node)
    {
        _ = node ?? throw new ArgumentNullException(nameof(node));
        return ConsoleXml.Write(writer =>
        {
            writer.WriteComment(ConsoleXml.GeneratedComment);
            writer.WriteStartElement("RootNodeDescription");
            writer.WriteAttributeString("NamespaceGuid", node.ParentGuid);
            writer.WriteAttributeString("Id", node.Id);
            writer.WriteAttributeString("DisplayName", node.DisplayName);
            writer.WriteAttributeString("Description", node.Description);

            writer.WriteStartElement("ViewAssemblyDescriptions");
            writer.WriteStartElement("ViewAssemblyDescription");
            writer.WriteElementString("Assembly", ViewAssembly);
            writer.WriteElementString("Type", ViewType);
            writer.WriteStartElement("CustomData");
            writer.WriteStartElement("ConfigurationData");
            writer.WriteAttributeString("xmlns", "xsd", null, XsdNamespace);
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writer.WriteStartElement("PropertyItemsData");
            writer.WriteStartElement("Properties");
            foreach (var column in node.Columns)
            {
                writer.WriteElementString("string", column);
            }

            writer.WriteEndElement();
            writer.WriteElementString("ClassName", node.WmiClass);
            writer.WriteEndElement(); // PropertyItemsData
            writer.WriteEndElement(); // ConfigurationData
            writer.WriteEndElement(); // CustomData
            writer.WriteEndElement(); // ViewAssemblyDescription
            writer.WriteEndElement(); // ViewAssemblyDescriptions

            writer.WriteStartElement("Actions");
            writer.WriteEndElement();

            writer.WriteStartElement("Queries");
            writer.WriteStartElement("QueryDescription");
            writer.WriteAttributeString("NamespaceGuid", node.QueryGuid);
            writer.WriteAttributeString("Type", "WQL");
            writer.WriteElementString("Query", node.Wql);
            writer.WriteElementString("ReturnedClassType", node.WmiClass);
            writer.WriteEndElement();
            writer.WriteEndElement();

            writer.WriteEndElement();
        });
    }
}
