using System.CommandLine;
using System.CommandLine.Parsing;
using CMDisconnectedSync.Cli.Workflows;

namespace CMDisconnectedSync.Cli;

/// <summary>
/// A command line System.CommandLine could not parse (unknown verb or option, missing argument, bad value): exit code 2,
/// the errors on standard error, or under <c>--json</c> the one result object every verb writes, on standard output.
/// </summary>
internal static class UsageErrors
{
    public static int Write(ParseResult parseResult, GlobalOptions options, TextWriter output, TextWriter error)
    {
        _ = parseResult ?? throw new ArgumentNullException(nameof(parseResult));
        var messages = parseResult.Errors.Select(e => e.Message).ToList();
        var verb = VerbOf(parseResult);
        var next = $"Run 'cmdsync {(verb.Length == 0 ? string.Empty : verb + " ")}--help' for the {(verb.Length == 0 ? "verbs and " : string.Empty)}options and examples.";
        if (WantsJson(parseResult, options))
        {
            output.WriteLine(WorkflowVerbSupport.ToJson(new
            {
                result = "usage-error",
                exitCode = ExitCodes.Usage,
                verb = verb.Length == 0 ? null : verb,
                error = string.Join(" ", messages),
                errors = messages,
                next,
            }));
            return ExitCodes.Usage;
        }

        foreach (var message in messages)
        {
            error.WriteLine(message);
        }

        error.WriteLine(next);
        return ExitCodes.Usage;
    }

    /// <summary>Whether <c>--json</c> was given; it still parses when another token of the line does not.</summary>
    private static bool WantsJson(ParseResult parseResult, GlobalOptions options) =>
        parseResult.GetResult(options.Json) is { Implicit: false } result
            ? result.Errors.Any() || result.Tokens.Count == 0 || !string.Equals(result.Tokens[0].Value, "false", StringComparison.OrdinalIgnoreCase)
            : parseResult.Tokens.Any(t => string.Equals(t.Value, "--json", StringComparison.Ordinal));

    /// <summary>The verb as typed, e.g. <c>keys list</c> (empty for the root).</summary>
    private static string VerbOf(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is { Parent: not null }; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(" ", names);
    }
}
