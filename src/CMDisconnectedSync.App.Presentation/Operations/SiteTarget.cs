namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// The site the app works on, as given by the console action or resolved from the console's last connection.
/// </summary>
/// <param name="SiteServer">SMS Provider server name, e.g. <c>CM01.contoso.com</c>.</param>
/// <param name="SiteCode">Three-character site code, upper case, e.g. <c>PS1</c>; null when not known yet.</param>
/// <param name="ProviderNamespace">WMI namespace such as <c>\\CM01\root\sms\site_PS1</c>; null when not given.</param>
/// <param name="SupServer">The software update point the action was started on (no leading backslashes); null for all.</param>
public sealed record SiteTarget(string SiteServer, string? SiteCode, string? ProviderNamespace, string? SupServer)
{
    /// <summary>How the admin reads it in titles and messages: <c>CM01.contoso.com (PS1)</c>.</summary>
    public string Describe() => SiteCode is null ? SiteServer : $"{SiteServer} ({SiteCode})";
}
