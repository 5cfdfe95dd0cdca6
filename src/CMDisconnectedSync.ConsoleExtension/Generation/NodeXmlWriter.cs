using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Generation;

/// <summary>
/// Writes the "Disconnected Sync" node: a <c>RootNodeDescription</c> with the stock grid view and a WQL
/// <c>QueryDescription</c>, in the shape of Microsoft's own console XML. Every <c>RootNodeDescription</c> of
/// <c>XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml</c> (consoles 5.1906.1069.1000 to 5.2603.1030.1000; public copies in
/// sekorotkov/RCT@848485f <c>Xml-SuExtension/&lt;version&gt;/XmlStorage/ConsoleRoot/</c>) carries <c>ResourceAssembly</c> and
/// <c>ImagesDescription</c>, in the child order ResourceAssembly, ImagesDescription, ViewAssemblyDescriptions, Actions,
/// Queries; and every grid view's <c>CustomData/ConfigurationData</c> nests <c>PropertyItemsData</c> twice
/// (<c>PropertyItemsData/PropertyItemsData/{Properties, ClassName}</c>; 28 of 28 in 5.2603), unlike the single level of
/// Microsoft's SDK article "How to Create Node XML for a Configuration Manager Console Grid View". We copy the console's
/// shape (the tests compare against a trimmed excerpt of that file). <c>RootNodeDescription NamespaceGuid</c> is the
/// parent folder's GUID, as in both.
/// UNCONFIRMED (no public source found): (1) that <c>ReturnedClassType</c> may name <c>SMS_SUPSyncStatus</c> without a
/// ManagementClasses extension (Microsoft's sample returns its own "MyClass"); (2) that <c>DisplayName</c> and
/// <c>Description</c> are shown literally when they are not keys of the node's <c>ResourceAssembly</c> (the console's
/// own nodes use resource keys; actions without a ResourceAssembly show literal text, e.g. Microsoft's signed
/// recoveryKeyExtension.cab); (3) that row actions are read from <c>Extensions\Actions\&lt;QueryDescription NamespaceGuid&gt;</c>.
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

            WriteResourceAssembly(writer);
            writer.WriteStartElement("ImagesDescription");
            WriteResourceAssembly(writer);
            writer.WriteElementString("ImageResourceName", StockIcons.Synchronize);
            writer.WriteEndElement();

            writer.WriteStartElement("ViewAssemblyDescriptions");
            writer.WriteStartElement("ViewAssemblyDescription");
            writer.WriteElementString("Assembly", ViewAssembly);
            writer.WriteElementString("Type", ViewType);
            writer.WriteStartElement("CustomData");
            writer.WriteStartElement("ConfigurationData");
            writer.WriteAttributeString("xmlns", "xsd", null, XsdNamespace);
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writer.WriteStartElement("PropertyItemsData");
            writer.WriteStartElement("PropertyItemsData");
            writer.WriteStartElement("Properties");
            foreach (var column in node.Columns)
            {
                writer.WriteElementString("string", column);
            }

            writer.WriteEndElement();
            writer.WriteElementString("ClassName", node.WmiClass);
            writer.WriteEndElement(); // PropertyItemsData
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

    // The console's stock resources, as on the Software Updates nodes: no resource DLL of ours ships into the console.
    private static void WriteResourceAssembly(System.Xml.XmlWriter writer)
    {
        writer.WriteStartElement("ResourceAssembly");
        writer.WriteElementString("Assembly", StockIcons.ResourceAssembly);
        writer.WriteElementString("Type", StockIcons.ResourceType);
        writer.WriteEndElement();
    }
}
