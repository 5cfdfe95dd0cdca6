using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.DeploymentContent.Authenticode;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The import's <see cref="ImportWorkflow.DeploymentContentStep"/>: the deployment content of a verified bundle, checked
/// again on this side and put into a deployment package. In order: the files the bundle carries
/// (<see cref="DeploymentContentImport.Delivered"/>); the request this site kept (or <c>--content-request</c>), which must
/// be the one the bundle names and this site's; every carried file listed in it; contents a deployment package already
/// holds are left alone (an earlier attempt added them, or another package has them), so a rerun after a crash does not
/// add them twice; then <see cref="DeploymentPackageImporter"/> (unknown updates refused by name, package and source
/// share checked, each staged copy proven against the manifest's SHA-256, then Microsoft's size and digest and its
/// Authenticode signature, then one AddUpdateContent). The staged folders are removed once the site has the content.
/// </summary>
internal sealed class DeploymentContentStepRunner(WorkflowServices services, ImportRequest request, VerifiedBundle bundle)
{
    /// <summary>The exceptions that are a refusal of the content (mapped to exit codes 70–79), not a fault of this server.</summary>
    public static bool IsRefusal(Exception exception) => exception is DeploymentImportException
        or MicrosoftDigestMismatchException
        or ContentSizeMismatchException
        or AuthenticodeVerificationException
        or MicrosoftFileDigestFormatException
        or ContentRequestFormatException;

    /// <summary>The journal detail and text line of the step.</summary>
    public static string Describe(DeploymentContentOutcome? outcome)
    {
        var c = CultureInfo.InvariantCulture;
        if (outcome is null)
        {
            return "no deployment content";
        }

        if (outcome.Package is null)
        {
            return outcome.ContentsAlreadyInPackages == 0
                ? "the bundle carries no deployment content"
                : string.Format(c, "all {0} carried contents are already in a deployment package; nothing added", outcome.ContentsAlreadyInPackages);
        }

        var text = string.Format(c, "{0} files ({1} bytes) of {2} contents added to deployment package {3} '{4}'{5} (source {6}); {7}; {8} Microsoft digests matched, {9} signatures verified, {10} not checked here",
            outcome.Files, outcome.Bytes, outcome.ContentIds.Count, outcome.Package.PackageId, outcome.Package.Name, outcome.Created ? " (created)" : string.Empty,
            outcome.Package.SourcePath, outcome.DistributionPointsRefreshed ? "distribution points refresh requested" : "distribution points not refreshed",
            outcome.DigestsMatched, outcome.SignaturesValid, outcome.SignaturesNotChecked);
        return outcome.ContentsAlreadyInPackages == 0
            ? text
            : text + string.Format(c, "; {0} contents were already in a deployment package", outcome.ContentsAlreadyInPackages);
    }

    public async Task<DeploymentContentOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var options = request.DeploymentContent ?? throw new InvalidOperationException("No deployment content import was asked for.");
        var site = services.Site ?? throw new InvalidOperationException("The deployment content step needs a ConfigMgr site.");
        // A file carried in parts across volumes is joined here (its SHA-256 checked while joining), never in the bundle.
        var joinFolder = Path.Combine(request.StateFolder, ImportWorkflow.DeploymentStagingFolderName, "joined-" + bundle.Manifest.BundleId);
        try
        {
            var delivered = options.Delivered is { } standIn
                ? standIn(bundle.Manifest, request.BundleFolder) ?? []
                : await DeliveredDeploymentContent.FromAsync(bundle.Manifest, request.BundleFolder, joinFolder, cancellationToken).ConfigureAwait(false);
            return await ImportAsync(options, site, delivered, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeleteFolders([joinFolder]);
        }
    }

