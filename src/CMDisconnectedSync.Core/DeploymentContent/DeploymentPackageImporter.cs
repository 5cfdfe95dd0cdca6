using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>A deployment content file the verified bundle delivered: its request entry, where it is now and its SHA-256 per the manifest.</summary>
public sealed record DeliveredContentFile(ContentRequestFile Entry, string FullPath, string Sha256);

/// <summary>
/// The deployment content a verified bundle carries, as files on disk (issue 18): independent of the import workflow,
/// so the package import (and any other consumer) reads the bundle the one way the writer laid it out.
/// </summary>
public static class DeliveredDeploymentContent
{
    /// <summary>
    /// Each <see cref="BundleManifest.DeploymentContent"/> entry of <paramref name="manifest"/> with the full path of its
    /// bytes inside <paramref name="bundleFolder"/> (<c>[volume-NNN/]deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>)
    /// and its SHA-256 per the manifest, in manifest order; empty when the bundle carries none. Call it with the manifest
    /// of a bundle that passed <see cref="BundleVerifier"/>: paths are not checked again here.
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// An entry is stored in parts across volumes (a file larger than one volume): it has no single path; the message
    /// names it. Use <see cref="FromAsync"/>, which joins such files into a folder of your choice.
    /// </exception>
    public static IReadOnlyList<DeliveredContentFile> From(BundleManifest manifest, string bundleFolder)
    {
        _ = manifest ?? throw new ArgumentNullException(nameof(manifest));
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        var delivered = new List<DeliveredContentFile>(manifest.DeploymentContent?.Count ?? 0);
        foreach (var entry in manifest.DeploymentContent ?? [])
        {
            if (entry.File.Parts is not null)
            {
                throw new NotSupportedException(
                    $"{DeploymentContentUnavailableException.Describe(entry.Request)} is stored in {entry.File.Parts.Count} parts across volumes (it is larger than one volume), "
                    + "so it has no single path in the bundle: join it with DeliveredDeploymentContent.FromAsync, or export again with a --max-volume-size larger than the file.");
            }

            delivered.Add(Whole(entry, bundleFolder));
        }

        return delivered;
    }

    /// <summary>
    /// As <see cref="From"/>, but a file stored in parts across volumes is joined into
    /// <c>&lt;<paramref name="joinFolder"/>&gt;/&lt;ContentID&gt;/&lt;FileName&gt;</c> (outside the bundle, which is never
    /// written to), its SHA-256 checked against the manifest while it is joined; whole files are not copied.
    /// </summary>
    /// <exception cref="ContentHashMismatchException">The joined parts do not have the manifest's SHA-256 (nothing is left under the final name).</exception>
    public static async Task<IReadOnlyList<DeliveredContentFile>> FromAsync(BundleManifest manifest, string bundleFolder, string joinFolder, CancellationToken cancellationToken)
    {
        _ = manifest ?? throw new ArgumentNullException(nameof(manifest));
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        _ = joinFolder ?? throw new ArgumentNullException(nameof(joinFolder));
        var delivered = new List<DeliveredContentFile>(manifest.DeploymentContent?.Count ?? 0);
        foreach (var entry in manifest.DeploymentContent ?? [])
        {
            if (entry.File.Parts is null)
            {
                delivered.Add(Whole(entry, bundleFolder));
                continue;
            }

            var parts = entry.File.Parts.Select(p => BundleLayout.ToFullPath(bundleFolder, BundleLayout.PartPath(entry.File, p))).ToList();
            var joined = Path.Combine(joinFolder, ContentRequestSerializer.ContentRelativePath(entry.Request).Replace('/', Path.DirectorySeparatorChar));
            await SplitFileCopier.JoinAsync(parts, joined, entry.File.Sha256, null, cancellationToken).ConfigureAwait(false);
            delivered.Add(new DeliveredContentFile(entry.Request, joined, entry.File.Sha256));
        }

        return delivered;
    }

