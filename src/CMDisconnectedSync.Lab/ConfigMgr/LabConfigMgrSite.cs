using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.Lab.Wsus;
using Serilog;

namespace CMDisconnectedSync.Lab.ConfigMgr;

/// <summary>
/// <see cref="IConfigMgrSite"/> for the lab: a disconnected top-level site (sync source "do not synchronize") whose
/// software update point is the lab disconnected WSUS server. Like ConfigMgr it learns products and classifications
/// only from what WSUS imported: a SyncNow sets <c>SMS_SUPSyncStatus</c> to 6701, then each status read moves it on (6701
/// read once, 6704, final), stamped with the injected clock, and at the end adds the categories of the lab WSUS database it has not seen
/// yet (unsubscribed). The final state checks the content the way ConfigMgr surfaces it: 6708 when a license-terms
/// file of an imported update is missing from WsusContent, 6707 when another file is, else 6702. Subscribing honours
/// <c>AllowSubscription</c>. State persists in <c>configmgr-site.json</c>, so the CLI, the wizard and later runs see the
/// same site.
/// </summary>
public sealed partial class LabConfigMgrSite : IConfigMgrSite, IDeploymentContentCatalog
{
    public const string StateFileName = "configmgr-site.json";

    private static readonly object Gate = new();
    private readonly string _statePath;
    private readonly LabWsusServerFolder _wsus;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public LabConfigMgrSite(string siteFolder, LabWsusServerFolder wsus, TimeProvider clock, ILogger logger)
    {
        _statePath = Path.Combine(siteFolder ?? throw new ArgumentNullException(nameof(siteFolder)), StateFileName);
        _wsus = wsus ?? throw new ArgumentNullException(nameof(wsus));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<LabConfigMgrSite>();
        var state = LabSiteStateFile.Load(_statePath);
        ProviderServer = state.ProviderServer;
        SiteCode = state.SiteCode;
    }

    public string ProviderServer { get; }

    public string SiteCode { get; }

    /// <summary>Creates the lab site's state in <paramref name="siteFolder"/>: no categories, never synchronized.</summary>
    public static void Create(string siteFolder, string siteCode, string providerServer, string supServer, SyncSource syncSource = SyncSource.DoNotSynchronize) =>
        LabSiteStateFile.Save(Path.Combine(siteFolder, StateFileName), new LabSiteState
        {
            SiteCode = siteCode,
            ProviderServer = providerServer,
            SupServer = supServer,
            SyncSource = syncSource,
        });

    /// <summary>The <c>fullSync</c> argument of every SyncNow so far.</summary>
    public IReadOnlyList<bool> SyncTriggers => Read(s => s.SyncTriggers);

