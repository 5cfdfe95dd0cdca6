namespace CMDisconnectedSync.ConfigMgr;

/// <summary>Compares the site's current categories with a snapshot taken before the import (design.md §8).</summary>
public static class CategoryDiff
{
    public const string ClassificationsTitle = "Classifications";
    public const string VendorsTitle = "Companies and product families";
    public const string NoFamilyTitle = "Other products";

    public static CategoryChanges Compare(CategorySnapshot? snapshot, IReadOnlyList<UpdateCategory> current)
    {
        _ = current ?? throw new ArgumentNullException(nameof(current));
        var known = new HashSet<string>(
            snapshot?.Categories.Select(c => c.UniqueId) ?? [], StringComparer.OrdinalIgnoreCase);
        var added = current
            .Where(c => !known.Contains(c.UniqueId))
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new CategoryChanges(snapshot, added, Group(added));
    }

    private static List<CategoryGroup> Group(List<UpdateCategory> added)
    {
        var groups = new List<CategoryGroup>();
        var classifications = added.Where(c => c.Type == UpdateCategoryType.Classification).ToList();
        if (classifications.Count > 0)
        {
            groups.Add(new CategoryGroup(CategoryGroupKind.Classification, ClassificationsTitle, classifications));
        }

        groups.AddRange(added
            .Where(c => c.Type == UpdateCategoryType.Product)
            .GroupBy(c => string.IsNullOrWhiteSpace(c.ProductFamily) ? NoFamilyTitle : c.ProductFamily!, StringComparer.CurrentCultureIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new CategoryGroup(CategoryGroupKind.ProductFamily, g.Key, g.ToList())));

        var vendors = added.Where(c => c.Type is UpdateCategoryType.Company or UpdateCategoryType.ProductFamily).ToList();
        if (vendors.Count > 0)
        {
            groups.Add(new CategoryGroup(CategoryGroupKind.Vendor, VendorsTitle, vendors));
        }

        return groups;
    }
}
