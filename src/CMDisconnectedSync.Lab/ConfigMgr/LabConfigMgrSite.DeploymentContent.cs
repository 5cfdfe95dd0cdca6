using System.Globalization;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Lab.ConfigMgr;

/// <summary>
/// <see cref="IDeploymentContentCatalog"/> for the lab site, answered from <see cref="LabContentCatalog"/> the way the SMS
/// Provider classes answer (cited in the SDK adapter, <c>DeploymentContentWql</c>): groups list member CI_IDs, required =
/// NumMissing &gt; 0 and not expired, a content in a package has a package-to-content row, and AddUpdateContent
/// (learn.microsoft.com/mem/configmgr/develop/reference/sum/addupdatecontent-method-in-class-sms_softwareupdatespackage:
/// "downloads content to a software update package and replicates the content to distribution points"; "The updates
/// must be available in the content source path", "How to Add Updates to a Deployment Package") copies each content's
/// source folder into the package's PkgSourcePath
/// (learn.microsoft.com/mem/configmgr/develop/reference/sum/sms_softwareupdatespackage-server-wmi-class), one folder per
/// content, and records the content as in the package. It fails by exception, as the method does, when the package,
/// its source folder or a content source path is missing.
/// </summary>
/// <remarks>
/// The lab names a content's folder in the package source by its ContentID, the layout the importer stages in. What the
/// real provider names that folder is not documented on a public page; the product never relies on it (the provider
/// lays out its own package source), so nothing but the lab's own checks depends on this choice.
/// </remarks>
public sealed partial class LabConfigMgrSite
{
    private string SiteFolder => Path.GetDirectoryName(_statePath)!;

    /// <summary>The lab site's content tables as they are now (for tests and the demo's checks).</summary>
    public LabContentCatalog ContentCatalog => ReadContent(c => c);

