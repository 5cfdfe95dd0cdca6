using System.Globalization;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Lab.Wsus;

/// <summary>An update file the lab wsusutil imported metadata for.</summary>
public sealed record LabImportedFile(string RelativePath, long Size);

/// <summary>
/// Reads what the lab wsusutil's import wrote: the database file (tab-separated <c>time, package, path, size</c> per
/// file) and its <c>.categories</c> table (tab-separated <c>unique id, type, name, parent id</c>). The writer is the
/// lab wsusutil program (CategoryTable and Import there); the lab tests run it and read its output with this class.
/// </summary>
public sealed class LabWsusDatabase
{
    public const string CategoriesSuffix = ".categories";

    public LabWsusDatabase(string databasePath)
    {
        DatabasePath = databasePath ?? throw new ArgumentNullException(nameof(databasePath));
    }

    public string DatabasePath { get; }

    /// <summary>Every distinct file of every import, newest size per path.</summary>
    public IReadOnlyList<LabImportedFile> ReadFiles()
    {
        if (!File.Exists(DatabasePath))
        {
            return [];
        }

        var files = new SortedDictionary<string, LabImportedFile>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DatabasePath).Where(l => l.Length > 0))
        {
            var columns = line.Split('\t');
            if (columns.Length != 4 || !long.TryParse(columns[3], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new InvalidDataException($"The lab WSUS database {DatabasePath} has a line that is not 'time, package, path, size': {line}");
            }

            files[columns[2]] = new LabImportedFile(columns[2], size);
        }

        return files.Values.ToList();
    }

    /// <summary>
    /// The categories imported so far, as ConfigMgr would list them after a sync: unsubscribed, subscribable except
    /// companies, products carrying their family's name.
    /// </summary>
    public IReadOnlyList<UpdateCategory> ReadCategories()
    {
        var path = DatabasePath + CategoriesSuffix;
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = File.ReadLines(path).Where(l => l.Length > 0).Select(line =>
        {
            var columns = line.Split('\t');
            if (columns.Length != 4)
            {
                throw new InvalidDataException($"The lab WSUS category table {path} has a line that is not 'id, type, name, parent': {line}");
            }

            return (Id: columns[0], Type: ParseType(columns[1], path), Name: columns[2], Parent: columns[3].Length == 0 ? null : columns[3]);
        }).ToList();
        var names = rows.ToDictionary(r => r.Id, r => r.Name, StringComparer.Ordinal);
        return rows.Select(r => new UpdateCategory(
            r.Id,
            r.Name,
            r.Type,
            IsSubscribed: false,
            AllowSubscription: r.Type != UpdateCategoryType.Company,
            r.Parent,
            r.Type == UpdateCategoryType.Product && r.Parent is not null && names.TryGetValue(r.Parent, out var family) ? family : null)).ToList();
    }

    private static UpdateCategoryType ParseType(string type, string path) => type switch
    {
        "Company" => UpdateCategoryType.Company,
        "ProductFamily" => UpdateCategoryType.ProductFamily,
        "Product" => UpdateCategoryType.Product,
        "UpdateClassification" => UpdateCategoryType.Classification,
        _ => throw new InvalidDataException($"The lab WSUS category table {path} has an unknown category type '{type}'."),
    };
}
