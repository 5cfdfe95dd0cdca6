using System.Globalization;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// What the deployment content loop (issue 18) reads from the site, read-only: software update groups with their
/// members, the content files of one update (showing the real <c>FileHash</c> form), content already in packages, and,
/// asked with <c>UserHasPermissions</c> rather than tried, whether this account may run <c>AddUpdateContent</c>.
/// </summary>
public sealed class DeploymentContentCheck(IConfigMgrSiteConnector connector, string? siteServer) : IDoctorCheck
{
    public string Name => "Deployment content: update groups, content files, packages";

    public FieldFact PrimaryFact => FieldFacts.ReadUpdateGroups;

    private static FieldFact[] Facts =>
        [FieldFacts.ReadUpdateGroups, FieldFacts.ReadContentFiles, FieldFacts.ReadPackagedContent, FieldFacts.AddUpdateContentPermission];

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        IConfigMgrSite site;
        try
        {
            site = await connector.ConnectAsync(siteServer, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigMgrException ex)
        {
            return Facts.Select(f => f.NotApplicable($"Needs the SMS Provider connection, which failed (see {FieldFacts.ProviderReachable.Id}): {ex.Message}")).ToList();
        }

        try
        {
            if (site is not IDeploymentContentCatalog catalog)
            {
                return Facts.Select(f => f.NotApplicable($"This site connection ({site.ProviderServer}) reads no deployment content.")).ToList();
            }

            var findings = new List<DoctorFinding>();
            IReadOnlyList<SoftwareUpdateGroup> groups = [];
            findings.Add(await Probe(FieldFacts.ReadUpdateGroups, async () =>
            {
                groups = await catalog.GetSoftwareUpdateGroupsAsync(cancellationToken).ConfigureAwait(false);
                return FieldFacts.ReadUpdateGroups.Confirmed(string.Format(CultureInfo.InvariantCulture, "{0} groups, {1} member updates",
                    groups.Count, groups.Sum(g => g.UpdateCiIds.Count)), groups.Count == 0 ? "No software update group yet." : string.Empty);
            }).ConfigureAwait(false));

            var sampleUpdate = groups.SelectMany(g => g.UpdateCiIds).Take(1).ToList();
            findings.Add(await Probe(FieldFacts.ReadContentFiles, () => ReadFilesAsync(catalog, sampleUpdate, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.ReadPackagedContent, async () =>
            {
                var files = sampleUpdate.Count == 0 ? [] : await catalog.GetContentFilesAsync(sampleUpdate, cancellationToken).ConfigureAwait(false);
                var ids = files.Select(f => f.ContentId).Distinct().ToList();
                var packaged = ids.Count == 0 ? [] : await catalog.GetContentIdsInPackagesAsync(ids, cancellationToken).ConfigureAwait(false);
                return FieldFacts.ReadPackagedContent.Confirmed(string.Format(CultureInfo.InvariantCulture, "{0} of {1} sampled contents in a package", packaged.Count, ids.Count));
            }).ConfigureAwait(false));
            findings.Add(await PermissionAsync(site, cancellationToken).ConfigureAwait(false));
            return findings;
        }
        finally
        {
            (site as IDisposable)?.Dispose();
        }
    }

    private static async Task<DoctorFinding> ReadFilesAsync(IDeploymentContentCatalog catalog, List<int> sampleUpdate, CancellationToken cancellationToken)
    {
        var fact = FieldFacts.ReadContentFiles;
        if (sampleUpdate.Count == 0)
        {
            return fact.NotApplicable("No update in a software update group to sample; create a group and rerun doctor.");
        }

        var files = await catalog.GetContentFilesAsync(sampleUpdate, cancellationToken).ConfigureAwait(false);
        if (files.Count == 0)
        {
            return fact.Missing("0 files", $"Update CI_ID {sampleUpdate[0]} lists no content files (SMS_CIToContent / SMS_CIContentFiles).");
        }

        var first = files[0];
        var found = string.Format(CultureInfo.InvariantCulture, "{0} files; e.g. {1}, {2} bytes, FileHash '{3}', SourceURL {4}",
            files.Count, first.FileName, first.FileSize, first.FileHash, first.SourceUrl);
        var bad = files.FirstOrDefault(f => string.IsNullOrEmpty(f.FileHash)
            || !(f.SourceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || f.SourceUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)));
        return bad is null
            ? fact.Confirmed(found)
            : fact.Differs(found, $"Content {bad.ContentId} file '{bad.FileName}' has FileHash '{bad.FileHash}' and SourceURL '{bad.SourceUrl}': send this report to the maintainers.");
    }

    private static async Task<DoctorFinding> PermissionAsync(IConfigMgrSite site, CancellationToken cancellationToken)
    {
        var fact = FieldFacts.AddUpdateContentPermission;
        try
        {
            var granted = await site.UserHasPermissionsAsync(FieldFacts.AddUpdateContentSecuredObject, FieldFacts.AddUpdateContentPermissions, cancellationToken).ConfigureAwait(false);
            return granted
                ? fact.Confirmed("granted")
                : fact.Finding(CheckStatus.AccessDenied, "not granted",
                    $"The SMS Provider on {site.ProviderServer} says this account lacks {FieldFacts.AddUpdateContentPermissions} on {FieldFacts.AddUpdateContentSecuredObject}. "
                    + "Ask a ConfigMgr administrator for the Software Update Manager role (Administration > Security > Administrative Users).");
        }
        catch (ConfigMgrException ex) when (ex.Failure == ConfigMgrFailure.AccessDenied)
        {
            return fact.AccessDenied(ex.Message);
        }
        catch (ConfigMgrException ex)
        {
            return fact.NotApplicable($"The SMS Provider could not answer the permission question ({ex.Message}).");
        }
    }

    private static async Task<DoctorFinding> Probe(FieldFact fact, Func<Task<DoctorFinding>> probe)
    {
        try
        {
            return await probe().ConfigureAwait(false);
        }
        catch (ConfigMgrException ex) when (ex.Failure == ConfigMgrFailure.AccessDenied)
        {
            return fact.AccessDenied(ex.Message);
        }
        catch (ConfigMgrException ex)
        {
            return fact.Missing("(could not be read)", ex.Message);
        }
    }
}
