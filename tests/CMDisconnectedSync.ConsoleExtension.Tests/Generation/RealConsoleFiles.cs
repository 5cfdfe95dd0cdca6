using System.Xml.Linq;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

/// <summary>
/// Microsoft's own console-extension files, copied byte for byte into Generation/Fixtures (sources and versions in
/// Fixtures/README.md), and a way to compare XML shapes: element paths and attribute names, not values.
/// </summary>
internal static class RealConsoleFiles
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Generation", "Fixtures");

    /// <summary>microsoft/configmgr-hub@df11bbe objects/ConsoleExtensionCab/recoveryKeyExtension.cab: its Manifest.xml.</summary>
    public static string RecoveryKeyManifestPath => Path.Combine(Folder, "MicrosoftCabs", "recoveryKeyExtension", "Manifest.xml");

    /// <summary>microsoft/configmgr-hub@df11bbe objects/ConsoleExtensionCab/recoveryKeyExtension.cab: its action.xml.</summary>
    public static string RecoveryKeyActionPath => Path.Combine(Folder, "MicrosoftCabs", "recoveryKeyExtension", "action.xml");

    /// <summary>microsoft/configmgr-hub@2d25d24 objects/ConsoleExtensionCab/AllStatusMessageForTsDeployment.cab: its Manifest.xml.</summary>
    public static string AllStatusManifestPath => Path.Combine(Folder, "MicrosoftCabs", "AllStatusMessageForTsDeployment", "Manifest.xml");

    /// <summary>The same cab's action XML.</summary>
    public static string AllStatusActionPath => Path.Combine(Folder, "MicrosoftCabs", "AllStatusMessageForTsDeployment", "AllStatusMessagesForTsDeployment.xml");

    /// <summary>Console 5.2603.1030.1000 XmlStorage\ConsoleRoot\SoftwareLibraryNode.xml: All Software Updates and Software Update Groups.</summary>
    public static string SoftwareLibraryExcerptPath => Path.Combine(Folder, "ConsoleRoot", "SoftwareLibraryNode.5.2603.1030.1000.excerpt.xml");

    public static XElement Load(string path) => XDocument.Load(path).Root!;

    public static XElement Load(byte[] content) => XDocument.Load(new MemoryStream(content)).Root!;

    /// <summary>
    /// Every element of <paramref name="root"/> as "Parent/Child/…[attribute names]", namespace declarations left out:
    /// two documents with the same set have the same shape.
    /// </summary>
    public static SortedSet<string> Shape(XElement root, bool withAttributes = true)
    {
        var shape = new SortedSet<string>(StringComparer.Ordinal);
        Add(root, root.Name.LocalName, withAttributes, shape);
        return shape;
    }

    private static void Add(XElement element, string path, bool withAttributes, SortedSet<string> shape)
    {
        var attributes = element.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => a.Name.LocalName).OrderBy(n => n, StringComparer.Ordinal);
        shape.Add(withAttributes ? $"{path}[{string.Join(",", attributes)}]" : path);
        foreach (var child in element.Elements())
        {
            Add(child, path + "/" + child.Name.LocalName, withAttributes, shape);
        }
    }
}
