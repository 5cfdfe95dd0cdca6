using System.Globalization;
using CMDisconnectedSync.DeploymentContent;
using Microsoft.ConfigurationManagement.ManagementProvider;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// <see cref="IConfigMgrSite"/> over a connected SMS Provider: WQL through <c>QueryProcessor.ExecuteQuery</c>,
/// class methods through <c>ExecuteMethod</c>, writes through <c>IResultObject.Put()</c> (Microsoft's "How to Perform a
/// Synchronous Configuration Manager Query by Using Managed Code", "How to Call a Configuration Manager Object Class
/// Method by Using Managed Code", "How to Read a Configuration Manager Site Control File Embedded Property").
/// </summary>
internal sealed partial class SmsProviderSite : IConfigMgrSite, IDeploymentContentCatalog, IDisposable
{
    private readonly ConnectionManagerBase _connection;
    private readonly ProviderCalls _calls;
    private readonly ILogger _logger;

    public SmsProviderSite(ConnectionManagerBase connection, string providerServer, string siteCode, TimeProvider clock, ILogger logger)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        ProviderServer = providerServer ?? throw new ArgumentNullException(nameof(providerServer));
        SiteCode = siteCode ?? throw new ArgumentNullException(nameof(siteCode));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<SmsProviderSite>();
        _calls = new ProviderCalls(providerServer, clock ?? throw new ArgumentNullException(nameof(clock)), _logger);
    }

    public string ProviderServer { get; }

    public string SiteCode { get; }

    public Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<SoftwareUpdatePoint>>("listing the software update points (SMS_SCI_SysResUse)", () =>
            Query(Wql.SoftwareUpdatePoints(SiteCode), row => new SoftwareUpdatePoint(
                PropertyValues.Text(row["NetworkOSPath"]).TrimStart('\\'),
                PropertyValues.Text(row["SiteCode"]))),
            cancellationToken);

    public Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync("reading the software update point sync source (SMS_SCI_Component)", () =>
            Query(Wql.WsusComponent(SiteCode), ReadSyncSource).FirstOrDefault()
                ?? throw new ConfigMgrException(ConfigMgrFailure.SiteMisconfigured,
                    $"Site {SiteCode} ({ProviderServer}) has no {Wql.WsusConfigurationManagerComponent} component: it has no "
                    + "software update point. Add the Software update point role to the top-level site first."),
            cancellationToken);

    public Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<SupSyncStatus>>("reading the synchronization status (SMS_SUPSyncStatus)", () =>
            Query(Wql.SyncStatuses(SiteCode), row => new SupSyncStatus(
                PropertyValues.Text(row["SiteCode"]),
                PropertyValues.Text(row["WSUSServerName"]),
                PropertyValues.Number(row["LastSyncState"]),
                PropertyValues.UtcTime(row["LastSyncStateTime"]),
                PropertyValues.UtcTime(row["LastSuccessfulSyncTime"]),
                PropertyValues.Number(row["LastSyncErrorCode"]))),
            cancellationToken);

    public Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken) =>
        _calls.RunAsync(fullSync ? "starting a full synchronization (SMS_SoftwareUpdate.SyncNow)" : "starting a synchronization (SMS_SoftwareUpdate.SyncNow)", () =>
        {
            var parameters = new Dictionary<string, object> { [Wql.FullSyncParameter] = fullSync };
            using var result = _connection.ExecuteMethod(Wql.SoftwareUpdateClass, Wql.SyncNowMethod, parameters);
            var returnValue = result["ReturnValue"].IntegerValue;
            if (returnValue != 0)
            {
                throw new ConfigMgrException(ConfigMgrFailure.OperationFailed,
                    $"{Wql.SoftwareUpdateClass}.{Wql.SyncNowMethod} on {ProviderServer} returned {returnValue.ToString(CultureInfo.InvariantCulture)} "
                    + "instead of 0. Check smsprov.log and wsyncmgr.log in the site server's Logs folder.");
            }

            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<UpdateCategory>>("listing products and classifications (SMS_UpdateCategoryInstance)", () =>
            UpdateCategoryRows.ToCategories(Query(Wql.AllUpdateCategories, UpdateCategoryRows.Read), _logger),
            cancellationToken);

    public Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken)
    {
        _ = categoryUniqueIds ?? throw new ArgumentNullException(nameof(categoryUniqueIds));
        return _calls.RunAsync("subscribing to products and classifications (SMS_UpdateCategoryInstance.Put)", () =>
        {
            foreach (var uniqueId in categoryUniqueIds)
            {
                Subscribe(uniqueId);
            }

            return true;
        }, cancellationToken);
    }

    public Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken)
    {
        _ = securedObject ?? throw new ArgumentNullException(nameof(securedObject));
        return _calls.RunAsync($"asking whether this account has {permissions} on {securedObject} ({Wql.RbacSecuredObjectClass}.{Wql.UserHasPermissionsMethod})", () =>
        {
            // A read-only method: it answers for the current account and changes nothing on the site.
            var parameters = new Dictionary<string, object>
            {
                [Wql.ObjectPathParameter] = securedObject,
                [Wql.PermissionsParameter] = (int)permissions,
            };
            using var result = _connection.ExecuteMethod(Wql.RbacSecuredObjectClass, Wql.UserHasPermissionsMethod, parameters);
            var granted = result["ReturnValue"].BooleanValue;
            _logger.Debug("{Permissions} on {SecuredObject} for this account: {Granted}", permissions, securedObject, granted);
            return granted;
        }, cancellationToken);
    }

    public void Dispose() => _connection.Dispose();

    private void Subscribe(string uniqueId)
    {
        var found = Query(Wql.UpdateCategory(uniqueId), category => Subscribe(category, uniqueId));
        if (found.Count == 0)
        {
            throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable,
                $"Site {SiteCode} ({ProviderServer}) has no product or classification with unique id {uniqueId}.");
        }
    }

    private bool Subscribe(IResultObject category, string uniqueId)
    {
        // A row from a query carries no lazy properties (null or zero until read); Put() would write those back as they
        // are. Get() loads the whole instance first (learn.microsoft.com, ConfigMgr SDK: "Configuration Manager Lazy
        // Properties" and "How to Read Lazy Properties by Using Managed Code": collection.Get() before reading it).
        category.Get();
        var name = PropertyValues.Text(category["LocalizedCategoryInstanceName"]);
        if (!PropertyValues.Flag(category["AllowSubscription"]))
        {
            throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable,
                $"'{name}' ({uniqueId}) on site {SiteCode} does not allow subscription (AllowSubscription = false).");
        }

        if (PropertyValues.Flag(category["IsSubscribed"]))
        {
            return true;
        }

        category["IsSubscribed"].BooleanValue = true;
        category.Put();
        _logger.Information("Subscribed site {SiteCode} to {Category} ({UniqueId})", SiteCode, name, uniqueId);
        return true;
    }

    private SyncSource? ReadSyncSource(IResultObject component)
    {
        // Site control items can carry their embedded properties as lazy data: load the full instance first.
        component.Get();
        if (!component.EmbeddedProperties.TryGetValue(Wql.SyncSourceProperty, out var property))
        {
            throw new ConfigMgrException(ConfigMgrFailure.SiteMisconfigured,
                $"The {Wql.WsusConfigurationManagerComponent} component of site {SiteCode} ({ProviderServer}) has no "
                + $"{Wql.SyncSourceProperty} property. Open the software update point component's Sync Settings in the console and save them once.");
        }

        var value = PropertyValues.Number(property["Value"], whenNull: -1);
        if (!Enum.IsDefined(typeof(SyncSource), value))
        {
            throw new ConfigMgrException(ConfigMgrFailure.OperationFailed,
                $"Site {SiteCode} ({ProviderServer}) reports {Wql.SyncSourceProperty} = {value}, which this version does not know (0, 1 or 2).");
        }

        return (SyncSource)value;
    }

    // Reads every row while the result set is open, then releases it.
    private List<T> Query<T>(string wql, Func<IResultObject, T> read)
    {
        _logger.Debug("WQL on {Server}: {Wql}", ProviderServer, wql);
        using var results = _connection.QueryProcessor.ExecuteQuery(wql);
        var rows = new List<T>();
        var enumerator = results.GetEnumerator();
        while (enumerator.MoveNext())
        {
            rows.Add(read((IResultObject)enumerator.Current));
        }

        return rows;
    }
}
