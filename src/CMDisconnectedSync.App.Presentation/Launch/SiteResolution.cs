using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>Where the site came from, so the window can say it.</summary>
public enum SiteSource
{
    CommandLine,
    ConsoleLastConnection,

    /// <summary>Neither: the app must ask the admin.</summary>
    NotFound,
}

/// <summary>The site to work on, or the reason it must be asked for.</summary>
public sealed record SiteResolution(SiteTarget? Site, SiteSource Source, string Message);

/// <summary>
/// Decides the site for a launch: the server/site code on the command line (a row action), else the console's last
/// connection (a node-level action passes no server), else nothing and the app asks.
/// </summary>
public sealed class SiteResolver
{
    private readonly IConsoleConnectionHistory _history;

    public SiteResolver(IConsoleConnectionHistory history) =>
        _history = history ?? throw new ArgumentNullException(nameof(history));

    public SiteResolution Resolve(LaunchRequest request)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        if (request.SiteServer is not null)
        {
            var site = new SiteTarget(request.SiteServer, request.SiteCode, request.ProviderNamespace, request.SupServer);
            return new SiteResolution(site, SiteSource.CommandLine, $"Site {site.Describe()} from the console action.");
        }

        var last = _history.GetLastConnection();
        if (last is not null
            && SiteIdentifiers.TryNormalizeServer(last.ServerName, "The console's last connection", out var server, out _))
        {
            string? code = last.SiteCode is not null && SiteIdentifiers.TryNormalizeSiteCode(last.SiteCode, out var normalized, out _)
                ? normalized
                : null;
            var site = new SiteTarget(server, code, null, request.SupServer);
            return new SiteResolution(site, SiteSource.ConsoleLastConnection,
                $"Site {site.Describe()}: the console's last connection (the action was started without a selected site).");
        }

        return new SiteResolution(null, SiteSource.NotFound,
            "The action was started without a site, and this console has no saved connection. Enter the site server.");
    }
}
