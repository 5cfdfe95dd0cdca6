using Microsoft.ConfigurationManagement.ManagementProvider;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Reads <c>SMS_UpdateCategoryInstance</c> rows (Microsoft's class reference: CategoryInstance_UniqueID, CategoryInstanceID,
/// ParentCategoryInstanceID, CategoryTypeName, LocalizedCategoryInstanceName, IsSubscribed, AllowSubscription) and links
/// each product to its product family through the parent ids.
/// </summary>
internal static class UpdateCategoryRows
{
    internal sealed record Row(
        int Id, int ParentId, string UniqueId, string TypeName, string Name, bool IsSubscribed, bool AllowSubscription);

    public static Row Read(IResultObject row) => new(
        PropertyValues.Number(row["CategoryInstanceID"]),
        PropertyValues.Number(row["ParentCategoryInstanceID"]),
        PropertyValues.Text(row["CategoryInstance_UniqueID"]),
        PropertyValues.Text(row["CategoryTypeName"]),
        PropertyValues.Text(row["LocalizedCategoryInstanceName"]),
        PropertyValues.Flag(row["IsSubscribed"]),
        PropertyValues.Flag(row["AllowSubscription"]));

    public static IReadOnlyList<UpdateCategory> ToCategories(IReadOnlyList<Row> rows, ILogger logger)
    {
        var byId = new Dictionary<int, Row>();
        foreach (var row in rows)
        {
            byId[row.Id] = row;
        }

        var categories = new List<UpdateCategory>();
        foreach (var row in rows)
        {
            if (TypeOf(row.TypeName) is not { } type)
            {
                logger.Debug("Skipping update category {Name} of type {Type}", row.Name, row.TypeName);
                continue;
            }

            byId.TryGetValue(row.ParentId, out var parent);
            categories.Add(new UpdateCategory(
                row.UniqueId,
                row.Name,
                type,
                row.IsSubscribed,
                row.AllowSubscription,
                parent?.UniqueId,
                type == UpdateCategoryType.Product ? FamilyOf(row, byId) : null));
        }

        return categories;
    }

    private static UpdateCategoryType? TypeOf(string typeName) => typeName switch
    {
        "Company" => UpdateCategoryType.Company,
        "ProductFamily" => UpdateCategoryType.ProductFamily,
        "Product" => UpdateCategoryType.Product,
        "UpdateClassification" => UpdateCategoryType.Classification,
        _ => null,
    };

    // The nearest product family above the product; a company when the product hangs directly under one.
    private static string? FamilyOf(Row product, Dictionary<int, Row> byId)
    {
        string? company = null;
        var seen = new HashSet<int> { product.Id };
        var current = product;
        while (byId.TryGetValue(current.ParentId, out var parent) && seen.Add(parent.Id))
        {
            if (parent.TypeName == "ProductFamily")
            {
                return parent.Name;
            }

            if (parent.TypeName == "Company")
            {
                company ??= parent.Name;
            }

            current = parent;
        }

        return company;
    }
}
