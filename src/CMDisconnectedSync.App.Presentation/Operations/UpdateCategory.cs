namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary><c>SMS_UpdateCategoryInstance.CategoryTypeName</c> values the app shows.</summary>
public enum UpdateCategoryKind
{
    Product,
    Classification,
}

/// <summary>One product or classification (<c>SMS_UpdateCategoryInstance</c>) in our words.</summary>
/// <param name="Id"><c>CategoryInstance_UniqueID</c>.</param>
/// <param name="Name"><c>LocalizedCategoryInstanceName</c>.</param>
/// <param name="Kind">Product or classification.</param>
/// <param name="Family">Product family (parent category name, e.g. "Windows"); empty for classifications.</param>
/// <param name="IsSubscribed"><c>IsSubscribed</c>.</param>
/// <param name="CanSubscribe"><c>AllowSubscription</c>: false means ConfigMgr refuses the subscription.</param>
public sealed record UpdateCategory(string Id, string Name, UpdateCategoryKind Kind, string Family, bool IsSubscribed, bool CanSubscribe);
