namespace CMDisconnectedSync.App.Presentation.Launch;

/// <summary>The outcome of <see cref="LaunchArguments.Parse"/>: a request, or every problem found (never just the first).</summary>
public sealed record LaunchParseResult(LaunchRequest? Request, IReadOnlyList<string> Errors)
{
    public bool IsValid => Request is not null && Errors.Count == 0;
}

/// <summary>
/// Parses <c>CMDisconnectedSync.exe home|export|import|next-steps|status|request-content [--site-server X] [--namespace ROOT\SMS\site_ABC]
/// [--site-code ABC] [--sup \\server] [--group-id CI_ID]</c>, the command lines of the console actions.
/// </summary>
/// <remarks>
/// A value still of the form <c>##SUB:Name##</c> means the console had no such property to substitute (a node-level
/// launch); it is treated as "not given" so the site is then taken from the console's last connection or asked for.
/// A row action passes <c>--site-server "##SUB:__Server##" --namespace "##SUB:__Namespace##"</c>: WMI's <c>__SERVER</c>
/// and <c>__NAMESPACE</c> system properties, so the namespace arrives as <c>ROOT\SMS\site_ABC</c> without a server.
/// </remarks>
public static class LaunchArguments
{
    public const string Usage =
        "Usage: CMDisconnectedSync.exe home|export|import|next-steps|status|request-content [--site-server SERVER] "
        + @"[--namespace ROOT\SMS\site_ABC] [--site-code ABC] [--sup \\SUPSERVER] [--group-id CI_ID]";

