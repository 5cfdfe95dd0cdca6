using System.Security.Cryptography;
using System.Text;

namespace CMDisconnectedSync.Lab.WsusUtil;

/// <summary>
/// Which products and classifications the lab export server "synchronized": read from the header lines the lab
/// content generator writes into each license-terms <c>.txt</c> file (<c>Company:</c>, <c>Product family:</c>,
/// <c>Product:</c>, <c>Classification:</c>). A real WSUS keeps these in its database; the lab derives them from the
/// content so that new content (a second sync) brings new categories, deterministically.
/// Unique ids follow ConfigMgr's <c>CategoryInstance_UniqueID</c> form <c>&lt;type&gt;:&lt;guid&gt;</c>, the guid derived
/// from the type and name, so every run and both lab servers agree on them.
/// </summary>
internal static class LicenseTermsCategories
{
    public const string CompanyHeader = "Company:";
    public const string FamilyHeader = "Product family:";
    public const string ProductHeader = "Product:";
    public const string ClassificationHeader = "Classification:";
    private const int HeaderLines = 12;

    public static IReadOnlyList<PackageCategory> Read(string contentFolder)
    {
        var categories = new SortedDictionary<string, PackageCategory>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(contentFolder, "*.txt", SearchOption.AllDirectories))
        {
            string? company = null, family = null, product = null, classification = null;
            foreach (var line in File.ReadLines(file).Take(HeaderLines))
            {
                company ??= Value(line, CompanyHeader);
                family ??= Value(line, FamilyHeader);
                product ??= Value(line, ProductHeader);
                classification ??= Value(line, ClassificationHeader);
            }

            var companyId = Add(categories, "Company", company, null);
            var familyId = Add(categories, "ProductFamily", family, companyId);
            Add(categories, "Product", product, familyId ?? companyId);
            Add(categories, "UpdateClassification", classification, null);
        }

        return categories.Values.ToList();
    }

    public static string UniqueId(string type, string name)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes("cmdsync-lab/" + type + "/" + name));
        return type + ":" + new Guid(hash.Take(16).ToArray()).ToString("D");
    }

    private static string? Add(SortedDictionary<string, PackageCategory> categories, string type, string? name, string? parentId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var id = UniqueId(type, name!);
        categories[id] = new PackageCategory(id, type, name!, parentId);
        return id;
    }

    private static string? Value(string line, string header) =>
        line.StartsWith(header, StringComparison.Ordinal) ? line.Substring(header.Length).Trim() : null;
}
