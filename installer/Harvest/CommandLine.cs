namespace CMDisconnectedSync.Installer.Harvest;

internal sealed record CommandLine(MsiBuildRequest Request, bool SourcesOnly)
{
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var published = new List<PublishedArea>();
        var demoAssemblies = new List<string>();
        var sourcesOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--sources-only")
            {
                sourcesOnly = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            var value = args[++i];
            if (name == "--publish")
            {
                var separator = value.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    throw new ArgumentException($"--publish expects <Area>=<folder>, got '{value}'");
                }

                published.Add(new PublishedArea(value[..separator], value[(separator + 1)..]));
            }
            else if (name == "--demo-assembly")
            {
                demoAssemblies.Add(value);
            }
            else
            {
                values[name] = value;
            }
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");

        return new CommandLine(
            new MsiBuildRequest(
                Required("--installer"),
                Required("--work"),
                sourcesOnly ? values.GetValueOrDefault("--out", "unused.msi") : Required("--out"),
                Required("--version"),
                published,
                values.GetValueOrDefault("--console-xml"),
                values.GetValueOrDefault("--cab"),
                demoAssemblies),
            sourcesOnly);
    }
}
