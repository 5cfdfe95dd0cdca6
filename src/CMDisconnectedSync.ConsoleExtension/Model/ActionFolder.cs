namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// The actions placed under one console GUID (<c>Extensions\Actions\&lt;ParentGuid&gt;</c>, one
/// <c>ActionExtensionDeployment ParentNode</c> in the 2103+ manifest). <paramref name="Key"/> makes the flat cab file
/// names unique (<c>&lt;Key&gt;.&lt;FileStem&gt;.xml</c>). Node-level folders (<paramref name="Row"/> null) act on the node with
/// nothing selected, so the console substitutes no <c>__Server</c>: the app then finds the site itself.
/// </summary>
public sealed record ActionFolder(
    string Key,
    string ParentGuid,
    string ConsoleLocation,
    IReadOnlyList<ShowOnPlace> ShowOn,
    RowBinding? Row,
    IReadOnlyList<ConsoleAction> Actions)
{
    public bool IsRowLevel => Row is not null;
}
