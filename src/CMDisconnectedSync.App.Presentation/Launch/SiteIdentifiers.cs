using System.Globalization;
using System.Text.RegularExpressions;

namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>Validation of the site values the console passes (<c>##SUB:__Server##</c>, <c>##SUB:__Namespace##</c>…).</summary>
public static class SiteIdentifiers
{
    private static readonly Regex SiteCodePattern = new("^[A-Za-z0-9]{3}$", RegexOptions.CultureInvariant);

    // A DNS host name or NetBIOS name: labels of letters, digits and hyphens separated by dots.
    private static readonly Regex HostPattern = new(
        "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
        RegexOptions.CultureInvariant);

    // What the console substitutes for ##SUB:__Namespace##: the row's WMI __NAMESPACE system property, "the name of the
    // namespace from which the class or instance came", e.g. root\cimv2, WITHOUT a server (the server is __SERVER;
    // learn.microsoft.com/windows/win32/wmisdk/wmi-system-properties). For an SMS Provider row: ROOT\SMS\site_ABC.
    // The server-qualified form \\SERVER\root\sms\site_ABC (a namespace path) is accepted too. Case-insensitive, as WMI is.
    private static readonly Regex NamespacePattern = new(
        @"^(?:\\\\(?<server>[^\\]+)\\)?(?<namespace>root\\sms\\site_(?<code>[^\\]+))$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Returns the upper-case site code, or an error naming the rule.</summary>
    public static bool TryNormalizeSiteCode(string value, out string siteCode, out string? error)
    {
        siteCode = string.Empty;
        if (!SiteCodePattern.IsMatch(value ?? string.Empty))
        {
            error = $"'{value}' is not a ConfigMgr site code: a site code is exactly 3 letters or digits, such as PS1.";
            return false;
        }

        siteCode = value!.ToUpperInvariant();
        error = null;
        return true;
    }

    /// <summary>Accepts <c>CM01</c>, <c>CM01.contoso.com</c> or <c>\\CM01.contoso.com</c>; returns the name without backslashes.</summary>
    public static bool TryNormalizeServer(string value, string optionName, out string server, out string? error)
    {
        var trimmed = (value ?? string.Empty).Trim();
        var name = trimmed.StartsWith(@"\\", StringComparison.Ordinal) ? trimmed.Substring(2) : trimmed;
        if (!HostPattern.IsMatch(name))
        {
            server = string.Empty;
            error = $"{optionName} '{value}' is not a server name: use a host name such as CM01 or CM01.contoso.com "
                    + @"(a leading \\ is allowed), without a share or path.";
            return false;
        }

        server = name;
        error = null;
        return true;
    }

    /// <summary>
    /// Parses <c>ROOT\SMS\site_ABC</c> (the console's <c>##SUB:__Namespace##</c>, no server: <paramref name="server"/> is
    /// null) or <c>\\SERVER\root\sms\site_ABC</c> into its server, site code and the namespace part as given.
    /// </summary>
    public static bool TryParseNamespace(string value, out string? server, out string siteCode, out string namespacePart, out string? error)
    {
        server = null;
        siteCode = string.Empty;
        namespacePart = string.Empty;
        var match = NamespacePattern.Match(value ?? string.Empty);
        if (!match.Success)
        {
            error = $"--namespace '{value}' is not an SMS Provider namespace: expected ROOT\\SMS\\site_ABC (what the console passes "
                    + "for ##SUB:__Namespace##) or \\\\SERVER\\ROOT\\SMS\\site_ABC.";
            return false;
        }

        if (match.Groups["server"].Success)
        {
            if (!TryNormalizeServer(match.Groups["server"].Value, "The server in --namespace", out var normalized, out error))
            {
                return false;
            }

            server = normalized;
        }

        if (!TryNormalizeSiteCode(match.Groups["code"].Value, out siteCode, out var codeError))
        {
            error = string.Format(CultureInfo.InvariantCulture, "--namespace '{0}' ends in an invalid site code. {1}", value, codeError);
            return false;
        }

        namespacePart = match.Groups["namespace"].Value;
        error = null;
        return true;
    }
}
