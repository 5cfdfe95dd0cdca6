using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.NextSteps;

/// <summary>
/// A new product or classification in the checked list. A subscribed one is shown ticked and cannot be unticked
/// ("already subscribed"); one ConfigMgr does not allow is shown unticked and cannot be ticked: the two never look alike.
/// </summary>
public sealed class CategoryChoice
{
    public const string SubscribedNote = "already subscribed";
    public const string NotAllowedNote = "ConfigMgr does not allow subscribing it";

    private bool _ticked;

    internal CategoryChoice(UpdateCategory category) => Category = category;

    public UpdateCategory Category { get; private set; }

    /// <summary>Ticked by the admin, or subscribed already (always shown ticked).</summary>
    public bool IsChecked
    {
        get => Category.IsSubscribed || _ticked;
        internal set => _ticked = value && IsSelectable;
    }

    /// <summary>Ticked by the admin and not subscribed yet: what Subscribe selected would save.</summary>
    public bool IsPending => _ticked && IsSelectable;

    /// <summary>False when ConfigMgr does not allow subscribing it, or it is subscribed already.</summary>
    public bool IsSelectable => Category.AllowSubscription && !Category.IsSubscribed;

    /// <summary>Why it cannot be changed, for the row's suffix; null when it can.</summary>
    public string? Note => Category.IsSubscribed ? SubscribedNote : Category.AllowSubscription ? null : NotAllowedNote;

    internal void MarkSubscribed()
    {
        Category = Category with { IsSubscribed = true };
        _ticked = false;
    }
}

/// <summary>A heading of the list: "Classifications", a product family such as "Windows", or "Companies and product families".</summary>
public sealed record CategoryGroup(string Heading, IReadOnlyList<CategoryChoice> Items);
