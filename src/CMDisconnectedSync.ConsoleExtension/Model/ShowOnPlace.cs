namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// Where the console shows an action: the values of <c>ActionDescription/ShowOn/string</c>. Source: Microsoft,
/// "Configuration Manager Action XML" (<c>DefaultHomeTab</c>, <c>ContextMenu</c>) and "Conditional Actions"
/// (<c>DefaultContextualTab</c> "Show on Ribbon" for a selected object). No other value is documented, so no other exists here.
/// </summary>
public enum ShowOnPlace
{
    /// <summary>The right-click menu.</summary>
    ContextMenu,

    /// <summary>The ribbon's Home tab of the node.</summary>
    DefaultHomeTab,

    /// <summary>The ribbon tab that appears for the selected row.</summary>
    DefaultContextualTab,
}
