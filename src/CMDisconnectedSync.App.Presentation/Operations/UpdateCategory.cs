namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary><c>SMS_UpdateCategoryInstance.CategoryTypeName</c>; mirrors Core's <c>ConfigMgr.UpdateCategoryType</c>.</summary>
public enum UpdateCategoryKind
{
    Company,
    ProductFamily,
    Product,
    Classification,
}

/// <summary>One product, product family, classification or company; mirrors Core's <c>ConfigMgr.UpdateCategory</c>.</summary>
/// <param name="UniqueId"><c>CategoryInstance_UniqueID</c>.</param>
/// <param name="Name"><c>LocalizedCategoryInstanceName</c>.</param>
/// <param name="Kind">What kind of category it is.</param>
/// <param name="IsSubscribed"><c>IsSubscribed</c>.</param>
/// <param name="AllowSubscription"><c>AllowSubscription</c>: false means ConfigMgr refuses the subscription.</param>
/// <param name="ProductFamily">For products: their product family (or company); otherwise null.</param>
public sealed record UpdateCategory(
    string UniqueId,
    string Name,
    UpdateCategoryKind Kind,
    bool IsSubscribed,
    bool AllowSubscription,
    string? ProductFamily);
