using System.Xml.Linq;

namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>A feature condition authored as <c>Feature/Condition</c> in the WiX sources.</summary>
internal sealed record FeatureCondition(string FeatureId, int Level, string Expression);

/// <summary>
/// Applies to a wixl-built MSI the WiX v3 rules of our sources that wixl 0.101 cannot compile, reading them from the
/// same .wxs files so there is one source of truth:
/// <list type="bullet">
/// <item><c>Feature/Condition</c> (wixl rejects the element; the sources hide it from wixl with
/// <c>&lt;?if $(var.Toolset) != "wixl" ?&gt;</c>, the WiX Toolset compiles it): rows of the Condition table.</item>
/// <item><c>Property/@Secure="yes"</c> (wixl ignores it): appended to SecureCustomProperties so the value an admin
/// passes on the msiexec command line reaches the elevated server-side install.</item>
/// <item><c>Component/@Permanent="yes"</c> (wixl ignores it): msidbComponentAttributesPermanent (0x10) added to the
/// component's Attributes, so uninstall leaves it (https://learn.microsoft.com/en-us/windows/win32/msi/component-table).</item>
/// </list>
/// The changes are made with msibuild (msitools) as SQL on the MSI database.
/// </summary>
internal static class WixlGapPatcher
{
    /// <summary>msidbComponentAttributesPermanent: the component is not removed on uninstall (Component table docs).</summary>
    private const int PermanentAttribute = 0x10;

    public static IReadOnlyList<FeatureCondition> FeatureConditions(IEnumerable<string> wixSources) =>
        wixSources.SelectMany(source => Load(source).Descendants(WixSourceWriter.Wix + "Feature")
            .SelectMany(feature => feature.Elements(WixSourceWriter.Wix + "Condition").Select(condition => new FeatureCondition(
                (string?)feature.Attribute("Id") ?? throw new HarvestException($"{source}: a Feature without Id has a Condition."),
                int.Parse((string?)condition.Attribute("Level") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                condition.Value.Trim()))))
            .ToList();

    public static IReadOnlyList<string> SecureProperties(IEnumerable<string> wixSources) =>
        wixSources.SelectMany(source => Load(source).Descendants(WixSourceWriter.Wix + "Property"))
            .Where(property => (string?)property.Attribute("Secure") == "yes")
            .Select(property => (string)property.Attribute("Id")!)
            .ToList();

    public static IReadOnlyList<string> PermanentComponents(IEnumerable<string> wixSources) =>
        wixSources.SelectMany(source => Load(source).Descendants(WixSourceWriter.Wix + "Component"))
            .Where(component => (string?)component.Attribute("Permanent") == "yes")
            .Select(component => (string)component.Attribute("Id")!)
            .ToList();

    public static void Patch(string msiPath, IReadOnlyList<string> wixSources)
    {
        var queries = new List<string>();
        var conditions = FeatureConditions(wixSources);
        if (conditions.Count > 0)
        {
            queries.Add("CREATE TABLE `Condition` (`Feature_` CHAR(38) NOT NULL, `Level` SHORT NOT NULL, " +
                        "`Condition` CHAR(255) PRIMARY KEY `Feature_`, `Level`)");
            queries.AddRange(conditions.Select(condition =>
                $"INSERT INTO `Condition` (`Feature_`, `Level`, `Condition`) VALUES " +
                $"('{SqlText(condition.FeatureId)}', {condition.Level}, '{SqlText(condition.Expression)}')"));
        }

        var secure = SecureProperties(wixSources);
        if (secure.Count > 0)
        {
            var existing = MsiTables.Export(msiPath, "Property")
                .FirstOrDefault(row => row[0] == "SecureCustomProperties")?[1];
            var all = (existing ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Concat(secure).Distinct(StringComparer.Ordinal);
            var value = SqlText(string.Join(';', all));
            queries.Add(existing is null
                ? $"INSERT INTO `Property` (`Property`, `Value`) VALUES ('SecureCustomProperties', '{value}')"
                : $"UPDATE `Property` SET `Value` = '{value}' WHERE `Property` = 'SecureCustomProperties'");
        }

        var permanent = PermanentComponents(wixSources);
        if (permanent.Count > 0)
        {
            var attributes = MsiTables.Export(msiPath, "Component").ToDictionary(row => row[0], row => row[3], StringComparer.Ordinal);
            foreach (var component in permanent)
            {
                if (!attributes.TryGetValue(component, out var value))
                {
                    throw new HarvestException($"{msiPath}: the sources mark component '{component}' Permanent, but the MSI has no such component.");
                }

                var permanentAttributes = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) | PermanentAttribute;
                queries.Add($"UPDATE `Component` SET `Attributes` = {permanentAttributes} WHERE `Component` = '{SqlText(component)}'");
            }
        }

        if (queries.Count > 0)
        {
            ProcessRunner.Run("msibuild", new[] { msiPath }.Concat(queries.SelectMany(query => new[] { "-q", query })));
        }
    }

    private static XDocument Load(string path)
    {
        try
        {
            return XDocument.Load(path);
        }
        catch (System.Xml.XmlException exception)
        {
            throw new HarvestException($"{path} is not well-formed XML: {exception.Message}", exception);
        }
    }

    // msibuild's SQL has no escape for a quote inside a string literal: refuse rather than corrupt the condition.
    private static string SqlText(string value) => value.Contains('\'', StringComparison.Ordinal)
        ? throw new HarvestException($"The MSI text \"{value}\" contains a single quote, which msibuild cannot insert; use double quotes.")
        : value;
}
