namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// One connected ConfigMgr site, seen through its SMS Provider, in the words the import workflow and the wizard
/// use: its software update points, their sync source and sync status, the software update categories (products,
/// classifications, companies) and their subscription. Implemented with the ConfigMgr SDK by
/// <c>CMDisconnectedSync.ConfigMgr</c>; tests use <c>FakeConfigMgrSite</c>. Failures are <see cref="ConfigMgrException"/>.
/// </summary>
public interface IConfigMgrSite
{
    /// <summary>The SMS Provider server this site was reached through (for messages and logs).</summary>
    string ProviderServer { get; }

    /// <summary>The three-character code of the connected site.</summary>
    string SiteCode { get; }

    /// <summary>Every software update point role of the connected site (<c>SMS_SCI_SysResUse</c>).</summary>
    Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken);

    /// <summary>Where the site's software update point synchronizes from (<c>DefaultUseParentWSUS</c>).</summary>
    Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken);

    /// <summary>The last synchronization status of each software update point of the site (<c>SMS_SUPSyncStatus</c>).</summary>
    Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken);

    /// <summary>Asks the site to synchronize software updates now (<c>SMS_SoftwareUpdate.SyncNow</c>).</summary>
    /// <param name="fullSync">A full synchronization (needed after new products or classifications were subscribed).</param>
    /// <param name="cancellationToken">Cancels before the request is sent.</param>
    Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken);

    /// <summary>Every software update category of the site: products, product families, classifications, companies.</summary>
    Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes the site to the categories with these unique ids (<c>IsSubscribed=true</c> + <c>Put()</c>).
    /// Callers check <see cref="UpdateCategory.AllowSubscription"/> first (<see cref="CategorySubscriber"/> does).
    /// </summary>
    Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken);

    /// <summary>
    /// Read-only question: does the connected account hold all of <paramref name="permissions"/> on
    /// <paramref name="securedObject"/> (a class name such as <c>SMS_Site</c> or an instance path)? Asked with
    /// <c>SMS_RbacSecuredObject.UserHasPermissions</c>, which changes nothing (Microsoft, "How to Check if a User Has
    /// Permissions for an Object"). Throws <see cref="ConfigMgrException"/> when the provider cannot answer.
    /// </summary>
    Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken);
}

/// <summary>Connects to a site's SMS Provider.</summary>
public interface IConfigMgrSiteConnector
{
    /// <summary>
    /// Connects to the SMS Provider on <paramref name="siteServer"/>, or when it is null to the server the
    /// ConfigMgr console last connected to.
    /// </summary>
    Task<IConfigMgrSite> ConnectAsync(string? siteServer, CancellationToken cancellationToken);
}
