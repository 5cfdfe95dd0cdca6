using System.Globalization;
using CMDisconnectedSync.DeploymentContent;
using Microsoft.ConfigurationManagement.ManagementProvider;
using static CMDisconnectedSync.ConfigMgr.SmsProvider.DeploymentContentWql;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary><see cref="IDeploymentContentCatalog"/> over the SMS Provider (classes and sources: <see cref="DeploymentContentWql"/>).</summary>
internal sealed partial class SmsProviderSite
{
    public Task<IReadOnlyList<SoftwareUpdateGroup>> GetSoftwareUpdateGroupsAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<SoftwareUpdateGroup>>("listing software update groups (SMS_AuthorizationList)", () =>
            Query(AllGroups, row =>
            {
                // Updates is a lazy property: a query row carries none until Get() loads the instance.
                row.Get();
                var members = row["Updates"];
                var ids = members.ObjectValue is null or DBNull ? [] : members.IntegerArrayValue ?? [];
                return new SoftwareUpdateGroup(PropertyValues.Number(row["CI_ID"]), PropertyValues.Text(row["LocalizedDisplayName"]), ids);
            }),
            cancellationToken);

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByCiIdAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken)
    {
        _ = ciIds ?? throw new ArgumentNullException(nameof(ciIds));
        return _calls.RunAsync<IReadOnlyList<SiteSoftwareUpdate>>("reading software updates (SMS_SoftwareUpdate)", () =>
            Batches(ciIds.Distinct()).SelectMany(batch => Query(UpdatesByCiId(batch), ReadUpdate)).ToList(),
            cancellationToken);
    }

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetUpdatesByArticleIdAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken)
    {
        _ = articleIds ?? throw new ArgumentNullException(nameof(articleIds));
        return _calls.RunAsync<IReadOnlyList<SiteSoftwareUpdate>>("finding software updates by KB article (SMS_SoftwareUpdate)", () =>
            Batches(articleIds.Distinct(StringComparer.OrdinalIgnoreCase)).SelectMany(batch => Query(UpdatesByArticleId(batch), ReadUpdate)).ToList(),
            cancellationToken);
    }

    public Task<IReadOnlyList<SiteSoftwareUpdate>> GetRequiredUpdatesAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<SiteSoftwareUpdate>>("listing required software updates (SMS_SoftwareUpdate.NumMissing)", () =>
            Query(RequiredUpdates, ReadUpdate),
            cancellationToken);

    public Task<IReadOnlyList<UpdateContentFile>> GetContentFilesAsync(IReadOnlyCollection<int> ciIds, CancellationToken cancellationToken)
    {
        _ = ciIds ?? throw new ArgumentNullException(nameof(ciIds));
        return _calls.RunAsync<IReadOnlyList<UpdateContentFile>>("reading update content files (SMS_CIToContent, SMS_CIContentFiles)", () =>
        {
            var links = Batches(ciIds.Distinct())
                .SelectMany(batch => Query(ContentOfUpdates(batch), row => (CiId: PropertyValues.Number(row["CI_ID"]), ContentId: unchecked((uint)PropertyValues.Number(row["ContentID"])))))
                .ToList();
            var files = Batches(links.Select(l => l.ContentId).Distinct())
                .SelectMany(batch => Query(FilesOfContents(batch), ReadFile))
                .ToLookup(f => f.ContentId);
            return links
                .SelectMany(link => files[link.ContentId].Select(f => f with { CiId = link.CiId }))
                .ToList();
        }, cancellationToken);
    }

    public Task<IReadOnlyCollection<uint>> GetContentIdsInPackagesAsync(IReadOnlyCollection<uint> contentIds, CancellationToken cancellationToken)
    {
        _ = contentIds ?? throw new ArgumentNullException(nameof(contentIds));
        return _calls.RunAsync<IReadOnlyCollection<uint>>("checking which contents are in deployment packages (SMS_PackageToContent)", () =>
            Batches(contentIds.Distinct())
                .SelectMany(batch => Query(PackagedContents(batch), row => unchecked((uint)PropertyValues.Number(row["ContentID"]))))
                .Distinct()
                .ToList(),
            cancellationToken);
    }

    public Task<IReadOnlyList<DeploymentPackage>> GetDeploymentPackagesAsync(CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<DeploymentPackage>>("listing deployment packages (SMS_SoftwareUpdatesPackage)", () =>
            Query(AllPackages, ReadPackage).OrderBy(p => p.PackageId, StringComparer.OrdinalIgnoreCase).ToList(),
            cancellationToken);

    public Task<DeploymentPackage?> GetDeploymentPackageAsync(string packageId, CancellationToken cancellationToken)
    {
        _ = packageId ?? throw new ArgumentNullException(nameof(packageId));
        return _calls.RunAsync<DeploymentPackage?>($"reading deployment package {packageId} (SMS_SoftwareUpdatesPackage)", () =>
            Query(PackageById(packageId), ReadPackage).FirstOrDefault(),
            cancellationToken);
    }

    public Task<DeploymentPackage> CreateDeploymentPackageAsync(string name, string sourcePath, CancellationToken cancellationToken)
    {
        _ = name ?? throw new ArgumentNullException(nameof(name));
        _ = sourcePath ?? throw new ArgumentNullException(nameof(sourcePath));
        return _calls.RunAsync($"creating deployment package '{name}' (SMS_SoftwareUpdatesPackage)", () =>
        {
            using var package = _connection.CreateInstance(SoftwareUpdatesPackageClass);
            package["Name"].StringValue = name;
            package["Description"].StringValue = "Created by CMDisconnectedSync for deployment content carried from the internet side.";
            package["PkgSourceFlag"].IntegerValue = PkgSourceFlagDirect;
            package["PkgSourcePath"].StringValue = sourcePath;
            package.Put();

            // The PackageID is assigned by the provider on Put(); Get() reloads the instance to read it.
            package.Get();
            var created = ReadPackage(package);
            _logger.Information("Created deployment package {PackageId} '{Name}' with source {SourcePath} on site {SiteCode}", created.PackageId, name, sourcePath, SiteCode);
            return created;
        }, cancellationToken);
    }

    public Task AddUpdateContentAsync(string packageId, IReadOnlyList<uint> contentIds, IReadOnlyList<string> contentSourcePaths, bool refreshDistributionPoints, CancellationToken cancellationToken)
    {
        _ = packageId ?? throw new ArgumentNullException(nameof(packageId));
        _ = contentIds ?? throw new ArgumentNullException(nameof(contentIds));
        _ = contentSourcePaths ?? throw new ArgumentNullException(nameof(contentSourcePaths));
        if (contentIds.Count != contentSourcePaths.Count)
        {
            throw new ArgumentException("AddUpdateContent takes one source folder per content ID.", nameof(contentSourcePaths));
        }

        return _calls.RunAsync($"adding {contentIds.Count.ToString(CultureInfo.InvariantCulture)} contents to deployment package {packageId} (SMS_SoftwareUpdatesPackage.AddUpdateContent)", () =>
        {
            using var package = _connection.GetInstance(PackagePath(packageId));
            var parameters = new Dictionary<string, object>
            {
                // UInt32 array in the MOF; Microsoft's managed sample passes an int[] (the SDK converts).
                [ContentIdsParameter] = contentIds.Select(id => unchecked((int)id)).ToArray(),
                [ContentSourcePathParameter] = contentSourcePaths.ToArray(),
                [RefreshDpsParameter] = refreshDistributionPoints,
            };

            // AddUpdateContent reports failure by exception (its reference page), which ProviderCalls translates.
            using var result = package.ExecuteMethod(AddUpdateContentMethod, parameters);
            _logger.Information("Added contents {ContentIds} to deployment package {PackageId} (refresh distribution points: {Refresh})", contentIds, packageId, refreshDistributionPoints);
            return true;
        }, cancellationToken);
    }

    private static SiteSoftwareUpdate ReadUpdate(IResultObject row) => new(
        PropertyValues.Number(row["CI_ID"]),
        PropertyValues.Text(row["CI_UniqueID"]),
        PropertyValues.Text(row["ArticleID"]),
        PropertyValues.Text(row["LocalizedDisplayName"]),
        PropertyValues.Flag(row["IsExpired"]),
        PropertyValues.Number(row["NumMissing"]));

    private static UpdateContentFile ReadFile(IResultObject row)
    {
        var language = row["LanguageID"];
        return new UpdateContentFile(
            0,
            unchecked((uint)PropertyValues.Number(row["ContentID"])),
            // FileName may include a subfolder path under the content root (SMS_CIContentFiles); the request uses '/'.
            PropertyValues.Text(row["FileName"]).Replace('\\', '/'),
            PropertyValues.Long(row["FileSize"]),
            PropertyValues.Text(row["FileHash"]),
            PropertyValues.Text(row["SourceURL"]),
            language.ObjectValue is null or DBNull ? null : unchecked((uint)language.IntegerValue));
    }

    private static DeploymentPackage ReadPackage(IResultObject row) => new(
        PropertyValues.Text(row["PackageID"]),
        PropertyValues.Text(row["Name"]),
        PropertyValues.Text(row["PkgSourcePath"]));
}