    private static DeliveredContentFile Whole(DeploymentContentEntry entry, string bundleFolder) => new(
        entry.Request,
        BundleLayout.ToFullPath(bundleFolder, BundleLayout.StoredPath(BundleLayout.DeploymentContentArea, entry.File)),
        entry.File.Sha256);
}

/// <summary>Which deployment package receives the content: an existing one, or a new one with its source share.</summary>
public sealed record DeploymentPackageTarget(string? PackageId, string? NewPackageName, string? NewPackageSource)
{
    public static DeploymentPackageTarget Existing(string packageId) => new(packageId, null, null);

    public static DeploymentPackageTarget New(string name, string sourceShare) => new(null, name, sourceShare);
}

/// <summary>What was added to which package.</summary>
public sealed record DeploymentPackageImportResult(DeploymentPackage Package, bool Created, IReadOnlyList<uint> ContentIds, int Files, long Bytes, bool DistributionPointsRefreshed);

/// <summary>Why the disconnected side refused deployment content or a package.</summary>
public enum DeploymentImportProblem
{
    /// <summary>A delivered file is not in the request this site wrote (or differs from it).</summary>
    NotRequested,

    /// <summary>A delivered file's update is not known to the site.</summary>
    UnknownUpdate,

    /// <summary>A delivered file's bytes differ from the manifest's SHA-256.</summary>
    NotProven,

    /// <summary>The deployment package does not exist, or its source share is missing or not writable.</summary>
    PackageUnusable,

    /// <summary>The site's AddUpdateContent failed (the provider reported an error other than access denied).</summary>
    AddUpdateContentFailed,
}

/// <summary>Deployment content refused on import; the message names each file or update and the fix.</summary>
public sealed class DeploymentImportException : Exception
{
    public DeploymentImportException(DeploymentImportProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public DeploymentImportException()
        : this(DeploymentImportProblem.NotRequested, "Deployment content was refused.")
    {
    }

    public DeploymentImportException(string message)
        : this(DeploymentImportProblem.NotRequested, message)
    {
    }

    public DeploymentImportException(string message, Exception innerException)
        : this(DeploymentImportProblem.NotRequested, message, innerException)
    {
    }

    public DeploymentImportProblem Problem { get; }
}

/// <summary>
/// Puts carried deployment content into a deployment package (issue 18, item 4): accepts only files this site requested
/// (the request it kept in its state folder) that the bundle proves (SHA-256 per the verified manifest, recomputed while
/// staging), refuses files of updates the site does not know by name, checks that the package's source share exists and
/// is writable, stages each content in <c>&lt;staging&gt;\&lt;ContentID&gt;\</c> and calls
/// <see cref="IDeploymentContentCatalog.AddUpdateContentAsync"/> once for all of them. Nothing reaches the site until
/// every file passed.
/// </summary>
public sealed class DeploymentPackageImporter
{
    private readonly IDeploymentContentCatalog _catalog;
    private readonly DeliveredContentVerifier? _verifier;

    public DeploymentPackageImporter(IDeploymentContentCatalog catalog)
        : this(catalog, null)
    {
    }

    /// <param name="catalog">The site.</param>
    /// <param name="verifier">
    /// Checks each staged copy against Microsoft's digest and its Authenticode signature (the second anchor) before
    /// anything reaches the site; a refused copy is deleted from the staging folder. Null: the SHA-256 proof only.
    /// </param>
    public DeploymentPackageImporter(IDeploymentContentCatalog catalog, DeliveredContentVerifier? verifier)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _verifier = verifier;
    }

