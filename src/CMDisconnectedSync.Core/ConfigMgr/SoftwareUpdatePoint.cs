namespace CMDisconnectedSync.ConfigMgr;

/// <summary>A software update point role on a site system.</summary>
/// <param name="ServerName">The site system's name as ConfigMgr stores it (<c>NetworkOSPath</c> without the leading <c>\\</c>).</param>
/// <param name="SiteCode">The site the role belongs to.</param>
public sealed record SoftwareUpdatePoint(string ServerName, string SiteCode)
{
    /// <summary>
    /// True when <paramref name="wsusServerName"/> (as <c>SMS_SUPSyncStatus.WSUSServerName</c> writes it: short or
    /// fully qualified) names this software update point's server.
    /// </summary>
    public bool IsServer(string wsusServerName)
    {
        _ = wsusServerName ?? throw new ArgumentNullException(nameof(wsusServerName));
        if (string.Equals(ServerName, wsusServerName, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Two fully qualified names that differ are two servers (wsus01.corp… and wsus01.dmz…); only a bare NetBIOS name
        // on one side is matched by its host part.
        if (ServerName.Contains('.') && wsusServerName.Contains('.'))
        {
            return false;
        }

        return string.Equals(HostPart(ServerName), HostPart(wsusServerName), StringComparison.OrdinalIgnoreCase);
    }

    private static string HostPart(string name)
    {
        var dot = name.IndexOf('.');
        return dot < 0 ? name : name.Substring(0, dot);
    }
}
