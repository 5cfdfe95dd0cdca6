using System.Reflection;
using System.Text.RegularExpressions;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Testing;

namespace CMDisconnectedSync.Cli.Tests;

/// <summary>Scheduled tasks are written from the README's table, so it must list exactly the codes cmdsync returns.</summary>
[TestClass]
public sealed class ReadmeExitCodesTests
{
    [TestMethod]
    public void ReadmeExitCodeTable_ListsEveryExitCodeConstantAndNoOther()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var section = readme.Substring(readme.IndexOf("## Exit codes", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 5, StringComparison.Ordinal));
        var documented = Regex.Matches(section, @"^\| (\d+) \|", RegexOptions.Multiline)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        var declared = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (int)f.GetRawConstantValue()!)
            .Distinct()
            .Order()
            .ToList();

        CollectionAssert.AreEqual(declared, documented, "README.md '## Exit codes' must list every ExitCodes constant once, in order");
    }
}
