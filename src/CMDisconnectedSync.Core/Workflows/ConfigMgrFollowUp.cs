using CMDisconnectedSync.ConfigMgr;
using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The ConfigMgr part of an import (issue 6): snapshot the update categories before the import, then check the
/// sync source, SyncNow and wait, then compare the categories with the snapshot (the next steps).
/// </summary>
public sealed class ConfigMgrFollowUp
{
    private readonly IConfigMgrSite _site;
    private readonly CategorySnapshotStore _snapshots;
    private readonly SupSyncWaiter _waiter;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly IReadOnlyCollection<string> _importServerNames;

    /// <param name="site">The connected site.</param>
    /// <param name="stateFolder">Where the category snapshot is kept.</param>
    /// <param name="waiter">SyncNow and wait.</param>
    /// <param name="clock">Time of the snapshot.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="importServerNames">The names of the server the import ran on (<see cref="Host.ThisComputer.Names"/>):
    /// its software update point is the one whose status is followed (<see cref="SyncSourceSoftwareUpdatePoint"/>).</param>
    public ConfigMgrFollowUp(IConfigMgrSite site, string stateFolder, SupSyncWaiter waiter, TimeProvider clock, ILogger logger, IReadOnlyCollection<string> importServerNames)
    {
        _importServerNames = importServerNames ?? throw new ArgumentNullException(nameof(importServerNames));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<ConfigMgrFollowUp>();
        _snapshots = new CategorySnapshotStore(stateFolder, _logger);
        _waiter = waiter ?? throw new ArgumentNullException(nameof(waiter));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Saves the site's categories now, to tell later which ones the import brought.</summary>
    public async Task<string> SnapshotAsync(CancellationToken cancellationToken)
    {
        var categories = await _site.GetUpdateCategoriesAsync(cancellationToken).ConfigureAwait(false);
        await _snapshots.SaveAsync(new CategorySnapshot(_site.SiteCode, _clock.GetUtcNow(), categories), cancellationToken).ConfigureAwait(false);
        return $"{categories.Count} categories of site {_site.SiteCode}";
    }

    /// <summary>
    /// Checks that the site does not synchronize from Microsoft Update or upstream, then triggers a sync and waits.
    /// Anything but 6702/6708 throws <see cref="WorkflowFailedException"/> (the journal keeps the step unfinished).
    /// </summary>
    public async Task<SyncOutcome> SyncAsync(string step, SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var finding = SyncSourceCheck.Evaluate(await _site.GetSyncSourceAsync(cancellationToken).ConfigureAwait(false), _site.SiteCode);
        if (!finding.IsOk)
        {
            throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.SyncSourceNotDisconnected, step,
                $"{finding.Message} The sync was not triggered; the import itself is done. {finding.Fix} Then rerun the same command to sync."));
        }

        var points = await _site.GetSoftwareUpdatePointsAsync(cancellationToken).ConfigureAwait(false);
        SoftwareUpdatePoint sup;
        try
        {
            sup = SyncSourceSoftwareUpdatePoint.Select(points, _site.SiteCode, _site.ProviderServer, _importServerNames);
        }
        catch (ConfigMgrException ex)
        {
            throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.ConfigMgr, step,
                $"{ex.Message} The sync was not triggered; the import itself is done. Fix this, then rerun the same command to sync.")
            {
                ConfigMgr = ex.Failure,
            });
        }

        var outcome = await _waiter.SyncNowAndWaitAsync(_site, sup, request, progress, cancellationToken).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.SyncFailed, step, outcome.Message + " The import itself is done; rerun the same command to sync again.") { Sync = outcome });
        }

        return outcome;
    }

    /// <summary>New products and classifications since the snapshot, grouped (design.md §8).</summary>
    public async Task<CategoryChanges> NextStepsAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _snapshots.LoadAsync(_site.SiteCode, cancellationToken).ConfigureAwait(false);
        var current = await _site.GetUpdateCategoriesAsync(cancellationToken).ConfigureAwait(false);
        var changes = CategoryDiff.Compare(snapshot, current);
        _logger.Information("{New} new update categories on site {SiteCode} since the snapshot; {Subscribable} can be subscribed",
            changes.NewCategories.Count, _site.SiteCode, changes.Subscribable.Count);
        return changes;
    }
}