    public Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<SoftwareUpdatePoint>>(Read(s => new[] { new SoftwareUpdatePoint(s.SupServer, s.SiteCode) }));
    }

    public Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(s => s.SyncSource));
    }

    public Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = Update(AdvanceRunningSync);
        return Task.FromResult<IReadOnlyList<SupSyncStatus>>(state.Status is null ? [] : [state.Status]);
    }

    public Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = _clock.GetUtcNow();
        Update(state => state with
        {
            RunningSync = new LabRunningSync(now, fullSync, 0),
            Status = NewStatus(state, SyncStateMessages.Started, now),
            SyncTriggers = state.SyncTriggers.Append(fullSync).ToList(),
        });
        _logger.Information("Lab site {SiteCode}: SyncNow ({Kind}) accepted; state 6701 at {Time}", SiteCode, fullSync ? "full" : "delta", now);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(s => s.Categories));
    }

    public Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken)
    {
        _ = categoryUniqueIds ?? throw new ArgumentNullException(nameof(categoryUniqueIds));
        cancellationToken.ThrowIfCancellationRequested();
        Update(state =>
        {
            var categories = state.Categories.ToList();
            foreach (var id in categoryUniqueIds)
            {
                var index = categories.FindIndex(c => string.Equals(c.UniqueId, id, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable,
                        $"The lab site {SiteCode} on {ProviderServer} has no update category '{id}'. List them with 'cmdsync categories list'.");
                }

                // Like the SMS Provider: IsSubscribed is writable only where AllowSubscription is true.
                if (!categories[index].AllowSubscription)
                {
                    throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable,
                        $"'{categories[index].Name}' does not allow subscription on the lab site {SiteCode} ({ProviderServer}); subscribe to its products instead.");
                }

                categories[index] = categories[index] with { IsSubscribed = true };
            }

            return state with { Categories = categories };
        });
        _logger.Information("Lab site {SiteCode}: subscribed {Count} categories", SiteCode, categoryUniqueIds.Count);
        return Task.CompletedTask;
    }

    /// <summary>The lab's account is the lab site's Full Administrator: it holds every right on every object.</summary>
    public Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken)
    {
        _ = securedObject ?? throw new ArgumentNullException(nameof(securedObject));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(true);
    }

    private LabSiteState AdvanceRunningSync(LabSiteState state)
    {
        if (state.RunningSync is not { } running)
        {
            return state;
        }

        // Each status read moves the sync one state on, so a poller sees every state: 6701 (as triggered), 6704, final.
        var now = _clock.GetUtcNow();
        var reads = running.StatusReads + 1;
        if (reads == 1)
        {
            return state with { RunningSync = running with { StatusReads = reads } };
        }

        if (reads == 2)
        {
            return state with { RunningSync = running with { StatusReads = reads }, Status = NewStatus(state, SyncStateMessages.InProgressWsus, now) };
        }

        var final = FinalState();
        var known = new HashSet<string>(state.Categories.Select(c => c.UniqueId), StringComparer.OrdinalIgnoreCase);
        var arrived = new LabWsusDatabase(_wsus.DatabasePath).ReadCategories().Where(c => !known.Contains(c.UniqueId)).ToList();
        _logger.Information("Lab site {SiteCode}: synchronization finished with state {State}; {New} new categories from WSUS", SiteCode, final, arrived.Count);
        return state with
        {
            RunningSync = null,
            Status = NewStatus(state, final, now),
            Categories = state.Categories.Concat(arrived).ToList(),
        };
    }

    private int FinalState()
    {
        var missing = new LabWsusDatabase(_wsus.DatabasePath).ReadFiles()
            .Where(f => !File.Exists(Path.Combine(_wsus.ContentDirectory, f.RelativePath.Replace('/', Path.DirectorySeparatorChar))))
            .ToList();
        if (missing.Count == 0)
        {
            return SyncStateMessages.Done;
        }

        _logger.Warning("Lab site {SiteCode}: {Count} imported update files are missing from {Content}, e.g. {Example}",
            SiteCode, missing.Count, _wsus.ContentDirectory, missing[0].RelativePath);
        return missing.All(f => f.RelativePath.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            ? SyncStateMessages.DonePendingLicenseTerms
            : SyncStateMessages.ContentOutOfSync;
    }

    private static SupSyncStatus NewStatus(LabSiteState state, int stateMessageId, DateTimeOffset now)
    {
        var succeeded = stateMessageId is SyncStateMessages.Done or SyncStateMessages.DonePendingLicenseTerms;
        return new SupSyncStatus(state.SiteCode, state.SupServer, stateMessageId, now, succeeded ? now : state.Status?.LastSuccessfulSyncTime, 0);
    }

    private T Read<T>(Func<LabSiteState, T> read)
    {
        lock (Gate)
        {
            return read(LabSiteStateFile.Load(_statePath));
        }
    }

    private LabSiteState Update(Func<LabSiteState, LabSiteState> change)
    {
        lock (Gate)
        {
            var state = change(LabSiteStateFile.Load(_statePath));
            LabSiteStateFile.Save(_statePath, state);
            return state;
        }
    }
}
