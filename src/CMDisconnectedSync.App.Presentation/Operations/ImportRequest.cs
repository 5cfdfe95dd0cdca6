namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>An import of a verified bundle.</summary>
/// <param name="Site">The disconnected site and SUP.</param>
/// <param name="BundlePath">The bundle folder (first volume when split).</param>
/// <param name="WhatIf">Plan only: verify and report what would be done, write nothing.</param>
public sealed record ImportRequest(SiteTarget Site, string BundlePath, bool WhatIf)
{
    /// <summary>
    /// Where the deployment content the bundle carries goes (Core's <c>Workflows.DeploymentContentImport</c>); null: into
    /// no package (the bundle carries none, or the admin chose to leave it out).
    /// </summary>
    public DeploymentContentChoice? DeploymentContent { get; init; }
}

/// <summary>
/// The deployment package the carried deployment content goes into: an existing one (<see cref="PackageId"/>) or a new
/// one (<see cref="NewPackageName"/> with <see cref="NewPackageSource"/>), as <c>cmdsync import --deployment-package</c> or
/// <c>--new-deployment-package --package-source</c>. The content is checked against the content request this server kept,
/// or the one in <see cref="ContentRequestPath"/> (<c>--content-request</c>).
/// </summary>
/// <param name="PackageId">An existing package's PackageID; null for a new package.</param>
/// <param name="NewPackageName">The new package's name; null for an existing package.</param>
/// <param name="NewPackageSource">The new package's source share (UNC); null for an existing package.</param>
/// <param name="RefreshDistributionPoints">Send the package to its distribution points now (AddUpdateContent's bRefreshDPs).</param>
public sealed record DeploymentContentChoice(string? PackageId, string? NewPackageName, string? NewPackageSource, bool RefreshDistributionPoints)
{
    /// <summary>The request file to check the content against; null: the copy this server kept when it wrote the request.</summary>
    public string? ContentRequestPath { get; init; }

    public static DeploymentContentChoice Existing(string packageId, bool refreshDistributionPoints = true) => new(packageId, null, null, refreshDistributionPoints);

    public static DeploymentContentChoice New(string name, string sourceShare, bool refreshDistributionPoints = true) => new(null, name, sourceShare, refreshDistributionPoints);
}

/// <summary>A software updates deployment package of the site (Core's <c>DeploymentContent.DeploymentPackage</c>).</summary>
/// <param name="PackageId">PackageID, e.g. PS100012.</param>
/// <param name="Name">The package's name.</param>
/// <param name="SourcePath">Its source folder (PkgSourcePath).</param>
public sealed record DeploymentPackageInfo(string PackageId, string Name, string SourcePath);

/// <summary>What the import put into a deployment package (Core's <c>Workflows.DeploymentContentOutcome</c>).</summary>
/// <param name="Package">The package; null when nothing was added (every carried content already in a package).</param>
/// <param name="Created">The import created the package.</param>
/// <param name="Files">Files added.</param>
/// <param name="Bytes">Bytes added.</param>
/// <param name="DistributionPointsRefreshed">The site was asked to send the package to its distribution points.</param>
/// <param name="ContentsAlreadyInPackages">Carried contents left alone because a package already holds them.</param>
/// <param name="DigestsMatched">Files whose size and Microsoft digest were checked here and matched.</param>
public sealed record DeploymentPackageResult(
    DeploymentPackageInfo? Package,
    bool Created,
    int Files,
    long Bytes,
    bool DistributionPointsRefreshed,
    int ContentsAlreadyInPackages,
    int DigestsMatched);

/// <summary>What an import did.</summary>
/// <param name="Sequence">The imported bundle's sequence (now the last imported one).</param>
/// <param name="ContentFilesCopied">Content files copied into WsusContent (Core's <c>ContentInstallResult.Copied</c>).</param>
/// <param name="ContentFilesAlreadyPresent">Files found already in place with the right hash (<c>AlreadyPresent</c>), e.g. after a resume.</param>
/// <param name="BytesCopied">Bytes copied.</param>
/// <param name="FinalSync">The SUP's sync state when the import finished waiting; null for a what-if run.</param>
/// <param name="LogPath">The run's CMTrace log.</param>
/// <param name="NewCategoryCount">New products/classifications found after the sync (see the Next steps page).</param>
/// <param name="WhatIf">True when nothing was written.</param>
/// <param name="PlannedActions">For a what-if run, the plan as lines; empty otherwise.</param>
/// <param name="Receipt">
/// The state receipt written into the state folder after the import (for the export side's next bundle); null for a
/// what-if run, or when it could not be written (the log says why; <c>SaveReceiptAsync</c> writes one again).
/// </param>
/// <param name="ContentCopiedEarlier">
/// The content copy finished in an earlier run that stopped later (a resumed import): this run copied nothing because
/// nothing was left to copy, not because the bundle was empty.
/// </param>
public sealed record ImportResult(
    long Sequence,
    int ContentFilesCopied,
    int ContentFilesAlreadyPresent,
    long BytesCopied,
    SupSyncState? FinalSync,
    string LogPath,
    int NewCategoryCount,
    bool WhatIf,
    IReadOnlyList<string> PlannedActions,
    SavedReceipt? Receipt = null,
    bool ContentCopiedEarlier = false)
{
    /// <summary>What this run put into a deployment package; null when the step did not run in this attempt.</summary>
    public DeploymentPackageResult? DeploymentPackage { get; init; }

    /// <summary>
    /// The deployment content step's own summary (also when an earlier run finished it); null when no package was chosen
    /// or the step did not finish.
    /// </summary>
    public string? DeploymentContentMessage { get; init; }
}
