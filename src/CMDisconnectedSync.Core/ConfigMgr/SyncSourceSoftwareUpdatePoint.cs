namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// Which software update point's <c>SMS_SUPSyncStatus</c> row tells how the sync after an import went (issue 16 item 5).
/// A site can have several software update points; the first one (the synchronization source) synchronizes with the
/// catalog and the others take their updates from it (design.md §5). The import ran <c>wsusutil import</c> on this
/// computer, so this computer is the sync source: follow its row. WQL returns <c>SMS_SCI_SysResUse</c> rows in no
/// defined order, so "the first row" may be a replica whose row says nothing about our sync.
/// </summary>
public static class SyncSourceSoftwareUpdatePoint
{
    /// <summary>
    /// The software update point of <paramref name="siteCode"/> on the import server (one of
    /// <paramref name="importServerNames"/>: its NetBIOS or DNS name); when the site has exactly one, that one (a sync
    /// started from an admin workstation). Throws <see cref="ConfigMgrException"/> (<see cref="ConfigMgrFailure.SiteMisconfigured"/>)
    /// when the site has none, or several and none of them is the import server, naming them and what to do.
    /// </summary>
    public static SoftwareUpdatePoint Select(
        IReadOnlyList<SoftwareUpdatePoint> points, string siteCode, string providerServer, IReadOnlyCollection<string> importServerNames)
    {
        _ = points ?? throw new ArgumentNullException(nameof(points));
        _ = siteCode ?? throw new ArgumentNullException(nameof(siteCode));
        _ = importServerNames ?? throw new ArgumentNullException(nameof(importServerNames));
        var ofSite = points.Where(p => string.Equals(p.SiteCode, siteCode, StringComparison.OrdinalIgnoreCase)).ToList();
        var here = ofSite.FirstOrDefault(p => importServerNames.Any(name => !string.IsNullOrWhiteSpace(name) && p.IsServer(name)));
        if (here is not null)
        {
            return here;
        }

        if (ofSite.Count == 1)
        {
            return ofSite[0];
        }

        if (ofSite.Count == 0)
        {
            throw new ConfigMgrException(ConfigMgrFailure.SiteMisconfigured,
                $"Site {siteCode} (through {providerServer}) has no software update point. Add the Software update point role "
                + "on the server that takes the imports (the disconnected WSUS server).");
        }

        throw new ConfigMgrException(ConfigMgrFailure.SiteMisconfigured,
            $"Site {siteCode} (through {providerServer}) has {ofSite.Count} software update points "
            + $"({string.Join(", ", ofSite.Select(p => p.ServerName))}) and none of them is this computer "
            + $"({string.Join(" / ", importServerNames.Where(n => !string.IsNullOrWhiteSpace(n)))}). Only the synchronization "
            + "source's status tells how the sync went: run the import and 'cmdsync sync' on that software update point, "
            + "the WSUS server the bundle was imported into.");
    }
}
