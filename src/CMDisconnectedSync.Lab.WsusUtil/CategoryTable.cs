using System.Text;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// The lab WSUS database's category table: <c>&lt;database&gt;.categories</c>, one category per line,
/// tab-separated <c>unique id, type, name, parent id</c> (parent empty at the top), sorted by id, UTF-8.
/// The lab ConfigMgr site (<c>CMDisconnectedSync.Lab.LabWsusDatabase</c>) reads the same format; the lab tests run this
/// program and read its output with that reader, so the two cannot drift apart unnoticed.
/// </summary>
internal static class CategoryTable
{
    public const string Suffix = ".categories";

    /// <summary>Adds <paramref name="categories"/> to the table (a known id is overwritten); returns how many it now holds.</summary>
    public static int Merge(string path, IReadOnlyList<PackageCategory> categories)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
            {
                rows[line.Split('\t')[0]] = line;
            }
        }

        foreach (var category in categories)
        {
            rows[category.UniqueId] = string.Join("\t", category.UniqueId, category.Type, category.Name, category.ParentUniqueId ?? string.Empty);
        }

        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, rows.Values, new UTF8Encoding(false));
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        File.Move(temporary, path);
        return rows.Count;
    }
}
