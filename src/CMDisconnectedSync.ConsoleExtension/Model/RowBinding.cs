namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// How a row-level action reads the selected row: the WMI class of the row, the <c>--site-code</c> and <c>--sup</c>
/// arguments built from its properties, and an optional <c>MatchPattern</c>/<c>MatchValueToTest</c> filter
/// (Microsoft, "Configuration Manager Conditional Actions": the pattern is a regular expression tested against
/// <c>##SUB:Property##</c> of the selected object, which "must not be lazy and must exist on the select object").
/// </summary>
public sealed record RowBinding(
    string WmiClass,
    string SiteCodeArgument,
    string SupArgument,
    string? MatchPattern = null,
    string? MatchValueToTest = null);