    public Task<IReadOnlyList<SoftwareUpdateGroup>> GetSoftwareUpdateGroupsAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SoftwareUpdateGroup>>(c => c.Groups.ToList(), cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByCiIdAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken)
    {
        _ = ciIds ?? throw new ArgumentNullException(nameof(ciIds));
        return Answer<IReadOnlyList<SiteSoftwareUpdate>>(c => c.Updates.Where(u => ciIds.Contains(u.CiId)).ToList(), cancellationToken);
    }

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByArticleIdAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken)
    {
        _ = articleIds ?? throw new ArgumentNullException(nameof(articleIds));
        return Answer<IReadOnlyList<SiteSoftwareUpdate>>(c => c.Updates.Where(u => articleIds.Contains(u.ArticleId, StringComparer.OrdinalIgnoreCase)).ToList(), cancellationToken);
    }

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetRequiredUpdatesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SiteSoftwareUpdate>>(c => c.Updates.Where(u => u.NumMissing > 0 && !u.IsExpired).ToList(), cancellationToken);

    public Task<IReadOnlyList<UpdateContentFile>> GetContentFilesAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken)
    {
        _ = ciIds ?? throw new ArgumentNullException(nameof(ciIds));
        return Answer<IReadOnlyList<UpdateContentFile>>(c => c.Files.Where(f => ciIds.Contains(f.CiId)).ToList(), cancellationToken);
    }

    public Task<IReadOnlyCollection<uint>> GetContentIdsInPackagesAsync(IReadOnlyCollection<uint> contentIds, CancellationToken cancellationToken)
    {
        _ = contentIds ?? throw new ArgumentNullException(nameof(contentIds));
        return Answer<IReadOnlyCollection<uint>>(c => c.PackageContents.Select(p => p.ContentId).Where(contentIds.Contains).Distinct().ToList(), cancellationToken);
    }

    public Task<IReadOnlyList<DeploymentPackage>> GetDeploymentPackagesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<DeploymentPackage>>(c => c.Packages.ToList(), cancellationToken);

    public Task<DeploymentPackage?> GetDeploymentPackageAsync(string packageId, CancellationToken cancellationToken) =>
        Answer<DeploymentPackage?>(c => c.Packages.FirstOrDefault(p => string.Equals(p.PackageId, packageId, StringComparison.OrdinalIgnoreCase)), cancellationToken);

    public Task<DeploymentPackage> CreateDeploymentPackageAsync(string name, string sourcePath, CancellationToken cancellationToken)
    {
        _ = name ?? throw new ArgumentNullException(nameof(name));
        _ = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        cancellationToken.ThrowIfCancellationRequested();
        var package = UpdateContent(c =>
        {
            var created = new DeploymentPackage(SiteCode + c.NextPackageNumber.ToString("X5", CultureInfo.InvariantCulture), name, sourcePath);
            return (c with { Packages = c.Packages.Append(created).ToList(), NextPackageNumber = c.NextPackageNumber + 1 }, created);
        });
        _logger.Information("Lab site {SiteCode}: created deployment package {PackageId} '{Name}' with source {Source}", SiteCode, package.PackageId, name, sourcePath);
        return Task.FromResult(package);
    }

    public Task AddUpdateContentAsync(string packageId, IReadOnlyList<uint> contentIds, IReadOnlyList<string> contentSourcePaths, bool refreshDistributionPoints, CancellationToken cancellationToken)
    {
        _ = packageId ?? throw new ArgumentNullException(nameof(packageId));
        _ = contentIds ?? throw new ArgumentNullException(nameof(contentIds));
        _ = contentSourcePaths ?? throw new ArgumentNullException(nameof(contentSourcePaths));
        cancellationToken.ThrowIfCancellationRequested();
        UpdateContent(c =>
        {
            var package = c.Packages.FirstOrDefault(p => string.Equals(p.PackageId, packageId, StringComparison.OrdinalIgnoreCase))
                ?? throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"The lab site {SiteCode} has no deployment package {packageId} (SMS_SoftwareUpdatesPackage).");
            if (contentIds.Count != contentSourcePaths.Count)
            {
                throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, "AddUpdateContent: ContentIDs and ContentSourcePath differ in length.");
            }

            var known = new HashSet<uint>(c.Files.Select(f => f.ContentId));
            for (var i = 0; i < contentIds.Count; i++)
            {
                if (!known.Contains(contentIds[i]))
                {
                    throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"AddUpdateContent: the lab site {SiteCode} has no content {contentIds[i]} (SMS_CIContentFiles).");
                }

                if (!Directory.Exists(contentSourcePaths[i]))
                {
                    throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"AddUpdateContent: the content source path {contentSourcePaths[i]} of content {contentIds[i]} does not exist or cannot be read.");
                }
            }

            if (!Directory.Exists(package.SourcePath))
            {
                throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"AddUpdateContent: the source {package.SourcePath} of deployment package {package.PackageId} does not exist.");
            }

            var rows = c.PackageContents.ToList();
            for (var i = 0; i < contentIds.Count; i++)
            {
                var target = Path.Combine(package.SourcePath, contentIds[i].ToString(CultureInfo.InvariantCulture));
                CopyFolder(contentSourcePaths[i], target);
                if (!rows.Any(r => r.PackageId == package.PackageId && r.ContentId == contentIds[i]))
                {
                    rows.Add(new LabPackageContent(package.PackageId, contentIds[i]));
                }
            }

            var refreshes = c.DistributionPointRefreshes.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            if (refreshDistributionPoints)
            {
                refreshes[package.PackageId] = (refreshes.TryGetValue(package.PackageId, out var n) ? n : 0) + 1;
            }

            return (c with { PackageContents = rows, DistributionPointRefreshes = refreshes }, true);
        });
        _logger.Information("Lab site {SiteCode}: added contents {ContentIds} to deployment package {PackageId} (refresh distribution points: {Refresh})",
            SiteCode, contentIds, packageId, refreshDistributionPoints);
        return Task.CompletedTask;
    }

    private static void CopyFolder(string source, string target)
    {
        var root = Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, file.Remove(0, root.Length));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    private Task<T> Answer<T>(Func<LabContentCatalog, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadContent(read));
    }

    private T ReadContent<T>(Func<LabContentCatalog, T> read)
    {
        lock (Gate)
        {
            return read(LabContentCatalog.Load(SiteFolder));
        }
    }

    private T UpdateContent<T>(Func<LabContentCatalog, (LabContentCatalog Catalog, T Result)> change)
    {
        lock (Gate)
        {
            var (catalog, result) = change(LabContentCatalog.Load(SiteFolder));
            LabContentCatalog.Save(SiteFolder, catalog);
            return result;
        }
    }
}
