using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// One option under one name, with earlier spellings still accepted but hidden from help (scripts written against an
/// earlier release keep working; new readers see one name per idea). The primary wins when both are given.
/// </summary>
internal sealed class AliasedOption<T>
{
    public AliasedOption(Option<T> primary, params string[] hiddenAliases)
    {
        Primary = primary ?? throw new ArgumentNullException(nameof(primary));
        Hidden = hiddenAliases.Select(alias => new Option<T>(alias)
        {
            Hidden = true,
            Description = $"Earlier name of {primary.Name}.",
            CustomParser = primary.CustomParser,
            Recursive = primary.Recursive,
        }).ToList();
    }

    public Option<T> Primary { get; }

    public IReadOnlyList<Option<T>> Hidden { get; }

    public void AddTo(Command command)
    {
        _ = command ?? throw new ArgumentNullException(nameof(command));
        command.Options.Add(Primary);
        foreach (var hidden in Hidden)
        {
            command.Options.Add(hidden);
        }
    }

    public T GetValue(ParseResult parseResult)
    {
        _ = parseResult ?? throw new ArgumentNullException(nameof(parseResult));
        if (parseResult.GetResult(Primary) is not { Implicit: false })
        {
            foreach (var hidden in Hidden)
            {
                if (parseResult.GetResult(hidden) is { Implicit: false })
                {
                    return parseResult.GetValue(hidden)!;
                }
            }
        }

        return parseResult.GetValue(Primary)!;
    }
}

/// <summary>
/// The one duration syntax of every timeout option (<c>import --sync-timeout</c>, <c>sync --sync-timeout</c>,
/// <c>categories subscribe --sync-timeout</c>): <c>1h</c>, <c>90m</c>, <c>45s</c>, <c>1h30m</c> or <c>01:30:00</c>.
/// </summary>
internal static class Duration
{
    public const string AcceptedForms = "1h, 90m, 45s, 1h30m or 01:30:00";

    private static readonly Regex Units = new(@"^(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Parses a duration above zero. A bare whole number is minutes: what <c>import --sync-timeout</c> took before 1h/90m.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return false;
        }

        if (trimmed.All(char.IsDigit))
        {
            if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
            {
                return false;
            }

            value = TimeSpan.FromMinutes(minutes);
        }
        else if (trimmed.Contains(':'))
        {
            // Only the clock form: TimeSpan.Parse alone would read "90" as 90 days.
            if (!TimeSpan.TryParseExact(trimmed, ["c", @"h\:mm\:ss"], CultureInfo.InvariantCulture, out value))
            {
                return false;
            }
        }
        else
        {
            var match = Units.Match(trimmed);
            if (!match.Success)
            {
                return false;
            }

            try
            {
                value = TimeSpan.FromHours(Number(match, "h")) + TimeSpan.FromMinutes(Number(match, "m")) + TimeSpan.FromSeconds(Number(match, "s"));
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return value > TimeSpan.Zero;
    }

    /// <summary>The message for a value that is not a duration: names the option and the accepted forms.</summary>
    public static string Invalid(string optionName, string? text) =>
        $"{optionName} '{text}' is not a duration above zero. Write it as {AcceptedForms}.";

    /// <summary>A duration option: parsed by <see cref="TryParse"/>, a usage error (exit code 2) otherwise.</summary>
    public static Option<TimeSpan> CreateOption(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description + " Write it as " + AcceptedForms + ".",
        HelpName = "duration",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name),
    };

    /// <summary>A duration option without a default: null when not given (e.g. <c>--wait-for-wsusutil</c>: refuse instead of waiting).</summary>
    public static Option<TimeSpan?> CreateOptionalOption(string name, string description) => new(name)
    {
        Description = description + " Write it as " + AcceptedForms + ".",
        HelpName = "duration",
        CustomParser = result => Parse(result, name),
    };

    private static TimeSpan Parse(ArgumentResult result, string name)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        if (TryParse(text, out var value))
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? name;
        result.AddError(Invalid(option, text));
        return default;
    }

    private static double Number(Match match, string group) =>
        match.Groups[group].Success ? double.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture) : 0;
}

/// <summary>Help text: every verb's description ends with an Examples section (README promises them).</summary>
internal static class HelpText
{
    public const string ExamplesHeading = "Examples:";

    public static string WithExamples(string description, params string[] examples) =>
        description + "\n" + ExamplesHeading + "\n" + string.Join("\n", examples.Select(e => "  " + e));
}

/// <summary>Rules for positional arguments.</summary>
internal static class ArgumentRules
{
    /// <summary>
    /// Refuses a value that looks like an option. System.CommandLine hands an unknown <c>--option</c> to a free argument
    /// slot, so <c>cmdsync verify --bundel E:\b</c> verified a bundle named "--bundel" (exit 10) instead of saying the
    /// option is unknown (exit 2).
    /// </summary>
    public static Argument<T> RefusingOptionLikeValues<T>(this Argument<T> argument)
    {
        _ = argument ?? throw new ArgumentNullException(nameof(argument));
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.StartsWith("--", StringComparison.Ordinal)))
            {
                result.AddError($"Unrecognized option '{token.Value}'. A {argument.Name} never starts with '--'.");
            }
        });
        return argument;
    }
}
