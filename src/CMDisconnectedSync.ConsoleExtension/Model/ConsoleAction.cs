namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// One menu/ribbon entry. <paramref name="FileStem"/> is the legacy file name without <c>.xml</c>; the console orders
/// actions by file name (Microsoft, "How to Create a Configuration Manager Action": the file name "does alphabetically
/// affect the ordering of actions"), hence the numeric prefix. <paramref name="StockIcon"/> names an image in the
/// console's own resources (<see cref="StockIcons"/>), or null for no icon.
/// </summary>
public sealed record ConsoleAction(string FileStem, string DisplayName, string MnemonicDisplayName, string Description, AppVerb Verb, string? StockIcon = null);
