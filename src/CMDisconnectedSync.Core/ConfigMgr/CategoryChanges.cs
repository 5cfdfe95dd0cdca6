namespace CMDisconnectedSync.ConfigMgr;

/// <summary>How the new categories are grouped for the admin.</summary>
public enum CategoryGroupKind
{
    /// <summary>New update classifications (Security Updates, Feature Packs…).</summary>
    Classification,

    /// <summary>New products of one product family (Windows, Office…).</summary>
    ProductFamily,

    /// <summary>New companies and product families themselves.</summary>
    Vendor,
}

/// <summary>New categories of one kind: one classification list, or the new products of one family.</summary>
/// <param name="Kind">What the group holds.</param>
/// <param name="Title">"Classifications", the product family's name, or "Companies and product families".</param>
/// <param name="Categories">The new categories, sorted by name.</param>
public sealed record CategoryGroup(CategoryGroupKind Kind, string Title, IReadOnlyList<UpdateCategory> Categories);

/// <summary>What appeared since the snapshot, grouped for the "new products and classifications" step.</summary>
/// <param name="Snapshot">The snapshot compared against; null when there was none (then every category counts as new).</param>
/// <param name="NewCategories">Categories whose unique id is not in the snapshot.</param>
/// <param name="Groups">The new categories grouped by classification and by product family.</param>
public sealed record CategoryChanges(
    CategorySnapshot? Snapshot,
    IReadOnlyList<UpdateCategory> NewCategories,
    IReadOnlyList<CategoryGroup> Groups)
{
    /// <summary>New categories that are not subscribed yet and that ConfigMgr allows to subscribe: what to offer.</summary>
    public IReadOnlyList<UpdateCategory> Subscribable =>
        NewCategories.Where(c => c.AllowSubscription && !c.IsSubscribed).ToList();
}
