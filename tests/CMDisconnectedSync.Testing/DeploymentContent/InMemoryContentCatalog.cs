using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Testing.DeploymentContent;

/// <summary>
/// A site's deployment content as tables (groups, updates, content files, package-to-content rows, packages) behind
/// <see cref="IDeploymentContentCatalog"/>, answering the way the SMS Provider classes do: groups list member CI_IDs,
/// required = NumMissing &gt; 0 and not expired, a content already in a package is listed in package-to-content,
/// AddUpdateContent copies each content source folder into the package source (under the content ID) and records the
/// package-to-content row; a package source that does not exist fails like the provider does (an exception).
/// </summary>
public sealed class InMemoryContentCatalog : IDeploymentContentCatalog
{
    private readonly object _gate = new();
    private int _nextPackage = 1;

    public List<SoftwareUpdateGroup> Groups { get; } = [];

    public List<SiteSoftwareUpdate> Updates { get; } = [];

    public List<UpdateContentFile> Files { get; } = [];

    /// <summary>(PackageID, ContentID) rows of SMS_PackageToContent.</summary>
    public List<(string PackageId, uint ContentId)> PackageContents { get; } = [];

    public List<DeploymentPackage> Packages { get; } = [];

    /// <summary>When set, AddUpdateContent throws it (as the provider does when it cannot read a content source path).</summary>
    public ConfigMgrException? AddUpdateContentFailure { get; set; }

    /// <summary>Every AddUpdateContent call: package, content IDs, source paths, refresh flag.</summary>
    public List<(string PackageId, IReadOnlyList<uint> ContentIds, IReadOnlyList<string> SourcePaths, bool Refresh)> AddCalls { get; } = [];

    public InMemoryContentCatalog WithUpdate(int ciId, string article, string title, bool expired = false, int numMissing = 0)
    {
        Updates.Add(new SiteSoftwareUpdate(ciId, $"00000000-0000-0000-0000-{ciId:000000000000}", article, title, expired, numMissing));
        return this;
    }

    public InMemoryContentCatalog WithFile(int ciId, uint contentId, string fileName, long size, uint? language = 0, string? hash = null) =>
        WithFile(new UpdateContentFile(ciId, contentId, fileName, size, hash ?? "SHA1:" + new string('A', 40), "http://download.windowsupdate.com/d/msdownload/update/" + fileName, language));

    public InMemoryContentCatalog WithFile(UpdateContentFile file)
    {
        Files.Add(file);
        return this;
    }

    public InMemoryContentCatalog WithGroup(int ciId, string name, params int[] members)
    {
        Groups.Add(new SoftwareUpdateGroup(ciId, name, members));
        return this;
    }

    public InMemoryContentCatalog WithPackage(string packageId, string name, string sourcePath, params uint[] contentIds)
    {
        Packages.Add(new DeploymentPackage(packageId, name, sourcePath));
        PackageContents.AddRange(contentIds.Select(c => (packageId, c)));
        return this;
    }

    public Task<IReadOnlyList<SoftwareUpdateGroup>> GetSoftwareUpdateGroupsAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SoftwareUpdateGroup>>(() => Groups.ToList(), cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByCiIdAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SiteSoftwareUpdate>>(() => Updates.Where(u => ciIds.Contains(u.CiId)).ToList(), cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByArticleIdAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SiteSoftwareUpdate>>(() => Updates.Where(u => articleIds.Contains(u.ArticleId, StringComparer.OrdinalIgnoreCase)).ToList(), cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetRequiredUpdatesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<SiteSoftwareUpdate>>(() => Updates.Where(u => u.NumMissing > 0 && !u.IsExpired).ToList(), cancellationToken);

    public Task<IReadOnlyList<UpdateContentFile>> GetContentFilesAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<UpdateContentFile>>(() => Files.Where(f => ciIds.Contains(f.CiId)).ToList(), cancellationToken);

    public Task<IReadOnlyCollection<uint>> GetContentIdsInPackagesAsync(IReadOnlyCollection<uint> contentIds, CancellationToken cancellationToken) =>
        Answer<IReadOnlyCollection<uint>>(() => PackageContents.Select(p => p.ContentId).Where(contentIds.Contains).Distinct().ToList(), cancellationToken);

    public Task<IReadOnlyList<DeploymentPackage>> GetDeploymentPackagesAsync(CancellationToken cancellationToken) =>
        Answer<IReadOnlyList<DeploymentPackage>>(() => Packages.ToList(), cancellationToken);

    public Task<DeploymentPackage?> GetDeploymentPackageAsync(string packageId, CancellationToken cancellationToken) =>
        Answer(() => Packages.FirstOrDefault(p => string.Equals(p.PackageId, packageId, StringComparison.OrdinalIgnoreCase)), cancellationToken);

    public Task<DeploymentPackage> CreateDeploymentPackageAsync(string name, string sourcePath, CancellationToken cancellationToken) =>
        Answer(() =>
        {
            var package = new DeploymentPackage($"TST{_nextPackage++:00000}", name, sourcePath);
            Packages.Add(package);
            return package;
        }, cancellationToken);

    public Task AddUpdateContentAsync(string packageId, IReadOnlyList<uint> contentIds, IReadOnlyList<string> contentSourcePaths, bool refreshDistributionPoints, CancellationToken cancellationToken) =>
        Answer(() =>
        {
            if (AddUpdateContentFailure is { } failure)
            {
                throw failure;
            }

            var package = Packages.FirstOrDefault(p => p.PackageId == packageId)
                ?? throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"No package {packageId}.");
            if (contentIds.Count != contentSourcePaths.Count)
            {
                throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, "ContentIDs and ContentSourcePath differ in length.");
            }

            if (!Directory.Exists(package.SourcePath))
            {
                throw new ConfigMgrException(ConfigMgrFailure.OperationFailed, $"The package source {package.SourcePath} does not exist.");
            }

            for (var i = 0; i < contentIds.Count; i++)
            {
                var target = Path.Combine(package.SourcePath, contentIds[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(target);
                foreach (var file in Directory.EnumerateFiles(contentSourcePaths[i], "*", SearchOption.AllDirectories))
                {
                    var relative = file.Substring(contentSourcePaths[i].Length).TrimStart(Path.DirectorySeparatorChar);
                    var destination = Path.Combine(target, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    File.Copy(file, destination, overwrite: true);
                }

                PackageContents.Add((packageId, contentIds[i]));
            }

            AddCalls.Add((packageId, contentIds.ToList(), contentSourcePaths.ToList(), refreshDistributionPoints));
            return true;
        }, cancellationToken);

    private Task<T> Answer<T>(Func<T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }
}
