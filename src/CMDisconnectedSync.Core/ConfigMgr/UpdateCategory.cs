namespace CMDisconnectedSync.ConfigMgr;

/// <summary>The kind of a software update category (<c>SMS_UpdateCategoryInstance.CategoryTypeName</c>).</summary>
public enum UpdateCategoryType
{
    /// <summary><c>Company</c>, e.g. Microsoft.</summary>
    Company,

    /// <summary><c>ProductFamily</c>, e.g. Windows.</summary>
    ProductFamily,

    /// <summary><c>Product</c>, e.g. Windows 11.</summary>
    Product,

    /// <summary><c>UpdateClassification</c>, e.g. Security Updates.</summary>
    Classification,
}

/// <summary>A product, product family, classification or company the site can synchronize updates for.</summary>
/// <param name="UniqueId">The category's unique id (<c>CategoryInstance_UniqueID</c>), stable across sites.</param>
/// <param name="Name">The localized name (<c>LocalizedCategoryInstanceName</c>).</param>
/// <param name="Type">What kind of category it is.</param>
/// <param name="IsSubscribed">Whether the site synchronizes updates for it.</param>
/// <param name="AllowSubscription">Whether ConfigMgr lets it be subscribed (<c>IsSubscribed</c> is writable only then).</param>
/// <param name="ParentUniqueId">The parent category (a product's family or company), null at the top.</param>
/// <param name="ProductFamily">For products: the name of their product family (or company when there is none); otherwise null.</param>
public sealed record UpdateCategory(
    string UniqueId,
    string Name,
    UpdateCategoryType Type,
    bool IsSubscribed,
    bool AllowSubscription,
    string? ParentUniqueId = null,
    string? ProductFamily = null);
