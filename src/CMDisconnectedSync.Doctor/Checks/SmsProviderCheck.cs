using System.Globalization;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Doctor.Checks;

/// <summary>
/// The site seen through its SMS Provider, read-only: reachable; our rights (read software update point rows, read
/// products and classifications, and, asked with <c>UserHasPermissions</c> rather than tried, subscribe and SyncNow);
/// the sync source; the last <c>SMS_SUPSyncStatus</c>. Nothing is written, no method that changes the site is called.
/// </summary>
public sealed class SmsProviderCheck(IConfigMgrSiteConnector connector, string? siteServer, DoctorSide side) : IDoctorCheck
{
    public string Name => "SMS Provider, rights, sync source and last synchronization";

    public FieldFact PrimaryFact => FieldFacts.ProviderReachable;

    private FieldFact[] SiteFacts =>
    [
        FieldFacts.ReadSoftwareUpdatePoints, FieldFacts.ReadUpdateCategories, FieldFacts.WriteUpdateCategories,
        FieldFacts.SyncNowPermission, FieldFacts.SyncSource(side), FieldFacts.LastSyncStatus,
    ];

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(CancellationToken cancellationToken)
    {
        IConfigMgrSite site;
        try
        {
            site = await connector.ConnectAsync(siteServer, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigMgrException ex)
        {
            var reason = $"Needs the SMS Provider connection, which failed (see {FieldFacts.ProviderReachable.Id}).";
            return [ConnectionFinding(ex), .. SiteFacts.Select(f => f.NotApplicable(reason))];
        }

        try
        {
            var findings = new List<DoctorFinding> { FieldFacts.ProviderReachable.Confirmed($"{site.ProviderServer}, site {site.SiteCode}") };
            findings.Add(await Probe(FieldFacts.ReadSoftwareUpdatePoints, () => ReadSoftwareUpdatePointsAsync(site, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.ReadUpdateCategories, () => ReadCategoriesAsync(site, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.WriteUpdateCategories, () => PermissionAsync(site, FieldFacts.WriteUpdateCategories,
                FieldFacts.WriteCategoriesSecuredObject, FieldFacts.WriteCategoriesPermissions, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.SyncNowPermission, () => PermissionAsync(site, FieldFacts.SyncNowPermission,
                FieldFacts.SyncNowSecuredObject, FieldFacts.SyncNowPermissions, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.SyncSource(side), () => SyncSourceAsync(site, cancellationToken)).ConfigureAwait(false));
            findings.Add(await Probe(FieldFacts.LastSyncStatus, () => LastSyncAsync(site, cancellationToken)).ConfigureAwait(false));
            return findings;
        }
        finally
        {
            (site as IDisposable)?.Dispose();
        }
    }

    private static DoctorFinding ConnectionFinding(ConfigMgrException ex) => ex.Failure switch
    {
        ConfigMgrFailure.ConsoleNotInstalled or ConfigMgrFailure.SiteServerUnknown => FieldFacts.ProviderReachable.NotApplicable(ex.Message),
        ConfigMgrFailure.AccessDenied => FieldFacts.ProviderReachable.AccessDenied(ex.Message),
        _ => FieldFacts.ProviderReachable.Missing("(not reachable)", ex.Message),
    };

    /// <summary>Runs one read-only probe; a refusal is AccessDenied, any other provider failure is reported, not thrown.</summary>
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

    private static async Task<DoctorFinding> ReadSoftwareUpdatePointsAsync(IConfigMgrSite site, CancellationToken cancellationToken)
    {
        var sups = await site.GetSoftwareUpdatePointsAsync(cancellationToken).ConfigureAwait(false);
        return sups.Count == 0
            ? FieldFacts.ReadSoftwareUpdatePoints.Missing("0 software update points",
                $"Site {site.SiteCode} has no software update point role. Add it to the top-level site (Administration > Servers and Site System Roles).")
            : FieldFacts.ReadSoftwareUpdatePoints.Confirmed(string.Join(", ", sups.Select(s => $"{s.ServerName} ({s.SiteCode})")));
    }

    private static async Task<DoctorFinding> ReadCategoriesAsync(IConfigMgrSite site, CancellationToken cancellationToken)
    {
        var categories = await site.GetUpdateCategoriesAsync(cancellationToken).ConfigureAwait(false);
        var found = string.Format(CultureInfo.InvariantCulture, "{0} categories ({1} products, {2} classifications, {3} subscribed)",
            categories.Count,
            categories.Count(c => c.Type == UpdateCategoryType.Product),
            categories.Count(c => c.Type == UpdateCategoryType.Classification),
            categories.Count(c => c.IsSubscribed));
        return FieldFacts.ReadUpdateCategories.Confirmed(found, categories.Count == 0 ? "None yet: the site has not synchronized any metadata." : string.Empty);
    }

    private static async Task<DoctorFinding> PermissionAsync(
        IConfigMgrSite site, FieldFact fact, string securedObject, RbacPermissions permissions, CancellationToken cancellationToken)
    {
        bool granted;
        try
        {
            granted = await site.UserHasPermissionsAsync(securedObject, permissions, cancellationToken).ConfigureAwait(false);
        }
        catch (ConfigMgrException ex) when (ex.Failure != ConfigMgrFailure.AccessDenied)
        {
            return fact.NotApplicable(
                $"The SMS Provider could not answer the permission question ({ex.Message}). Check by hand: Administration > Security > "
                + "Administrative Users > this account > Security Roles (Software Update Manager, or a role with Modify on the site).");
        }

        return granted
            ? fact.Confirmed("granted")
            : fact.Finding(CheckStatus.AccessDenied, "not granted",
                $"The SMS Provider on {site.ProviderServer} says this account lacks {permissions} on {securedObject}. Ask a ConfigMgr "
                + "administrator for a security role that grants it (Administration > Security > Administrative Users).");
    }

    private async Task<DoctorFinding> SyncSourceAsync(IConfigMgrSite site, CancellationToken cancellationToken)
    {
        var source = await site.GetSyncSourceAsync(cancellationToken).ConfigureAwait(false);
        var fact = FieldFacts.SyncSource(side);
        var found = $"{source} (DefaultUseParentWSUS = {(int)source})";
        if (side == DoctorSide.Import)
        {
            return source == SyncSource.DoNotSynchronize
                ? fact.Confirmed(found)
                : fact.Differs(found, SyncSourceCheck.Evaluate(source, site.SiteCode).Message + " " + SyncSourceCheck.Fix);
        }

        return source != SyncSource.DoNotSynchronize
            ? fact.Confirmed(found)
            : fact.Differs(found, $"Site {site.SiteCode} does not synchronize, so it has nothing new to export. Run doctor with --side import on the disconnected site.");
    }

    private static async Task<DoctorFinding> LastSyncAsync(IConfigMgrSite site, CancellationToken cancellationToken)
    {
        var statuses = await site.GetSyncStatusesAsync(cancellationToken).ConfigureAwait(false);
        var fact = FieldFacts.LastSyncStatus;
        if (statuses.Count == 0)
        {
            return fact.Missing("no SMS_SUPSyncStatus row",
                $"No software update point of site {site.SiteCode} has synchronized yet. Run 'cmdsync sync' (or Synchronize Software Updates in the console) once.");
        }

        var found = string.Join("; ", statuses.Select(s => string.Format(CultureInfo.InvariantCulture, "{0}: {1} {2}{3}{4}",
            s.WsusServerName, s.StateMessageId, s.State,
            s.StateTime is { } at ? " at " + at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z" : string.Empty,
            s.ErrorCode == 0 ? string.Empty : " error 0x" + s.ErrorCode.ToString("X8", CultureInfo.InvariantCulture))));
        if (statuses.All(s => s.State == SyncState.Succeeded))
        {
            return fact.Confirmed(found);
        }

        if (statuses.Any(s => s.State is SyncState.Started or SyncState.InProgress)
            && statuses.All(s => s.State is SyncState.Started or SyncState.InProgress or SyncState.Succeeded))
        {
            return fact.Finding(CheckStatus.NotApplicable, found, "A synchronization is running: rerun doctor after it ends (wsyncmgr.log shows its progress).");
        }

        return fact.Differs(found, statuses.Any(s => s.State == SyncState.SucceededWithPendingLicenseTerms)
            ? "6708: license terms are missing from WsusContent. Copy the whole WsusContent tree (including the .txt license files) before the import, then synchronize again."
            : "The last synchronization did not succeed: see wsyncmgr.log and WCM.log on the site server, fix the cause and synchronize again.");
    }
}
