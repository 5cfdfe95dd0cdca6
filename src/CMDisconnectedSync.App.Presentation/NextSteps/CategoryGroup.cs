using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.NextSteps;

/// <summary>A new product or classification in the checked list.</summary>
public sealed class CategoryChoice
{
    internal CategoryChoice(UpdateCategory category) => Category = category;

    public UpdateCategory Category { get; private set; }

    public bool IsChecked { get; internal set; }

    /// <summary>False when ConfigMgr does not allow subscribing it, or it is subscribed already.</summary>
    public bool IsSelectable => Category.AllowSubscription && !Category.IsSubscribed;

    /// <summary>Why it cannot be ticked, for the row's tooltip/suffix.</summary>
    public string? Note => Category.IsSubscribed ? "subscribed" : Category.AllowSubscription ? null : "not subscribable in ConfigMgr";

    internal void MarkSubscribed()
    {
        Category = Category with { IsSubscribed = true };
        IsChecked = false;
    }
}

/// <summary>A heading of the list: "Classifications", a product family such as "Windows", or "Companies and product families".</summary>
public sealed record CategoryGroup(string Heading, IReadOnlyList<CategoryChoice> Items);
