namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>This computer's names, as the software update point rows name servers: NetBIOS and DNS (FQDN).</summary>
/// <param name="NetBiosName">E.g. <c>WSUS02</c>.</param>
/// <param name="DnsName">E.g. <c>WSUS02.corp.example</c>; null when the computer has no DNS domain.</param>
public sealed record LocalComputer(string NetBiosName, string? DnsName);

/// <summary>
/// Export and import work on the WSUS server of the computer they run on. A row action names its software update point
/// (<c>--sup</c>); started from a console on another computer, it must refuse rather than export from, or import into,
/// the WSUS of the wrong server. The status window and the review of categories only read the site, so they may run
/// anywhere.
/// </summary>
public static class LocalServerGuard
{
    /// <summary>Why <paramref name="request"/> cannot run here, naming both servers and what to do; null when it can.</summary>
    public static string? Refusal(LaunchRequest request, LocalComputer local)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        _ = local ?? throw new ArgumentNullException(nameof(local));
        if (request.SupServer is not { } sup || request.Action is not (LaunchAction.Export or LaunchAction.Import) || IsLocal(sup, local))
        {
            return null;
        }

        var verb = request.Action == LaunchAction.Export ? "Export" : "Import";
        return $"This {verb.ToLowerInvariant()} was started for the software update point {sup}, but this computer is "
               + $"{local.DnsName ?? local.NetBiosName}. {verb} works on the WSUS server of the computer it runs on: start it on "
               + $"{sup} (its ConfigMgr console, or 'cmdsync {verb.ToLowerInvariant()}' there), or use the node-level action to work on this computer's WSUS.";
    }

    private static bool IsLocal(string server, LocalComputer local)
    {
        if (string.Equals(server, local.NetBiosName, StringComparison.OrdinalIgnoreCase)
            || (local.DnsName is { } dns && string.Equals(server, dns, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        // A row may carry the FQDN while this computer has no DNS suffix configured (or the other way round).
        var firstLabel = server.Split('.')[0];
        return string.Equals(firstLabel, local.NetBiosName, StringComparison.OrdinalIgnoreCase);
    }
}
