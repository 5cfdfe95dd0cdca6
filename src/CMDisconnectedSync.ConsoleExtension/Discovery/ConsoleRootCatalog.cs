using System.Xml;

namespace CMDisconnectedSync.ConsoleExtension.Discovery;

/// <summary>What a console XML file declares: a tree node or a query, with its GUID and (for queries) its WQL.</summary>
public enum ConsoleRootEntryKind
{
    Node,
    Query,
}

/// <summary>
/// One <c>RootNodeDescription</c> or <c>QueryDescription</c> found in <c>XmlStorage\ConsoleRoot</c>. <paramref name="NodePath"/>
/// is the chain of enclosing node Ids (e.g. <c>SmsSoftwareUpdatesNode</c>), so an admin can tell where a GUID sits.
/// </summary>
public sealed record ConsoleRootEntry(ConsoleRootEntryKind Kind, string NamespaceGuid, string NodePath, string? DisplayName, string? Wql, string SourceFile);

/// <summary>
/// Reads the console's own node definitions to find the GUIDs extensions hang under. Structure per Microsoft, "How to
/// find a Configuration Manager console node GUID" (console root XML files hold <c>RootNodeDescription</c> elements
/// with a <c>NamespaceGuid</c>, nested per feature) and "Configuration Manager Console RootNodes Element"
/// (<c>QueryDescription NamespaceGuid</c> with a <c>Query</c> child holding the WQL).
/// </summary>
public static class ConsoleRootCatalog
{
    public static IReadOnlyList<ConsoleRootEntry> Read(string consoleRootFolder)
    {
        if (!Directory.Exists(consoleRootFolder))
        {
            throw new DirectoryNotFoundException(
                $"'{consoleRootFolder}' does not exist: expected <AdminConsole>\\XmlStorage\\ConsoleRoot. Check --console-path.");
        }

        var entries = new List<ConsoleRootEntry>();
        foreach (var file in Directory.EnumerateFiles(consoleRootFolder, "*.xml").OrderBy(f => f, StringComparer.OrdinalIgnoreCase))
        {
            ReadFile(file, entries);
        }

        return entries;
    }

    public static IReadOnlyList<ConsoleRootEntry> Filter(IEnumerable<ConsoleRootEntry> entries, string? text)
    {
        _ = entries ?? throw new ArgumentNullException(nameof(entries));
        if (string.IsNullOrWhiteSpace(text))
        {
            return entries.ToList();
        }

        return entries.Where(e => Contains(e.Wql, text!) || Contains(e.NodePath, text!) || Contains(e.DisplayName, text!) || Contains(e.NamespaceGuid, text!)).ToList();
    }

    private static bool Contains(string? value, string text) => value?.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

    private static void ReadFile(string file, List<ConsoleRootEntry> entries)
    {
        var nodeIds = new Stack<(int Depth, string Id)>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, XmlResolver = null };
        using var reader = XmlReader.Create(file, settings);
        string? pendingQueryGuid = null;
        var pendingQueryDepth = -1;
        var pendingQueryPath = string.Empty;
        try
        {
            // ReadElementContentAsString already moves to the next node: do not Read() past it.
            var alreadyOnNextNode = false;
            while (alreadyOnNextNode ? !reader.EOF : reader.Read())
            {
                alreadyOnNextNode = false;
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                while (nodeIds.Count > 0 && nodeIds.Peek().Depth >= reader.Depth)
                {
                    nodeIds.Pop();
                }

                if (pendingQueryGuid is not null && reader.Depth <= pendingQueryDepth)
                {
                    entries.Add(new ConsoleRootEntry(ConsoleRootEntryKind.Query, pendingQueryGuid, pendingQueryPath, null, null, file));
                    pendingQueryGuid = null;
                }

                var path = string.Join("/", nodeIds.Reverse().Select(n => n.Id));
                switch (reader.LocalName)
                {
                    case "RootNodeDescription":
                        var id = reader.GetAttribute("Id") ?? "?";
                        var nodeGuid = reader.GetAttribute("NamespaceGuid");
                        var nodePath = path.Length == 0 ? id : path + "/" + id;
                        if (nodeGuid is not null)
                        {
                            entries.Add(new ConsoleRootEntry(ConsoleRootEntryKind.Node, nodeGuid, nodePath, reader.GetAttribute("DisplayName"), null, file));
                        }

                        if (!reader.IsEmptyElement)
                        {
                            nodeIds.Push((reader.Depth, id));
                        }

                        break;
                    case "QueryDescription":
                        pendingQueryGuid = reader.GetAttribute("NamespaceGuid");
                        pendingQueryDepth = reader.Depth;
                        pendingQueryPath = path;
                        if (pendingQueryGuid is not null && reader.IsEmptyElement)
                        {
                            entries.Add(new ConsoleRootEntry(ConsoleRootEntryKind.Query, pendingQueryGuid, path, null, null, file));
                            pendingQueryGuid = null;
                        }

                        break;
                    case "Query" when pendingQueryGuid is not null && reader.Depth == pendingQueryDepth + 1:
                        var wql = reader.ReadElementContentAsString().Trim();
                        entries.Add(new ConsoleRootEntry(ConsoleRootEntryKind.Query, pendingQueryGuid, pendingQueryPath, null, wql, file));
                        pendingQueryGuid = null;
                        alreadyOnNextNode = true;
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            throw new InvalidDataException($"'{file}' is not well-formed XML (line {ex.LineNumber}): {ex.Message}. Repair or reinstall the console.", ex);
        }

        if (pendingQueryGuid is not null)
        {
            entries.Add(new ConsoleRootEntry(ConsoleRootEntryKind.Query, pendingQueryGuid, pendingQueryPath, null, null, file));
        }
    }
}