    private static readonly Dictionary<string, LaunchAction> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["export"] = LaunchAction.Export,
        ["import"] = LaunchAction.Import,
        ["next-steps"] = LaunchAction.NextSteps,
        ["status"] = LaunchAction.Status,
        ["home"] = LaunchAction.Home,
        ["request-content"] = LaunchAction.RequestContent,
    };

    private static readonly HashSet<string> ValueOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "--site-server", "--namespace", "--site-code", "--sup", "--group-id", "--lab", "--screenshot-dir", "--expect",
    };

    private static readonly Dictionary<string, ExpectedOutcome> Outcomes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["finished"] = ExpectedOutcome.Finished,
        ["failure"] = ExpectedOutcome.Failure,
        ["resumed"] = ExpectedOutcome.Resumed,
    };

    public static LaunchParseResult Parse(IReadOnlyList<string> args)
    {
        _ = args ?? throw new ArgumentNullException(nameof(args));
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        LaunchAction? action = null;
        var autoAdvance = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (ValueOptions.Contains(arg))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    errors.Add($"{arg} needs a value.");
                    continue;
                }

                var value = args[++i];
                if (values.ContainsKey(arg))
                {
                    errors.Add($"{arg} is given more than once.");
                }
                else if (!IsUnsubstituted(value))
                {
                    values[arg] = value;
                }
            }
            else if (string.Equals(arg, "--auto-advance", StringComparison.OrdinalIgnoreCase))
            {
                autoAdvance = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                errors.Add($"Unknown option {arg}.");
            }
            else if (Actions.TryGetValue(arg, out var parsed))
            {
                if (action is not null)
                {
                    errors.Add($"Only one action can be given; got '{action.Value.ToString().ToLowerInvariant()}' and '{arg}'.");
                }

                action = parsed;
            }
            else
            {
                errors.Add($"Unknown action '{arg}': use home, export, import, next-steps, status or request-content.");
            }
        }

        if (action is null && !errors.Any(e => e.StartsWith("Unknown action", StringComparison.Ordinal)))
        {
            errors.Add("No action given: use home, export, import, next-steps, status or request-content.");
        }

        var (server, siteCode, providerNamespace) = ParseSite(values, action, errors);
        string? sup = null;
        if (values.TryGetValue("--sup", out var supValue))
        {
            sup = SiteIdentifiers.TryNormalizeServer(supValue, "--sup", out var normalized, out var error) ? normalized : Add(errors, error);
        }

        string? lab = values.TryGetValue("--lab", out var labValue) ? RequireRooted(labValue, "--lab", errors) : null;
        string? screenshots = values.TryGetValue("--screenshot-dir", out var shotValue) ? RequireRooted(shotValue, "--screenshot-dir", errors) : null;
        if (autoAdvance && lab is null)
        {
            errors.Add("--auto-advance is a test hook and only works together with --lab.");
        }

        var expect = ParseExpectation(values, action, autoAdvance, errors);
        var groupId = ParseGroupId(values, action, errors);

        if (errors.Count > 0 || action is null)
        {
            return new LaunchParseResult(null, errors);
        }

        return new LaunchParseResult(
            new LaunchRequest(action.Value, server, siteCode, providerNamespace, sup, lab, screenshots, autoAdvance, expect, groupId),
            errors);
    }

    /// <summary><c>--group-id</c>: a software update group's CI_ID (<c>SMS_AuthorizationList.CI_ID</c>, UInt32; positive here).</summary>
    private static int? ParseGroupId(Dictionary<string, string> values, LaunchAction? action, List<string> errors)
    {
        if (!values.TryGetValue("--group-id", out var value))
        {
            return null;
        }

        if (action is not null and not LaunchAction.RequestContent)
        {
            errors.Add("--group-id names the software update group of a content request: use it with the request-content action.");
        }

        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            errors.Add($"--group-id '{value}' is not a software update group's CI_ID (a positive number, e.g. 16777400).");
            return null;
        }

        return id;
    }

    private static ExpectedOutcome ParseExpectation(Dictionary<string, string> values, LaunchAction? action, bool autoAdvance, List<string> errors)
    {
        if (!values.TryGetValue("--expect", out var value))
        {
            return ExpectedOutcome.Finished;
        }

        if (!autoAdvance)
        {
            errors.Add("--expect is a test hook and only works together with --auto-advance.");
        }

        if (!Outcomes.TryGetValue(value, out var expect))
        {
            errors.Add($"--expect '{value}' is not an outcome: use finished, failure or resumed.");
            return ExpectedOutcome.Finished;
        }

        if (expect == ExpectedOutcome.Resumed && action is not null and not LaunchAction.Status)
        {
            errors.Add("--expect resumed walks the status window's Resume…: use it with the status action.");
        }

        return expect;
    }

    private static (string? Server, string? SiteCode, string? Namespace) ParseSite(Dictionary<string, string> values, LaunchAction? action, List<string> errors)
    {
        string? server = null, siteCode = null, providerNamespace = null;
        if (values.TryGetValue("--site-server", out var serverValue))
        {
            server = SiteIdentifiers.TryNormalizeServer(serverValue, "--site-server", out var normalized, out var serverError)
                ? normalized
                : Add(errors, serverError);
        }

        if (values.TryGetValue("--site-code", out var codeValue))
        {
            siteCode = SiteIdentifiers.TryNormalizeSiteCode(codeValue, out var code, out var codeError) ? code : Add(errors, codeError);
        }

        if (values.TryGetValue("--namespace", out var namespaceValue))
        {
            if (SiteIdentifiers.TryParseNamespace(namespaceValue, out var nsServer, out var nsCode, out var namespacePart, out var nsError))
            {
                if (siteCode is not null && !string.Equals(siteCode, nsCode, StringComparison.Ordinal))
                {
                    // A row of a child site in a console connected to the top-level site's SMS Provider: the namespace is
                    // the provider to talk to, the row's code the child site.
                    if (action is LaunchAction.Export or LaunchAction.Import)
                    {
                        errors.Add($"This software update point belongs to site {siteCode}, below site {nsCode} the console is connected to "
                                   + $"(--namespace {namespaceValue}). Disconnected export and import run on the top-level site's software update "
                                   + "point; child sites synchronize from it. Start the action on the top-level site's software update point.");
                    }

                    siteCode = nsCode;
                }

                if (server is not null && nsServer is not null && !SameServer(server, nsServer))
                {
                    errors.Add($"--site-server {server} does not match the server {nsServer} in --namespace {namespaceValue}.");
                }

                server ??= nsServer;
                siteCode ??= nsCode;
                if (server is null)
                {
                    errors.Add($"--namespace {namespaceValue} names no server (the console passes the SMS Provider separately as "
                               + "##SUB:__Server##): add --site-server.");
                }
                else
                {
                    providerNamespace = $@"\\{server}\{namespacePart}";
                }
            }
            else
            {
                errors.Add(nsError!);
            }
        }

        if (siteCode is not null && server is null && errors.Count == 0)
        {
            errors.Add($"--site-code {siteCode} was given without a server: add --site-server or --namespace.");
        }

        return (server, siteCode, providerNamespace);
    }

    // CM01 and CM01.contoso.com name the same server: the console passes either form depending on the node.
    private static bool SameServer(string a, string b) =>
        string.Equals(ShortName(a), ShortName(b), StringComparison.OrdinalIgnoreCase);

    private static string ShortName(string server)
    {
        var dot = server.IndexOf('.');
        return dot < 0 ? server : server.Substring(0, dot);
    }

    private static bool IsUnsubstituted(string value) =>
        value.StartsWith("##SUB:", StringComparison.OrdinalIgnoreCase) && value.EndsWith("##", StringComparison.Ordinal);

    private static string? RequireRooted(string value, string option, List<string> errors)
    {
        if (Path.IsPathRooted(value))
        {
            return value;
        }

        errors.Add($"{option} '{value}' must be a full path.");
        return null;
    }

    private static string? Add(List<string> errors, string? error)
    {
        errors.Add(error!);
        return null;
    }
}
