using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The deployment content part of an import (issue 18, item 4): after the metadata import and the ConfigMgr sync, the
/// deployment content the verified bundle carries goes into a deployment package, checked again first (only what this
/// site requested, Microsoft's digest, Authenticode). Set on <see cref="ImportRequest.DeploymentContent"/>; needs a
/// ConfigMgr site.
/// </summary>
public sealed record DeploymentContentImport
{
    /// <summary>The package to add to (<c>--deployment-package</c>) or to create (<c>--new-deployment-package</c> + <c>--package-source</c>).</summary>
    public required DeploymentPackageTarget Target { get; init; }

    /// <summary>
    /// Null (the product): the files the verified bundle carries (<see cref="DeliveredDeploymentContent.FromAsync"/>,
    /// a file split across volumes joined under the state folder). Set, it stands in for the bundle's files, given the
    /// manifest and bundle folder: how tests present a file poisoned before export (which our export refuses to carry)
    /// under a valid bundle signature. Called only after the bundle verified.
    /// </summary>
    public Func<BundleManifest, string, IReadOnlyList<DeliveredContentFile>>? Delivered { get; init; }

    /// <summary>
    /// The request to check against (<c>--content-request</c>); null: the copy this server kept in its state folder
    /// under the id the bundle's manifest names (<see cref="KeptContentRequests"/>).
    /// </summary>
    public string? ContentRequestPath { get; init; }

    /// <summary>
    /// Where the files are staged, one folder per content, for <c>AddUpdateContent</c> to copy from: must be readable by
    /// the SMS Provider (a UNC share when the provider is another server). Null: <c>&lt;state&gt;\deployment-content-staging\&lt;RequestId&gt;</c>.
    /// </summary>
    public string? StagingFolder { get; init; }

    /// <summary>bRefreshDPs of AddUpdateContent: replicate the package to its distribution points.</summary>
    public bool RefreshDistributionPoints { get; init; } = true;

    /// <summary>
    /// The admin's package choice as the import's option, the one mapping <c>cmdsync import</c> (its
    /// <c>--deployment-package</c>, <c>--new-deployment-package</c>/<c>--package-source</c>, <c>--content-request</c>,
    /// <c>--content-staging</c>, <c>--no-dp-refresh</c>) and the import wizard's Deployment content page share: null when
    /// neither an existing package nor a new one is named (the carried content is then left out of every package).
    /// </summary>
    /// <param name="packageId">An existing package's PackageID; wins over <paramref name="newPackageName"/> (the callers refuse both).</param>
    /// <param name="newPackageName">The name of a package to create.</param>
    /// <param name="newPackageSource">The new package's source share; required with <paramref name="newPackageName"/>.</param>
    /// <param name="contentRequestPath">The request to check against; null: the copy kept in the state folder.</param>
    /// <param name="stagingFolder">Where the checked files are staged; null: under the state folder.</param>
    /// <param name="refreshDistributionPoints">bRefreshDPs of AddUpdateContent.</param>
    public static DeploymentContentImport? For(
        string? packageId, string? newPackageName, string? newPackageSource, string? contentRequestPath, string? stagingFolder, bool refreshDistributionPoints)
    {
        if (packageId is null && newPackageName is null)
        {
            return null;
        }

        return new DeploymentContentImport
        {
            Target = packageId is not null
                ? DeploymentPackageTarget.Existing(packageId)
                : DeploymentPackageTarget.New(newPackageName!, newPackageSource ?? throw new ArgumentException("A new deployment package needs its source share.", nameof(newPackageSource))),
            ContentRequestPath = contentRequestPath,
            StagingFolder = stagingFolder,
            RefreshDistributionPoints = refreshDistributionPoints,
        };
    }
}

/// <summary>What the deployment content step put where.</summary>
/// <param name="RequestId">The content request the content answered.</param>
/// <param name="Package">The deployment package (PackageID, name, source).</param>
/// <param name="Created">The package was created by this import.</param>
/// <param name="ContentIds">The contents added.</param>
/// <param name="Files">Files added.</param>
/// <param name="Bytes">Bytes added.</param>
/// <param name="DistributionPointsRefreshed">The site was asked to replicate the package to its distribution points.</param>
/// <param name="ContentsAlreadyInPackages">Carried contents left alone because a deployment package already holds them (an earlier run, another package).</param>
/// <param name="DigestsMatched">Files whose size and Microsoft digest were checked on this side and matched.</param>
/// <param name="SignaturesValid">Files whose Authenticode signature verified.</param>
/// <param name="SignaturesNotChecked">Files of a signed type whose signature could not be read here (e.g. .msi offline).</param>
public sealed record DeploymentContentOutcome(
    string RequestId,
    DeploymentPackage? Package,
    bool Created,
    IReadOnlyList<uint> ContentIds,
    int Files,
    long Bytes,
    bool DistributionPointsRefreshed,
    int ContentsAlreadyInPackages,
    int DigestsMatched,
    int SignaturesValid,
    int SignaturesNotChecked);
