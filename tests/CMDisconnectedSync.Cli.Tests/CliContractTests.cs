using System.CommandLine;
using System.Text.Json;
using CMDisconnectedSync.Cli.Commands;
using CMDisconnectedSync.Cli.Workflows;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Workflows;
using Serilog;

namespace CMDisconnectedSync.Cli.Tests;

/// <summary>
/// The contract every verb keeps (README "Command line"): under <c>--json</c>, whatever happens, standard output holds
/// exactly one JSON object with <c>result</c> and <c>exitCode</c> (the process exit code); every verb's help has an
/// Examples section and prints each default once. The verbs are enumerated from the real root command, so a new verb
/// is held to the contract without touching this class.
/// </summary>
[TestClass]
public sealed class CliContractTests
{
    private string _root = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("cmdsync-cli-contract-").FullName;

    [TestCleanup]
    public void DeleteRoot() => Directory.Delete(_root, recursive: true);

    /// <summary>Composition fails as a bug would: verbs that need WSUS or a site fail at once instead of touching this machine.</summary>
    private sealed class FailingHost : IWorkflowHost
    {
        public TimeProvider Clock => TimeProvider.System;

        public WorkflowServices Compose(ILogger logger, IConfigMgrSite? site) => throw new InvalidOperationException("no WSUS in the contract test");

        public IConfigMgrSiteConnector SiteConnector(ILogger logger) => throw new InvalidOperationException("no ConfigMgr site in the contract test");
    }

