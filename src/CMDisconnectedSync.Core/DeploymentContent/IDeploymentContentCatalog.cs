namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The deployment content a ConfigMgr site knows, in the words of the content request and the package import (issue 18):
/// software update groups, updates, the files of their contents, which contents are already in a deployment package,
/// and the deployment packages themselves. Implemented next to <see cref="ConfigMgr.IConfigMgrSite"/> by the same
/// connected-site objects (the SDK adapter and the lab site), so a verb connects once and asks the site for this port
/// (<see cref="DeploymentContentCatalogs.Of"/>). Failures are <see cref="ConfigMgr.ConfigMgrException"/>.
/// </summary>
/// <remarks>
/// SDK sources (learn.microsoft.com/mem/configmgr/develop/reference/sum/…): SMS_AuthorizationList (software update
/// groups; <c>Updates</c> is the lazy UInt32 array of the member CI_IDs), SMS_SoftwareUpdate, SMS_CIToContent,
/// SMS_CIContentFiles, SMS_PackageToContent, SMS_SoftwareUpdatesPackage and its AddUpdateContent method.
/// </remarks>
public interface IDeploymentContentCatalog
{
    /// <summary>Every software update group of the site (<c>SMS_AuthorizationList</c>) with its member CI_IDs.</summary>
    Task<IReadOnlyList<SoftwareUpdateGroup>> GetSoftwareUpdateGroupsAsync(CancellationToken cancellationToken);

    /// <summary>The updates with these CI_IDs (<c>SMS_SoftwareUpdate</c>); unknown IDs are simply absent.</summary>
    Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByCiIdAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken);

    /// <summary>The updates whose <c>ArticleID</c> is one of these (digits only, without "KB").</summary>
    Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByArticleIdAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken);

    /// <summary>The updates at least one client reports as required (<c>SMS_SoftwareUpdate.NumMissing</c> &gt; 0), not expired.</summary>
    Task<IReadOnlyList<SiteSoftwareUpdate>> GetRequiredUpdatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Every file of every content of these updates: <c>SMS_CIToContent</c> (CI_ID → ContentID) joined with
    /// <c>SMS_CIContentFiles</c> (ContentID → files).
    /// </summary>
    Task<IReadOnlyList<UpdateContentFile>> GetContentFilesAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken);

    /// <summary>Which of these content IDs are already in some deployment package (<c>SMS_PackageToContent</c>).</summary>
    Task<IReadOnlyCollection<uint>> GetContentIdsInPackagesAsync(IReadOnlyCollection<uint> contentIds, CancellationToken cancellationToken);

    /// <summary>Every software updates deployment package of the site (<c>SMS_SoftwareUpdatesPackage</c>), for the admin to choose one.</summary>
    Task<IReadOnlyList<DeploymentPackage>> GetDeploymentPackagesAsync(CancellationToken cancellationToken);

    /// <summary>The deployment package with this PackageID (<c>SMS_SoftwareUpdatesPackage</c>), or null.</summary>
    Task<DeploymentPackage?> GetDeploymentPackageAsync(string packageId, CancellationToken cancellationToken);

    /// <summary>Creates a deployment package whose source folder is <paramref name="sourcePath"/> (a UNC path); returns it with its new PackageID.</summary>
    Task<DeploymentPackage> CreateDeploymentPackageAsync(string name, string sourcePath, CancellationToken cancellationToken);

    /// <summary>
    /// <c>SMS_SoftwareUpdatesPackage.AddUpdateContent(ContentIDs[], ContentSourcePath[], bRefreshDPs)</c> on the package:
    /// one source folder per content ID (same order); with <paramref name="refreshDistributionPoints"/> the site
    /// replicates the package to its distribution points. Throws on failure (the method reports failure by exception).
    /// </summary>
    Task AddUpdateContentAsync(string packageId, IReadOnlyList<uint> contentIds, IReadOnlyList<string> contentSourcePaths, bool refreshDistributionPoints, CancellationToken cancellationToken);
}

/// <summary>A software update group (<c>SMS_AuthorizationList</c>): CI_ID, LocalizedDisplayName, Updates (member CI_IDs).</summary>
public sealed record SoftwareUpdateGroup(int CiId, string Name, IReadOnlyList<int> UpdateCiIds);

/// <summary>One update of the site (<c>SMS_SoftwareUpdate</c>).</summary>
/// <param name="CiId">CI_ID (site-local).</param>
/// <param name="UniqueId">CI_UniqueID (the update's GUID, the same on every site).</param>
/// <param name="ArticleId">ArticleID: the KB number without "KB" (may be empty).</param>
/// <param name="Title">LocalizedDisplayName.</param>
/// <param name="IsExpired">IsExpired: Microsoft withdrew it; it cannot be deployed.</param>
/// <param name="NumMissing">NumMissing: clients that require it.</param>
public sealed record SiteSoftwareUpdate(int CiId, string UniqueId, string ArticleId, string Title, bool IsExpired, int NumMissing);

/// <summary>One file of one content of one update (<c>SMS_CIToContent</c> + <c>SMS_CIContentFiles</c>).</summary>
/// <param name="CiId">The update's CI_ID.</param>
/// <param name="ContentId">ContentID.</param>
/// <param name="FileName">FileName (subfolders, if any, joined with '/').</param>
/// <param name="FileSize">FileSize in bytes.</param>
/// <param name="FileHash">FileHash exactly as the provider returns it.</param>
/// <param name="SourceUrl">SourceURL.</param>
/// <param name="LanguageId">LanguageID (null when the provider has none; 0 = language-neutral).</param>
public sealed record UpdateContentFile(int CiId, uint ContentId, string FileName, long FileSize, string FileHash, string SourceUrl, uint? LanguageId);

/// <summary>A software updates deployment package (<c>SMS_SoftwareUpdatesPackage</c>): PackageID, Name, PkgSourcePath.</summary>
public sealed record DeploymentPackage(string PackageId, string Name, string SourcePath);

/// <summary>Finds the deployment content port of a connected site.</summary>
public static class DeploymentContentCatalogs
{
    /// <summary>
    /// The <see cref="IDeploymentContentCatalog"/> of <paramref name="site"/>: the connected-site objects implement both
    /// ports (net48 has no default interface members, so the port is not bolted onto <see cref="ConfigMgr.IConfigMgrSite"/>
    /// and every existing fake keeps compiling).
    /// </summary>
    public static IDeploymentContentCatalog Of(ConfigMgr.IConfigMgrSite site) =>
        site as IDeploymentContentCatalog
        ?? throw new ConfigMgr.ConfigMgrException(ConfigMgr.ConfigMgrFailure.OperationFailed,
            $"The connection to site {site?.SiteCode} ({site?.ProviderServer}) cannot read software update content (this site implementation has no deployment content catalog).");
}