    /// <param name="keptRequest">The request this site wrote (from its state folder, not from the media).</param>
    /// <param name="delivered">The deployment content files the verified bundle carries.</param>
    /// <param name="target">The package to add to, or to create.</param>
    /// <param name="stagingShare">A UNC folder the site server can read: AddUpdateContent copies from here (one folder per content).</param>
    /// <param name="refreshDistributionPoints">bRefreshDPs: replicate the package to its distribution points.</param>
    /// <param name="cancellationToken">Cancels before the site is changed.</param>
    public async Task<DeploymentPackageImportResult> ImportAsync(
        ContentRequest keptRequest,
        IReadOnlyList<DeliveredContentFile> delivered,
        DeploymentPackageTarget target,
        string stagingShare,
        bool refreshDistributionPoints,
        CancellationToken cancellationToken)
    {
        _ = keptRequest ?? throw new ArgumentNullException(nameof(keptRequest));
        _ = delivered ?? throw new ArgumentNullException(nameof(delivered));
        _ = target ?? throw new ArgumentNullException(nameof(target));
        _ = stagingShare ?? throw new ArgumentNullException(nameof(stagingShare));

        // 1. Only what this site asked for, exactly as it asked (size and Microsoft's digest as the site listed them).
        var requested = EnsureRequested(keptRequest, delivered);

        // 2. Every update must be one the site knows now (same CI_ID and CI_UniqueID).
        var known = (await _catalog.GetUpdatesByCiIdAsync(delivered.Select(d => d.Entry.CiId).Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(u => u.CiId);
        var unknown = delivered
            .Where(d => !known.TryGetValue(d.Entry.CiId, out var u) || !string.Equals(u.UniqueId, d.Entry.CiUniqueId, StringComparison.OrdinalIgnoreCase))
            .Select(d => string.IsNullOrEmpty(d.Entry.ArticleId) ? $"'{d.Entry.Title}' ({d.Entry.CiUniqueId})" : $"KB{d.Entry.ArticleId} '{d.Entry.Title}' ({d.Entry.CiUniqueId})")
            .Distinct()
            .ToList();
        if (unknown.Count > 0)
        {
            throw new DeploymentImportException(DeploymentImportProblem.UnknownUpdate,
                "The site does not know the update(s) " + string.Join(", ", unknown) + ": their content was refused and nothing was added. "
                + "Import the metadata bundle and synchronize first ('cmdsync import'), then import the content again.");
        }

        // 3. The package and its source share.
        var (package, created) = await ResolvePackageAsync(target, cancellationToken).ConfigureAwait(false);

        // 4. Stage each content in its own folder, proving every byte against the manifest's SHA-256 on the way.
        var bytes = 0L;
        foreach (var file in delivered)
        {
            var destination = Path.Combine(stagingShare, ContentRequestSerializer.ContentRelativePath(file.Entry).Replace('/', Path.DirectorySeparatorChar));
            try
            {
                var copied = await HashingFileCopier.CopyAsync(file.FullPath, destination, file.Sha256, null, cancellationToken).ConfigureAwait(false);
                bytes += copied.Length;
            }
            catch (ContentHashMismatchException ex)
            {
                throw new DeploymentImportException(DeploymentImportProblem.NotProven,
                    $"{DeploymentContentUnavailableException.Describe(file.Entry)} at {file.FullPath} does not match the bundle's SHA-256: it changed after verification. Nothing was added; copy the bundle again.", ex);
            }

            // The staged copy (proven equal to the manifest above) is what AddUpdateContent reads: check that one
            // against the site's own size and Microsoft digest (the entry of the kept request) and its signature.
            if (_verifier is not null)
            {
                var asked = requested[ContentRequestSerializer.ContentRelativePath(file.Entry)];
                try
                {
                    await _verifier.VerifyAsync(asked, destination, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    File.Delete(destination);
                    throw;
                }
            }
        }

        var contentIds = delivered.Select(d => d.Entry.ContentId).Distinct().OrderBy(id => id).ToList();
        var sourcePaths = contentIds.Select(id => Path.Combine(stagingShare, id.ToString(CultureInfo.InvariantCulture))).ToList();
        try
        {
            await _catalog.AddUpdateContentAsync(package.PackageId, contentIds, sourcePaths, refreshDistributionPoints, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigMgr.ConfigMgrException ex) when (ex.Failure == ConfigMgr.ConfigMgrFailure.OperationFailed)
        {
            throw new DeploymentImportException(DeploymentImportProblem.AddUpdateContentFailed,
                $"Site {keptRequest.SiteCode} could not add contents {string.Join(", ", contentIds)} to deployment package {package.PackageId} from {stagingShare}: {ex.Message} "
                + "Check that the site server's computer account can read that share, then smsprov.log on the SMS Provider; the staged files stay in place for the rerun.", ex);
        }
        return new DeploymentPackageImportResult(package, created, contentIds, delivered.Count, bytes, refreshDistributionPoints);
    }

    /// <summary>
    /// Throws <see cref="DeploymentImportProblem.NotRequested"/> naming every delivered file the kept request does not
    /// list with the same size, digest and update; returns the request's files by <c>&lt;ContentID&gt;/&lt;FileName&gt;</c>.
    /// </summary>
    internal static Dictionary<string, ContentRequestFile> EnsureRequested(ContentRequest keptRequest, IReadOnlyList<DeliveredContentFile> delivered)
    {
        var requested = keptRequest.Files.ToDictionary(ContentRequestSerializer.ContentRelativePath, StringComparer.OrdinalIgnoreCase);
        var notRequested = delivered
            .Where(d => !requested.TryGetValue(ContentRequestSerializer.ContentRelativePath(d.Entry), out var r)
                || r.FileSize != d.Entry.FileSize || !string.Equals(r.FileHash, d.Entry.FileHash, StringComparison.Ordinal) || r.CiId != d.Entry.CiId)
            .Select(d => DeploymentContentUnavailableException.Describe(d.Entry))
            .ToList();
        if (notRequested.Count > 0)
        {
            throw new DeploymentImportException(DeploymentImportProblem.NotRequested,
                $"The bundle carries deployment content request {keptRequest.RequestId} of site {keptRequest.SiteCode} did not ask for (or asked for with another size or digest): "
                + string.Join(", ", notRequested) + ". Nothing was added. Export again with the request this site wrote ('cmdsync content request').");
        }

        return requested;
    }

    private async Task<(DeploymentPackage Package, bool Created)> ResolvePackageAsync(DeploymentPackageTarget target, CancellationToken cancellationToken)
    {
        if (target.PackageId is { } id)
        {
            var existing = await _catalog.GetDeploymentPackageAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new DeploymentImportException(DeploymentImportProblem.PackageUnusable,
                    $"The site has no deployment package {id}. Check the PackageID in the console (Software Library > Software Updates > Deployment Packages), or create one with --new-deployment-package.");
            EnsureWritableShare(existing.SourcePath, $"the source of deployment package {existing.PackageId} '{existing.Name}'");
            return (existing, false);
        }

        var name = target.NewPackageName ?? throw new ArgumentException("Name a package or a new one.", nameof(target));
        var source = target.NewPackageSource ?? throw new ArgumentException("A new package needs its source share.", nameof(target));
        if (!source.StartsWith(@"\\", StringComparison.Ordinal) && !source.StartsWith("//", StringComparison.Ordinal))
        {
            throw new DeploymentImportException(DeploymentImportProblem.PackageUnusable,
                $"The package source '{source}' is not a UNC path (\\\\server\\share\\folder): ConfigMgr copies it from the network. Give a shared folder.");
        }

        EnsureWritableShare(source, "the new package's source");
        return (await _catalog.CreateDeploymentPackageAsync(name, source, cancellationToken).ConfigureAwait(false), true);
    }

    /// <summary>The share must exist and accept a file from this account (a probe file, deleted again).</summary>
    internal static void EnsureWritableShare(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path) || !Directory.Exists(path))
        {
            throw new DeploymentImportException(DeploymentImportProblem.PackageUnusable,
                $"{Capitalize(what)} '{path}' does not exist or cannot be reached from here. Create the shared folder (or fix the share) and rerun.");
        }

        var probe = Path.Combine(path, ".cmdsync-write-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DeploymentImportException(DeploymentImportProblem.PackageUnusable,
                $"{Capitalize(what)} '{path}' is not writable for this account ({ex.Message}). Grant it Modify on the share and the folder, and rerun.", ex);
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]).ToString(CultureInfo.InvariantCulture) + text.Remove(0, 1);
}
