using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Testing.ConfigMgr;

/// <summary>
/// An in-memory ConfigMgr site that behaves like one: <see cref="TriggerSyncAsync"/> starts a synchronization
/// whose status moves 6701 → 6704 → the scripted final state as it is polled, stamped with the injected clock;
/// subscribing honours <c>AllowSubscription</c>; categories scripted to arrive with the sync appear when it ends.
/// Build it with <see cref="FakeSiteBuilder"/>.
/// </summary>
public sealed class FakeConfigMgrSite : IConfigMgrSite
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<SoftwareUpdatePoint> _softwareUpdatePoints;
    private readonly List<UpdateCategory> _categories;
    private readonly List<UpdateCategory> _arrivingWithSync;
    private readonly Dictionary<string, SupSyncStatus> _statuses = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<bool> _triggers = [];
    private readonly List<string> _subscribeCalls = [];
    private readonly FakeSyncScript _script;
    private readonly IReadOnlyDictionary<string, RbacPermissions> _deniedPermissions;
    private readonly HashSet<string> _replicas;
    private int _pollsSinceTrigger = -1;

    internal FakeConfigMgrSite(
        string providerServer,
        string siteCode,
        TimeProvider clock,
        SyncSource syncSource,
        IEnumerable<SoftwareUpdatePoint> softwareUpdatePoints,
        IEnumerable<UpdateCategory> categories,
        IEnumerable<UpdateCategory> arrivingWithSync,
        IEnumerable<SupSyncStatus> initialStatuses,
        FakeSyncScript script,
        ConfigMgrException? failure,
        IReadOnlyDictionary<string, RbacPermissions>? deniedPermissions = null,
        IEnumerable<string>? replicas = null)
    {
        _replicas = new HashSet<string>(replicas ?? [], StringComparer.OrdinalIgnoreCase);
        _deniedPermissions = deniedPermissions ?? new Dictionary<string, RbacPermissions>();
        ProviderServer = providerServer;
        SiteCode = siteCode;
        _clock = clock;
        SyncSource = syncSource;
        _softwareUpdatePoints = softwareUpdatePoints.ToList();
        _categories = categories.ToList();
        _arrivingWithSync = arrivingWithSync.ToList();
        foreach (var status in initialStatuses)
        {
            _statuses[status.WsusServerName] = status;
        }

        _script = script;
        Failure = failure;
    }

    public string ProviderServer { get; }

    public string SiteCode { get; }

    public SyncSource SyncSource { get; }

    /// <summary>When set, every call throws it (an unreachable provider, access denied…).</summary>
    public ConfigMgrException? Failure { get; }

    /// <summary>The <c>fullSync</c> argument of every SyncNow, in order.</summary>
    public IReadOnlyList<bool> SyncTriggers
    {
        get { lock (_gate) { return _triggers.ToList(); } }
    }

    /// <summary>Every unique id written with IsSubscribed=true, in order.</summary>
    public IReadOnlyList<string> SubscribeCalls
    {
        get { lock (_gate) { return _subscribeCalls.ToList(); } }
    }

    /// <summary>The categories as the site holds them now.</summary>
    public IReadOnlyList<UpdateCategory> Categories
    {
        get { lock (_gate) { return _categories.ToList(); } }
    }

    public Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        return Task.FromResult<IReadOnlyList<SoftwareUpdatePoint>>(_softwareUpdatePoints.ToList());
    }

    public Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        return Task.FromResult(SyncSource);
    }

    public Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        lock (_gate)
        {
            if (_pollsSinceTrigger >= 0)
            {
                AdvanceRunningSync();
            }

            return Task.FromResult<IReadOnlyList<SupSyncStatus>>(_statuses.Values.ToList());
        }
    }

    public Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        lock (_gate)
        {
            _triggers.Add(fullSync);
            _pollsSinceTrigger = 0;
            SetAll(SyncStateMessages.Started, errorCode: 0);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<UpdateCategory>>(_categories.ToList());
        }
    }

    public Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        _ = categoryUniqueIds ?? throw new ArgumentNullException(nameof(categoryUniqueIds));
        lock (_gate)
        {
            foreach (var id in categoryUniqueIds)
            {
                var index = _categories.FindIndex(c => string.Equals(c.UniqueId, id, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"No SMS_UpdateCategoryInstance with CategoryInstance_UniqueID '{id}' on {ProviderServer}.");
                }

                // Like the SMS Provider: IsSubscribed is writable only where AllowSubscription is true.
                if (!_categories[index].AllowSubscription)
                {
                    throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable, $"'{_categories[index].Name}' does not allow subscription on {ProviderServer}.");
                }

                _categories[index] = _categories[index] with { IsSubscribed = true };
                _subscribeCalls.Add(id);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Like <c>SMS_RbacSecuredObject.UserHasPermissions</c>: true unless the builder denied one of the rights asked.</summary>
    public Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken)
    {
        ThrowIfFailing(cancellationToken);
        var denied = _deniedPermissions.TryGetValue(securedObject, out var rights) ? rights : RbacPermissions.None;
        return Task.FromResult((denied & permissions) == RbacPermissions.None);
    }

    private void AdvanceRunningSync()
    {
        _pollsSinceTrigger++;
        if (_script.NeverFinishes || _pollsSinceTrigger < _script.PollsUntilFinal)
        {
            SetAll(SyncStateMessages.InProgressWsus, errorCode: 0);
            return;
        }

        SetAll(_script.FinalStateMessageId, _script.ErrorCode);
        _pollsSinceTrigger = -1;
        if (_script.FinalStateMessageId is SyncStateMessages.Done or SyncStateMessages.DonePendingLicenseTerms)
        {
            foreach (var arriving in _arrivingWithSync.Where(a => !_categories.Any(c => c.UniqueId == a.UniqueId)))
            {
                _categories.Add(arriving);
            }
        }
    }

    private void SetAll(int stateMessageId, int errorCode)
    {
        var now = _clock.GetUtcNow();
        foreach (var sup in _softwareUpdatePoints.Where(s => !_replicas.Contains(s.ServerName)))
        {
            _statuses.TryGetValue(sup.ServerName, out var previous);
            var succeeded = stateMessageId is SyncStateMessages.Done or SyncStateMessages.DonePendingLicenseTerms;
            _statuses[sup.ServerName] = new SupSyncStatus(
                sup.SiteCode,
                sup.ServerName,
                stateMessageId,
                now,
                succeeded ? now : previous?.LastSuccessfulSyncTime,
                errorCode);
        }
    }

    private void ThrowIfFailing(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Failure is not null)
        {
            throw Failure;
        }
    }
}

/// <summary>How the fake site's next synchronization ends.</summary>
/// <param name="FinalStateMessageId">6702, 6703, 6707 or 6708.</param>
/// <param name="ErrorCode">LastSyncErrorCode with the final state.</param>
/// <param name="PollsUntilFinal">Status reads after the trigger before the final state shows.</param>
/// <param name="NeverFinishes">Stays in progress forever (for timeouts).</param>
public sealed record FakeSyncScript(int FinalStateMessageId, int ErrorCode = 0, int PollsUntilFinal = 3, bool NeverFinishes = false);