    /// <summary>Every runnable verb of the real command tree, as typed (e.g. ["keys", "list"]).</summary>
    private static List<(string[] Path, Command Command)> Verbs()
    {
        var root = CliApplication.BuildRootCommand(new GlobalOptions(), TextWriter.Null, TextWriter.Null, new FailingHost());
        var verbs = new List<(string[], Command)>();
        void Walk(Command command, string[] path)
        {
            if (command.Subcommands.Count == 0)
            {
                verbs.Add((path, command));
            }

            foreach (var sub in command.Subcommands)
            {
                Walk(sub, [.. path, sub.Name]);
            }
        }

        Walk(root, []);
        return verbs;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.CancellationToken);
        var run = CliApplication.RunAsync([.. args, "--log", Path.Combine(_root, "cmdsync.log")], output, error, new FailingHost(), timeout.Token);
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60), TestContext.CancellationToken)) != run)
        {
            await timeout.CancelAsync();
            Assert.Fail("cmdsync " + string.Join(" ", args) + " did not finish within 60 s");
        }

        return (await run, output.ToString(), error.ToString());
    }

    /// <summary>A folder that exists and is not empty, with a file in it: what a verb's paths point to when it is made to run.</summary>
    private (string Folder, string File) Occupied(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "file.txt");
        File.WriteAllText(file, "x");
        return (folder, file);
    }

    /// <summary>
    /// Arguments for every argument and visible path option of <paramref name="command"/>: folders point to an existing,
    /// non-empty folder, files to an existing file that is no certificate, bundle or package, text to "x".
    /// </summary>
    private static List<string> Fill(Command command, string folder, string file)
    {
        string? ValueFor(Type type) =>
            type == typeof(DirectoryInfo) ? folder : type == typeof(FileInfo) ? file : type == typeof(string) || type == typeof(string[]) ? "x" : null;

        var args = new List<string>();
        foreach (var argument in command.Arguments)
        {
            args.Add(ValueFor(argument.ValueType) ?? throw new AssertFailedException($"{command.Name}: no test value for argument type {argument.ValueType}"));
        }

        foreach (var option in command.Options.Where(o => !o.Hidden && (o.ValueType == typeof(DirectoryInfo) || o.ValueType == typeof(FileInfo))))
        {
            args.Add(option.Name);
            args.Add(ValueFor(option.ValueType)!);
        }

        return args;
    }

    /// <summary>The failure modes of one verb: unknown option, missing argument, each bad value, and running it against nothing real.</summary>
    private List<(string Mode, string[] Args, bool UsageError)> FailureModes(string[] path, Command command, int index)
    {
        var modes = new List<(string, string[], bool)> { ("unknown option", [.. path, "--no-such-option", "--json"], true) };
        if (command.Arguments.Any(a => a.Arity.MinimumNumberOfValues > 0) || command.Options.Any(o => o.Required))
        {
            modes.Add(("missing argument", [.. path, "--json"], true));
        }

        foreach (var option in command.Options.Where(o => !o.Hidden))
        {
            var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (type == typeof(int) || type == typeof(long) || type == typeof(TimeSpan) || type.IsEnum || (type == typeof(string) && option.Validators.Count > 0))
            {
                modes.Add(("bad value for " + option.Name, [.. path, option.Name, "not-a-value", "--json"], true));
            }
        }

        var (folder, file) = Occupied("run-" + index);
        modes.Add(("run against nothing real", [.. path, .. Fill(command, folder, file), "--json"], false));
        return modes;
    }

    [TestMethod]
    public async Task EveryVerb_EveryFailureModeWithJson_WritesExactlyOneObjectWithResultAndExitCode()
    {
        var problems = new List<string>();
        var verbs = Verbs();
        Assert.IsGreaterThanOrEqualTo(19, verbs.Count, "the tree has at least the 19 verbs README lists: " + string.Join(", ", verbs.Select(v => string.Join(" ", v.Path))));
        for (var i = 0; i < verbs.Count; i++)
        {
            var (path, command) = verbs[i];
            List<(string Mode, string[] Args, bool UsageError)> modes = i == 0
                ? [("unknown verb", ["no-such-verb", "--json"], true), ("no verb", ["--json"], true), .. FailureModes(path, command, i)]
                : FailureModes(path, command, i);
            foreach (var (mode, args, usageError) in modes)
            {
                var line = "cmdsync " + string.Join(" ", args) + " (" + mode + ")";
                var (exitCode, output, error) = await RunAsync(args);
                if (usageError && exitCode != ExitCodes.Usage)
                {
                    problems.Add($"{line}: exit code {exitCode}, expected {ExitCodes.Usage}. stderr: {error}");
                }

                JsonDocument json;
                try
                {
                    // JsonDocument.Parse refuses anything after the first value: "exactly one object" is checked here.
                    json = JsonDocument.Parse(output);
                }
                catch (JsonException ex)
                {
                    problems.Add($"{line}: standard output is not one JSON value ({ex.Message}): <<{output}>> stderr: {error}");
                    continue;
                }

                if (error.Contains("   at ", StringComparison.Ordinal))
                {
                    problems.Add($"{line}: a stack trace reached standard error:{Environment.NewLine}{error}");
                }

                using (json)
                {
                    problems.AddRange(Check(line, json.RootElement, exitCode, path));
                }
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine + Environment.NewLine, problems));
    }

    [TestMethod]
    public async Task EveryVerb_EveryFailureModeAsText_PrintsEachLineOnceAndNoStackTrace()
    {
        var problems = new List<string>();
        var verbs = Verbs();
        for (var i = 0; i < verbs.Count; i++)
        {
            var (path, command) = verbs[i];
            foreach (var (mode, jsonArgs, _) in FailureModes(path, command, i))
            {
                string[] args = [.. jsonArgs.Where(a => a != "--json")];
                var line = "cmdsync " + string.Join(" ", args) + " (" + mode + ")";
                var (_, output, error) = await RunAsync(args);
                if (error.Contains("   at ", StringComparison.Ordinal) || output.Contains("   at ", StringComparison.Ordinal))
                {
                    problems.Add($"{line}: a stack trace reached the console:{Environment.NewLine}{error}");
                }

                var repeated = error.Split(Environment.NewLine).Where(l => l.Trim().Length > 0).GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                if (repeated.Count > 0)
                {
                    problems.Add($"{line}: printed more than once on standard error: {string.Join(" | ", repeated)}");
                }
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine + Environment.NewLine, problems));
    }

    private static IEnumerable<string> Check(string line, JsonElement root, int exitCode, string[] path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            yield return $"{line}: the JSON is a {root.ValueKind}, not an object";
            yield break;
        }

        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.String)
        {
            yield return $"{line}: no string 'result'";
        }

        if (!root.TryGetProperty("exitCode", out var code) || code.ValueKind != JsonValueKind.Number || code.GetInt32() != exitCode)
        {
            yield return $"{line}: 'exitCode' is not the process exit code {exitCode}";
        }

        if (path is ["verify"] && exitCode != ExitCodes.Usage && !root.TryGetProperty("log", out _))
        {
            yield return $"{line}: verify names its log";
        }

        foreach (var problem in Walk(line, root, "$"))
        {
            yield return problem;
        }
    }

    /// <summary>No null entries (a script reads what is there) and camelCase keys throughout.</summary>
    private static IEnumerable<string> Walk(string line, JsonElement element, string where)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                yield return $"{line}: null at {where}";
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Length > 0 && char.IsUpper(property.Name[0]))
                    {
                        yield return $"{line}: key '{property.Name}' at {where} is not camelCase";
                    }

                    foreach (var problem in Walk(line, property.Value, where + "." + property.Name))
                    {
                        yield return problem;
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var problem in Walk(line, item, $"{where}[{i++}]"))
                    {
                        yield return problem;
                    }
                }

                break;
        }
    }

    [TestMethod]
    public async Task EveryVerb_Help_HasAnExamplesSectionWithItsOwnCommandLine()
    {
        var problems = new List<string>();
        foreach (var (path, _) in Verbs())
        {
            var (exitCode, output, _) = await RunAsync([.. path, "--help"]);
            var typed = "cmdsync " + string.Join(" ", path);
            if (exitCode != ExitCodes.Success || !output.Contains(HelpText.ExamplesHeading, StringComparison.Ordinal)
                || !output.Split('\n').Any(l => l.TrimStart().StartsWith(typed + " ", StringComparison.Ordinal) || l.Trim() == typed))
            {
                problems.Add($"{typed} --help: no '{HelpText.ExamplesHeading}' section with a '{typed} …' line:{Environment.NewLine}{output}");
            }
        }

        Assert.IsEmpty(problems, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void EveryOption_WithADefault_NamesItOnceInHelp()
    {
        // System.CommandLine prints "[default: …]" for an option with a default value; a description saying "default" too
        // printed it twice (and the two drifted: "--sync-timeout (default 60)" beside "[default: 60]").
        var twice = Verbs()
            .SelectMany(v => v.Command.Options.Select(o => (Verb: string.Join(" ", v.Path), Option: o)))
            .Where(x => x.Option.HasDefaultValue && (x.Option.Description ?? string.Empty).Contains("default", StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{x.Verb} {x.Option.Name}: {x.Option.Description}")
            .ToList();

        Assert.IsEmpty(twice, string.Join(Environment.NewLine, twice));
    }

    [TestMethod]
    public void EveryVerb_StateFolderOption_IsCalledState()
    {
        // One name per idea: the state folder is --state on every verb; --state-folder and --state-dir stay as hidden aliases.
        var visible = Verbs().SelectMany(v => WithRecursive(v.Command).Where(o => !o.Hidden).Select(o => (Verb: string.Join(" ", v.Path), o.Name))).ToList();
        var other = visible.Where(x => x.Name is "--state-folder" or "--state-dir" or "--timeout").ToList();

        Assert.IsEmpty(other, string.Join(", ", other));
        CollectionAssert.IsSubsetOf(
            new[] { "import", "export", "verify", "status", "receipt", "keys trust", "keys list", "categories list", "console install", "console uninstall" },
            visible.Where(x => x.Name == "--state").Select(x => x.Verb).Distinct().ToArray());
    }

    private static List<Option> WithRecursive(Command command)
    {
        var options = command.Options.ToList();
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            options.AddRange(parent.Options.Where(o => o.Recursive));
        }

        return options;
    }
}