    private async Task<DeploymentContentOutcome> ImportAsync(
        DeploymentContentImport options, ConfigMgr.IConfigMgrSite site, IReadOnlyList<DeliveredContentFile> delivered, CancellationToken cancellationToken)
    {
        var catalog = DeploymentContentCatalogs.Of(site);
        var requestId = bundle.Manifest.ContentRequestId;
        if (delivered.Count == 0)
        {
            return new DeploymentContentOutcome(requestId ?? string.Empty, null, false, [], 0, 0, false, 0, 0, 0, 0);
        }

        var kept = LoadRequest(options, requestId);
        if (!string.Equals(kept.SiteCode, site.SiteCode, StringComparison.OrdinalIgnoreCase))
        {
            throw new DeploymentImportException(DeploymentImportProblem.NotRequested,
                $"Content request {kept.RequestId} was written by site {kept.SiteCode}, but this import talks to site {site.SiteCode}: its content was refused and nothing was added. "
                + "Import on the site that wrote the request (--site-server), or request the content again from this site.");
        }

        // Every carried file must be requested, also those a package already holds (they are skipped below, not trusted).
        DeploymentPackageImporter.EnsureRequested(kept, delivered);
        var inPackages = new HashSet<uint>(await catalog.GetContentIdsInPackagesAsync(
            delivered.Select(d => d.Entry.ContentId).Distinct().ToList(), cancellationToken).ConfigureAwait(false));
        var toAdd = delivered.Where(d => !inPackages.Contains(d.Entry.ContentId)).ToList();
        if (toAdd.Count == 0)
        {
            return new DeploymentContentOutcome(kept.RequestId, null, false, [], 0, 0, false, inPackages.Count, 0, 0, 0);
        }

        var defaultStaging = options.StagingFolder is null;
        var staging = options.StagingFolder ?? Path.Combine(request.StateFolder, ImportWorkflow.DeploymentStagingFolderName, kept.RequestId);
        var contentFolders = toAdd.Select(d => Path.Combine(staging, d.Entry.ContentId.ToString(CultureInfo.InvariantCulture))).Distinct(StringComparer.Ordinal).ToList();

        // AddUpdateContent copies whole folders: a file left there by an earlier attempt must not ride along.
        DeleteFolders(contentFolders);
        Directory.CreateDirectory(staging);
        var verifier = new DeliveredContentVerifier(services.Authenticode);
        var result = await new DeploymentPackageImporter(catalog, verifier).ImportAsync(
            kept, toAdd, options.Target, staging, options.RefreshDistributionPoints, cancellationToken).ConfigureAwait(false);

        // The provider copied the content into the package source during AddUpdateContent; the staged copies are spare.
        DeleteFolders(contentFolders);
        if (defaultStaging && Directory.Exists(staging) && !Directory.EnumerateFileSystemEntries(staging).Any())
        {
            Directory.Delete(staging);
        }

        return new DeploymentContentOutcome(kept.RequestId, result.Package, result.Created, result.ContentIds, result.Files, result.Bytes,
            result.DistributionPointsRefreshed, inPackages.Count, verifier.DigestsMatched, verifier.SignaturesValid, verifier.SignaturesNotChecked);
    }

    private ContentRequest LoadRequest(DeploymentContentImport options, string? requestId)
    {
        if (options.ContentRequestPath is { } path)
        {
            var given = ContentRequestSerializer.ReadFile(path);
            if (requestId is not null && !string.Equals(given.RequestId, requestId, StringComparison.OrdinalIgnoreCase))
            {
                throw new DeploymentImportException(DeploymentImportProblem.NotRequested,
                    $"The bundle answers content request {requestId}, but {path} is request {given.RequestId}: its content was refused and nothing was added. Give the request the bundle was exported for, or leave out --content-request.");
            }

            return given;
        }

        if (requestId is null)
        {
            throw new DeploymentImportException(DeploymentImportProblem.NotRequested,
                "The bundle carries deployment content but names no content request, so nothing proves this site asked for it: refused, nothing was added. Export it with the request this site wrote ('cmdsync content request').");
        }

        return KeptContentRequests.Load(request.StateFolder, requestId);
    }

    private static void DeleteFolders(IEnumerable<string> folders)
    {
        foreach (var folder in folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
