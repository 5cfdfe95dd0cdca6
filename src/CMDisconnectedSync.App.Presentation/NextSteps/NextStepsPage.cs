using System.Globalization;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.NextSteps;

/// <summary>
/// "Next steps" after an import, and the standalone "Review new products and classifications…": the new categories
/// as a checked list grouped by classification and product family, Subscribe selected, Run full sync now, and the
/// other follow-ups (design.md §8).
/// </summary>
public sealed class NextStepsPage : ObservablePresenter
{
    public const string ClassificationsHeading = "Classifications";
    public const string OtherProductsHeading = "Other products";
    public const string VendorsHeading = "Companies and product families";

    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private bool _subscribedSinceSync;

    public NextStepsPage(IDisconnectedSyncOperations operations, SiteTarget site)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
    }

    public IReadOnlyList<CategoryGroup> Groups { get; private set; } = [];

    public bool IsBusy { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The outcome of the last action, e.g. "Subscribed 2 categories.".</summary>
    public string Status { get; private set; } = string.Empty;

    public bool CanSubscribe => !IsBusy && Groups.SelectMany(g => g.Items).Any(i => i.IsChecked && i.IsSelectable);

    public bool CanRunFullSync => !IsBusy;

    /// <summary>The follow-ups that are not a button here, each a sentence an admin can act on.</summary>
    public IReadOnlyList<string> FollowUps { get; } =
    [
        "Review the software update point's products and classifications (Administration > Site Configuration > Sites > "
        + "Configure Site Components > Software Update Point) so they match the export side.",
        "After the full sync, check wsyncmgr.log and the SUP's sync state (Monitoring > Software Update Point Synchronization Status).",
        "State 6708 (license terms pending) means a license .txt file is missing from WsusContent: re-export with the base set to a state receipt.",
        "Review automatic deployment rules that should pick up the new products.",
        "Carry the state receipt back to the export side so the next export sends exactly what is missing.",
    ];

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await RunBusyAsync(async () =>
        {
            var categories = await _operations.GetNewCategoriesAsync(_site, cancellationToken);
            Groups = Group(categories);
            Status = categories.Count == 0
                ? "No new products or classifications since the last import."
                : string.Format(CultureInfo.CurrentCulture, "{0} new product(s) and classification(s). Tick the ones to subscribe.", categories.Count);
        });
    }

    public void SetChecked(CategoryChoice choice, bool isChecked)
    {
        _ = choice ?? throw new ArgumentNullException(nameof(choice));
        choice.IsChecked = isChecked && choice.IsSelectable;
        RaiseChanged();
    }

    /// <summary>Ticks or clears every selectable item under a heading.</summary>
    public void SetGroupChecked(CategoryGroup group, bool isChecked)
    {
        _ = group ?? throw new ArgumentNullException(nameof(group));
        foreach (var choice in group.Items)
        {
            choice.IsChecked = isChecked && choice.IsSelectable;
        }

        RaiseChanged();
    }

    public async Task SubscribeSelectedAsync(CancellationToken cancellationToken)
    {
        var chosen = Groups.SelectMany(g => g.Items).Where(i => i.IsChecked && i.IsSelectable).ToList();
        if (chosen.Count == 0 || IsBusy)
        {
            return;
        }

        await RunBusyAsync(async () =>
        {
            var ids = chosen.Select(c => c.Category.UniqueId).ToList();
            var subscribed = new HashSet<string>(await _operations.SubscribeAsync(_site, ids, cancellationToken), StringComparer.OrdinalIgnoreCase);
            foreach (var choice in chosen.Where(c => subscribed.Contains(c.Category.UniqueId)))
            {
                choice.MarkSubscribed();
            }

            _subscribedSinceSync = subscribed.Count > 0;
            var missed = chosen.Where(c => !subscribed.Contains(c.Category.UniqueId)).Select(c => c.Category.Name).ToList();
            Status = string.Format(CultureInfo.CurrentCulture, "Subscribed {0} of {1}. ", subscribed.Count, chosen.Count)
                     + (missed.Count > 0 ? "Not subscribed: " + string.Join(", ", missed) + ". " : string.Empty)
                     + "Run a full sync so ConfigMgr synchronizes their updates.";
        });
    }

    public async Task RunFullSyncAsync(CancellationToken cancellationToken)
    {
        if (IsBusy)
        {
            return;
        }

        await RunBusyAsync(async () =>
        {
            var trigger = await _operations.RunFullSyncAsync(_site, cancellationToken);
            _subscribedSinceSync = false;
            Status = "Full synchronization requested at "
                     + trigger.TriggeredAtUtc.ToLocalTime().ToString("t", CultureInfo.CurrentCulture)
                     + ". Follow it in the Status window or in wsyncmgr.log.";
        });
    }

    /// <summary>True when categories were subscribed but no full sync was requested since: closing should remind.</summary>
    public bool NeedsFullSyncReminder => _subscribedSinceSync;

    private async Task RunBusyAsync(Func<Task> action)
    {
        IsBusy = true;
        Error = null;
        RaiseChanged();
        Error = await FailureOfAsync(action, "Cancelled.");

        IsBusy = false;
        RaiseChanged();
    }

    // The same grouping as Core's CategoryDiff (ConfigMgr.CategoryGroupKind): classifications, then products by
    // family, then new companies and product families themselves.
    private static List<CategoryGroup> Group(IReadOnlyList<UpdateCategory> categories)
    {
        var groups = new List<CategoryGroup>();
        AddGroup(groups, ClassificationsHeading, categories.Where(c => c.Kind == UpdateCategoryKind.Classification));
        foreach (var family in categories.Where(c => c.Kind == UpdateCategoryKind.Product)
                     .GroupBy(c => string.IsNullOrWhiteSpace(c.ProductFamily) ? OtherProductsHeading : c.ProductFamily!, StringComparer.CurrentCultureIgnoreCase)
                     .OrderBy(g => g.Key, StringComparer.CurrentCultureIgnoreCase))
        {
            AddGroup(groups, family.Key, family);
        }

        AddGroup(groups, VendorsHeading, categories.Where(c => c.Kind is UpdateCategoryKind.Company or UpdateCategoryKind.ProductFamily));
        return groups;
    }

    private static void AddGroup(List<CategoryGroup> groups, string heading, IEnumerable<UpdateCategory> members)
    {
        var items = members.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).Select(c => new CategoryChoice(c)).ToList();
        if (items.Count > 0)
        {
            groups.Add(new CategoryGroup(heading, items));
        }
    }
}
