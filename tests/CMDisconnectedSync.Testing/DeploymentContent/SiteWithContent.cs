using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Testing.DeploymentContent;

/// <summary>
/// A connected site with both ports, as the SDK adapter and the lab site are: <see cref="IConfigMgrSite"/> from a
/// <see cref="FakeConfigMgrSite"/>-style site, deployment content from an <see cref="InMemoryContentCatalog"/>.
/// </summary>
public sealed class SiteWithContent(IConfigMgrSite site, InMemoryContentCatalog catalog) : IConfigMgrSite, IDeploymentContentCatalog
{
    public InMemoryContentCatalog Catalog { get; } = catalog ?? throw new ArgumentNullException(nameof(catalog));

    public string ProviderServer => site.ProviderServer;

    public string SiteCode => site.SiteCode;

    public Task<IReadOnlyList<SoftwareUpdatePoint>> GetSoftwareUpdatePointsAsync(CancellationToken cancellationToken) => site.GetSoftwareUpdatePointsAsync(cancellationToken);

    public Task<SyncSource> GetSyncSourceAsync(CancellationToken cancellationToken) => site.GetSyncSourceAsync(cancellationToken);

    public Task<IReadOnlyList<SupSyncStatus>> GetSyncStatusesAsync(CancellationToken cancellationToken) => site.GetSyncStatusesAsync(cancellationToken);

    public Task TriggerSyncAsync(bool fullSync, CancellationToken cancellationToken) => site.TriggerSyncAsync(fullSync, cancellationToken);

    public Task<IReadOnlyList<UpdateCategory>> GetUpdateCategoriesAsync(CancellationToken cancellationToken) => site.GetUpdateCategoriesAsync(cancellationToken);

    public Task SubscribeAsync(IReadOnlyCollection<string> categoryUniqueIds, CancellationToken cancellationToken) => site.SubscribeAsync(categoryUniqueIds, cancellationToken);

    public Task<bool> UserHasPermissionsAsync(string securedObject, RbacPermissions permissions, CancellationToken cancellationToken) => site.UserHasPermissionsAsync(securedObject, permissions, cancellationToken);

    public Task<IReadOnlyList<SoftwareUpdateGroup>> GetSoftwareUpdateGroupsAsync(CancellationToken cancellationToken) => Catalog.GetSoftwareUpdateGroupsAsync(cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByCiIdAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken) => Catalog.GetUpdatesByCiIdAsync(ciIds, cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByArticleIdAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken) => Catalog.GetUpdatesByArticleIdAsync(articleIds, cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetRequiredUpdatesAsync(CancellationToken cancellationToken) => Catalog.GetRequiredUpdatesAsync(cancellationToken);

    public Task<IReadOnlyList<UpdateContentFile>> GetContentFilesAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken) => Catalog.GetContentFilesAsync(ciIds, cancellationToken);

    public Task<IReadOnlyCollection<uint>> GetContentIdsInPackagesAsync(IReadOnlyCollection<uint> contentIds, CancellationToken cancellationToken) => Catalog.GetContentIdsInPackagesAsync(contentIds, cancellationToken);

    public Task<IReadOnlyList<DeploymentPackage>> GetDeploymentPackagesAsync(CancellationToken cancellationToken) => Catalog.GetDeploymentPackagesAsync(cancellationToken);

    public Task<DeploymentPackage?> GetDeploymentPackageAsync(string packageId, CancellationToken cancellationToken) => Catalog.GetDeploymentPackageAsync(packageId, cancellationToken);

    public Task<DeploymentPackage> CreateDeploymentPackageAsync(string name, string sourcePath, CancellationToken cancellationToken) => Catalog.CreateDeploymentPackageAsync(name, sourcePath, cancellationToken);

    public Task AddUpdateContentAsync(string packageId, IReadOnlyList<uint> contentIds, IReadOnlyList<string> contentSourcePaths, bool refreshDistributionPoints, CancellationToken cancellationToken) =>
        Catalog.AddUpdateContentAsync(packageId, contentIds, contentSourcePaths, refreshDistributionPoints, cancellationToken);
}
