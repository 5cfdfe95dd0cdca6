namespace CMDisconnectedSync.ConsoleExtension.Model;

/// <summary>
/// How a row-level action reads the selected row: the WMI class of the row, the app arguments built from its
/// properties (after the <c>--site-server</c>/<c>--namespace</c> pair every row action passes, see
/// <c>ActionXmlWriter.Parameters</c>), and an optional <c>MatchPattern</c>/<c>MatchValueToTest</c> filter
/// (Microsoft, "Configuration Manager Conditional Actions": the pattern is a regular expression tested against
/// <c>##SUB:Property##</c> of the selected object, which "must not be lazy and must exist on the select object").
/// </summary>
/// <param name="WmiClass">The class of the row (documentation and the generated comment).</param>
/// <param name="Arguments">Options and their values, in command-line order, e.g. <c>--site-code ##SUB:SiteCode##</c>.</param>
/// <param name="MatchPattern">Optional filter pattern.</param>
/// <param name="MatchValueToTest">The <c>##SUB:Property##</c> the pattern is tested against.</param>
public sealed record RowBinding(
    string WmiClass,
    IReadOnlyList<RowArgument> Arguments,
    string? MatchPattern = null,
    string? MatchValueToTest = null);

/// <summary>One app option a row action passes: <c>--site-code ##SUB:SiteCode##</c>.</summary>
public sealed record RowArgument(string Option, string Value);
