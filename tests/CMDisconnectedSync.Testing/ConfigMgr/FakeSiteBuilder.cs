using CMDisconnectedSync.ConfigMgr;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Testing.ConfigMgr;

/// <summary>
/// Builds a <see cref="FakeConfigMgrSite"/> the way an admin would describe the site:
/// <c>new FakeSiteBuilder().WithSup("CM01").WithProduct("Windows 11", subscribed: true).WithSyncEnding(6702).Build()</c>.
/// Defaults: site PS1 reached through CM01, sync source "do not synchronize", syncs succeed after three polls.
/// </summary>
public sealed class FakeSiteBuilder
{
    private readonly List<SoftwareUpdatePoint> _sups = [];
    private readonly List<UpdateCategory> _categories = [];
    private readonly List<UpdateCategory> _arriving = [];
    private readonly List<SupSyncStatus> _statuses = [];
    private readonly HashSet<string> _replicas = new(StringComparer.OrdinalIgnoreCase);
    private string _providerServer = "CM01.corp.example";
    private string _siteCode = "PS1";
    private TimeProvider _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private SyncSource _syncSource = SyncSource.DoNotSynchronize;
    private FakeSyncScript _script = new(SyncStateMessages.Done);
    private ConfigMgrException? _failure;
    private readonly Dictionary<string, RbacPermissions> _denied = new(StringComparer.OrdinalIgnoreCase);

    public FakeSiteBuilder WithProviderServer(string server)
    {
        _providerServer = server;
        return this;
    }

    public FakeSiteBuilder WithSiteCode(string siteCode)
    {
        _siteCode = siteCode;
        return this;
    }

    public FakeSiteBuilder WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    public FakeSiteBuilder WithSup(string serverName, string? siteCode = null)
    {
        _sups.Add(new SoftwareUpdatePoint(serverName, siteCode ?? _siteCode));
        return this;
    }

    /// <summary>
    /// A second software update point of the site that takes its updates from the synchronization source: a sync we
    /// trigger does not change its <c>SMS_SUPSyncStatus</c> row, which keeps showing <paramref name="stateMessageId"/>.
    /// </summary>
    public FakeSiteBuilder WithReplicaSup(string serverName, int stateMessageId, DateTimeOffset at, int errorCode = 0)
    {
        _replicas.Add(serverName);
        return WithSup(serverName).WithLastSync(serverName, stateMessageId, at, errorCode);
    }

    /// <summary>A status the site already shows before anything is triggered (e.g. last night's 6702).</summary>
    public FakeSiteBuilder WithLastSync(string serverName, int stateMessageId, DateTimeOffset at, int errorCode = 0)
    {
        _statuses.Add(new SupSyncStatus(_siteCode, serverName, stateMessageId, at, stateMessageId == SyncStateMessages.Done ? at : null, errorCode));
        return this;
    }

    public FakeSiteBuilder WithSyncSource(SyncSource source)
    {
        _syncSource = source;
        return this;
    }

    public FakeSiteBuilder WithProduct(string name, bool subscribed = false, string family = "Windows", bool allowSubscription = true, string? uniqueId = null)
    {
        _categories.Add(Product(name, subscribed, family, allowSubscription, uniqueId));
        return this;
    }

    public FakeSiteBuilder WithClassification(string name, bool subscribed = false, bool allowSubscription = true, string? uniqueId = null)
    {
        _categories.Add(Classification(name, subscribed, allowSubscription, uniqueId));
        return this;
    }

    public FakeSiteBuilder WithCompany(string name, bool allowSubscription = false, string? uniqueId = null)
    {
        _categories.Add(new UpdateCategory(uniqueId ?? IdFor("Company", name), name, UpdateCategoryType.Company, false, allowSubscription));
        return this;
    }

    /// <summary>A product that appears on the site only when the next synchronization succeeds (as after an import).</summary>
    public FakeSiteBuilder WithProductArrivingWithSync(string name, string family = "Windows", bool allowSubscription = true)
    {
        _arriving.Add(Product(name, false, family, allowSubscription, null));
        return this;
    }

    /// <summary>A classification that appears on the site only when the next synchronization succeeds.</summary>
    public FakeSiteBuilder WithClassificationArrivingWithSync(string name, bool allowSubscription = true)
    {
        _arriving.Add(Classification(name, false, allowSubscription, null));
        return this;
    }

    /// <summary>How the next synchronization ends: 6702, 6703 (with <paramref name="errorCode"/>), 6707 or 6708.</summary>
    public FakeSiteBuilder WithSyncEnding(int finalStateMessageId, int errorCode = 0, int pollsUntilFinal = 3)
    {
        _script = new FakeSyncScript(finalStateMessageId, errorCode, pollsUntilFinal);
        return this;
    }

    public FakeSiteBuilder WithSyncThatNeverFinishes()
    {
        _script = _script with { NeverFinishes = true };
        return this;
    }

    /// <summary>Every call fails like an unreachable or refusing SMS Provider.</summary>
    public FakeSiteBuilder WithProviderFailure(ConfigMgrFailure failure, string message)
    {
        _failure = new ConfigMgrException(failure, message);
        return this;
    }

    /// <summary>The account lacks <paramref name="permissions"/> on <paramref name="securedObject"/> (every other right is granted).</summary>
    public FakeSiteBuilder WithoutPermission(string securedObject, RbacPermissions permissions)
    {
        _denied[securedObject] = (_denied.TryGetValue(securedObject, out var already) ? already : RbacPermissions.None) | permissions;
        return this;
    }

    public FakeConfigMgrSite Build() => new(
        _providerServer, _siteCode, _clock, _syncSource, _sups, _categories, _arriving, _statuses, _script, _failure, _denied, _replicas);

    /// <summary>The deterministic unique id the builder gives a category (so tests can name it by id).</summary>
    public static string IdFor(string type, string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(type + "|" + name));
        var guid = new Guid(hash.AsSpan(0, 16));
        return $"{type}:{guid}";
    }

    private static UpdateCategory Product(string name, bool subscribed, string family, bool allowSubscription, string? uniqueId) =>
        new(uniqueId ?? IdFor("Product", name), name, UpdateCategoryType.Product, subscribed, allowSubscription,
            IdFor("ProductFamily", family), family);

    private static UpdateCategory Classification(string name, bool subscribed, bool allowSubscription, string? uniqueId) =>
        new(uniqueId ?? IdFor("UpdateClassification", name), name, UpdateCategoryType.Classification, subscribed, allowSubscription);
}
