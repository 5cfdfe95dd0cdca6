namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// A custom node in the console tree (<c>Extensions\Nodes\&lt;ParentGuid&gt;\&lt;FileStem&gt;.xml</c>) showing the stock grid
/// view over a WQL query; <paramref name="QueryGuid"/> is the query's own GUID, the folder for its row actions.
/// </summary>
public sealed record ConsoleNodeDefinition(
    string FileStem,
    string ParentGuid,
    string Id,
    string DisplayName,
    string Description,
    string WmiClass,
    IReadOnlyList<string> Columns,
    string Wql,
    string QueryGuid);
