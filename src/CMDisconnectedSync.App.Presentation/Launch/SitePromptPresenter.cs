using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>The "Which site?" prompt shown when a node-level launch found no site.</summary>
public sealed class SitePromptPresenter
{
    public string SiteServer { get; set; } = string.Empty;

    public string SiteCode { get; set; } = string.Empty;

    public string? Error { get; private set; }

    /// <summary>Validates the entries; returns the site, or null with <see cref="Error"/> set.</summary>
    public SiteTarget? Accept()
    {
        if (string.IsNullOrWhiteSpace(SiteServer))
        {
            Error = "Enter the site server (the SMS Provider), for example CM01.contoso.com.";
            return null;
        }

        if (!SiteIdentifiers.TryNormalizeServer(SiteServer, "Site server", out var server, out var serverError))
        {
            Error = serverError;
            return null;
        }

        string? code = null;
        if (!string.IsNullOrWhiteSpace(SiteCode))
        {
            if (!SiteIdentifiers.TryNormalizeSiteCode(SiteCode.Trim(), out var normalized, out var codeError))
            {
                Error = codeError;
                return null;
            }

            code = normalized;
        }

        Error = null;
        return new SiteTarget(server, code, null, null);
    }
}
