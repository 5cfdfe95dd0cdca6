using System.Globalization;
using CMDisconnectedSync.App.Presentation.Content;
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
    private CancellationTokenSource? _syncCancellation;

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

    public bool CanSubscribe => !IsBusy && Pending.Count > 0;

    public bool CanRunFullSync => !IsBusy;

    /// <summary>True while a full synchronization runs and is waited for.</summary>
    public bool IsSyncing => _syncCancellation is not null;

    /// <summary>Cancel is offered while the sync is waited for (and not already asked to stop).</summary>
    public bool CanCancelSync => _syncCancellation is { IsCancellationRequested: false };

    /// <summary>The live state of the full synchronization while it runs: "Synchronizing (6704) on CM01 – 0:42 so far".</summary>
    public string SyncText { get; private set; } = string.Empty;

    /// <summary>Ticked and not yet subscribed.</summary>
    public IReadOnlyList<CategoryChoice> Pending => Groups.SelectMany(g => g.Items).Where(i => i.IsPending).ToList();

    /// <summary>
    /// The question to ask before the window closes (Finish, Close or the window's X), or null when nothing is lost:
    /// ticks that were never subscribed, or subscriptions whose updates need a full sync that was not run.
    /// </summary>
    public string? CloseQuestion
    {
        get
        {
            var pending = Pending;
            if (pending.Count > 0)
            {
                return string.Format(
                    CultureInfo.CurrentCulture,
                    "{0} ticked product(s) or classification(s) are not subscribed yet: {1}. Close without subscribing them? "
                    + "(No returns to the list; select Subscribe selected there.)",
                    pending.Count,
                    string.Join(", ", pending.Select(p => p.Category.Name)));
            }

            return NeedsFullSyncReminder
                ? "Categories were subscribed but no full synchronization was run. ConfigMgr only lists their updates after one. Close anyway?"
                : null;
        }
    }

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

    /// <summary>The receipt the import left in the state folder; null on its own (no import) or when it was not written.</summary>
    public SavedReceipt? ImportReceipt { get; private set; }

    /// <summary>True after an import on this page (a what-if run writes none).</summary>
    public bool ShowsImport { get; private set; }

    /// <summary>
    /// "Receipt for the export side: &lt;path&gt;", or what to do when the import wrote none. On its own, what the
    /// Save receipt button is for.
    /// </summary>
    public string ReceiptText => ImportReceipt is { } receipt
        ? string.Format(
            CultureInfo.CurrentCulture,
            "Receipt for the export side: {0} ({1:N0} files, last accepted sequence {2}). Save it onto the transfer media with its .sha256 file.",
            receipt.Path,
            receipt.Files,
            receipt.LastAcceptedSequence?.ToString(CultureInfo.CurrentCulture) ?? "none")
        : ShowsImport
            ? "No state receipt was written after the import (the log says why). Save receipt for the export side… writes one."
            : "Save receipt for the export side… writes what this server's WsusContent holds, for the next export to send exactly what is missing.";

    /// <summary>The file name the save dialog proposes: the import's own receipt name, else <c>receipt.json</c>.</summary>
    public string SuggestedReceiptFileName => ImportReceipt is { } receipt ? FileNameOf(receipt.Path) : "receipt.json";

    public bool CanSaveReceipt => !IsBusy;

    /// <summary>Shows the receipt the import wrote (<see cref="ImportResult.Receipt"/>).</summary>
    public void ShowImportReceipt(SavedReceipt? receipt)
    {
        ShowsImport = true;
        ImportReceipt = receipt;
        RaiseChanged();
    }

    /// <summary>
    /// "Save receipt for the export side…": writes this server's state receipt (and its .sha256) where the admin chose,
    /// typically the transfer media; the export wizard takes it as the base "Receipt".
    /// </summary>
    public async Task SaveReceiptAsync(string destinationPath, CancellationToken cancellationToken)
    {
        if (IsBusy || string.IsNullOrWhiteSpace(destinationPath))
        {
            return;
        }

        await RunBusyAsync(async () =>
        {
            var saved = await _operations.SaveReceiptAsync(destinationPath.Trim(), cancellationToken);
            Status = string.Format(
                CultureInfo.CurrentCulture,
                "Receipt saved: {0} and {1} ({2:N0} files). On the export server choose it as the base \"What a state receipt says is missing\".",
                saved.Path,
                FileNameOf(saved.HashPath),
                saved.Files);
        });
    }

    // The backend's paths are Windows paths; split on both separators so the presenter reads them the same everywhere.
    private static string FileNameOf(string path) => path[(path.LastIndexOfAny(['\\', '/']) + 1)..];

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
        var chosen = Pending.ToList();
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

    /// <summary>
    /// Triggers a full synchronization and waits for its result, as <c>cmdsync categories subscribe --sync</c> does,
    /// showing each state in <see cref="SyncText"/>; <see cref="CancelFullSync"/> stops waiting.
    /// </summary>
    public async Task RunFullSyncAsync(CancellationToken cancellationToken)
    {
        if (IsBusy)
        {
            return;
        }

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _syncCancellation = cancellation;
        SyncText = "Starting a full synchronization…";
        try
        {
            await RunBusyAsync(async () =>
            {
                // Progress<T> posts to this (UI) thread's context, like the wizard's progress page.
                var progress = new Progress<SupSyncState>(state =>
                {
                    if (_syncCancellation is not null)
                    {
                        SyncText = $"{state.Describe()} on {state.WsusServerName}";
                        RaiseChanged();
                    }
                });
                var result = await _operations.RunFullSyncAsync(_site, progress, cancellation.Token);
                if (result.Succeeded)
                {
                    _subscribedSinceSync = false;
                    Status = result.Message;
                }
                else
                {
                    throw new InvalidOperationException(result.Message);
                }
            }, "Stopped waiting for the full synchronization; ConfigMgr continues it. Follow it in the Status window or in wsyncmgr.log.");
        }
        finally
        {
            _syncCancellation = null;
            SyncText = string.Empty;
            RaiseChanged();
        }
    }

    /// <summary>Stops waiting for the full synchronization (ConfigMgr keeps running it).</summary>
    public void CancelFullSync()
    {
        if (_syncCancellation is { IsCancellationRequested: false } running)
        {
            running.Cancel();
            RaiseChanged();
        }
    }

    /// <summary>
    /// "Request content for these updates…": the content request dialog for this site with no group ticked (issue 18:
    /// after an import the site knows the updates but has none of their files).
    /// </summary>
    public ContentRequestDialog RequestContent() => new(_operations, _site, preselectedGroupId: null);

    /// <summary>True when categories were subscribed but no full sync was requested since: closing should remind.</summary>
    public bool NeedsFullSyncReminder => _subscribedSinceSync;

    private async Task RunBusyAsync(Func<Task> action, string cancelledMessage = "Cancelled.")
    {
        IsBusy = true;
        Error = null;
        RaiseChanged();
        Error = await FailureOfAsync(action, cancelledMessage);

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
