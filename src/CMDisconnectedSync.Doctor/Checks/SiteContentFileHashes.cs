using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The <see cref="ContentFileHashFormCheck"/>'s reader over the site connection: the <c>SMS_CIContentFiles.FileHash</c>
/// values of the first updates in the site's software update groups (else of its required updates), read through the
/// same <see cref="IDeploymentContentCatalog"/> <c>cmdsync content request</c> uses, so the row shows the form the
/// request will carry.
/// </summary>
public static class SiteContentFileHashes
{
    /// <summary>How many FileHash values the row samples.</summary>
    public const int SampleSize = 5;

    private const int SampledUpdates = 3;

    public static Func<string?, CancellationToken, Task<IReadOnlyList<string>>> From(IConfigMgrSiteConnector connector)
    {
        _ = connector ?? throw new ArgumentNullException(nameof(connector));
        return async (siteServer, cancellationToken) =>
        {
            IConfigMgrSite site;
            try
            {
                site = await connector.ConnectAsync(siteServer, cancellationToken).ConfigureAwait(false);
            }
            catch (ConfigMgrException ex) when (ex.Failure == ConfigMgrFailure.AccessDenied)
            {
                throw new UnauthorizedAccessException(ex.Message, ex);
            }

            try
            {
                if (site is not IDeploymentContentCatalog catalog)
                {
                    return [];
                }

                var updates = (await catalog.GetSoftwareUpdateGroupsAsync(cancellationToken).ConfigureAwait(false))
                    .SelectMany(g => g.UpdateCiIds).Distinct().Take(SampledUpdates).ToList();
                if (updates.Count == 0)
                {
                    updates = (await catalog.GetRequiredUpdatesAsync(cancellationToken).ConfigureAwait(false)).Select(u => u.CiId).Take(SampledUpdates).ToList();
                }

                if (updates.Count == 0)
                {
                    return [];
                }

                var files = await catalog.GetContentFilesAsync(updates, cancellationToken).ConfigureAwait(false);
                return files.Select(f => f.FileHash).Take(SampleSize).ToList();
            }
            finally
            {
                (site as IDisposable)?.Dispose();
            }
        };
    }
}
