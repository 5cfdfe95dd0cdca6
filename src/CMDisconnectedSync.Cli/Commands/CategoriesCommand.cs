using System.CommandLine;
using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Cli.Commands;

/// <summary>
/// <c>cmdsync categories list|subscribe|snapshot</c>: the products and classifications of the site, what is new since
/// the snapshot taken before the import, and subscribing to them (design.md §8).
/// </summary>
public static class CategoriesCommand
{
    public static Command Create(ConfigMgrVerbSupport support)
    {
        _ = support ?? throw new ArgumentNullException(nameof(support));
        var command = new Command("categories", "Software update products and classifications of the ConfigMgr site: list, snapshot, subscribe.");
        command.Options.Add(support.SiteServer);
        support.StateFolder.AddTo(command);
        command.Subcommands.Add(List(support));
        command.Subcommands.Add(Snapshot(support));
        command.Subcommands.Add(Subscribe(support));
        return command;
    }

    private static Command List(ConfigMgrVerbSupport support)
    {
        var newOnly = new Option<bool>("--new")
        {
            Description = "Only categories new since the last snapshot (without a snapshot: those not subscribed yet that can be).",
        };
        var command = new Command("list", HelpText.WithExamples(
            "List products and classifications, grouped by classification and product family.",
            "cmdsync categories list --site-server CM01.corp.example",
            "cmdsync categories list --new --json"));
        command.Options.Add(newOnly);
        command.SetAction((parseResult, cancellationToken) => support.RunAsync(parseResult, async (context, site, token) =>
        {
            var current = await site.GetUpdateCategoriesAsync(token).ConfigureAwait(false);
            CategorySnapshot? snapshot = null;
            CategoryChanges changes;
            string heading;
            if (parseResult.GetValue(newOnly))
            {
                var store = new CategorySnapshotStore(support.StateFolderOf(parseResult), context.Logger);
                snapshot = await store.LoadAsync(site.SiteCode, token).ConfigureAwait(false);
                changes = snapshot is null
                    ? CategoryDiff.Compare(null, current.Where(c => c.AllowSubscription && !c.IsSubscribed).ToList())
                    : CategoryDiff.Compare(snapshot, current);
                heading = snapshot is null
                    ? $"No category snapshot for site {site.SiteCode} ({store.PathFor(site.SiteCode)}): showing every product and classification not subscribed yet that can be."
                    : $"New on site {site.SiteCode} since the snapshot of {snapshot.TakenAt:u}:";
            }
            else
            {
                changes = CategoryDiff.Compare(null, current);
                heading = $"Products and classifications of site {site.SiteCode} ({site.ProviderServer}):";
            }

            if (context.Json)
            {
                await ConfigMgrVerbSupport.WriteJsonAsync(context, new
                {
                    result = "listed",
                    exitCode = ExitCodes.Success,
                    site.SiteCode,
                    site.ProviderServer,
                    SnapshotTakenAt = snapshot?.TakenAt,
                    changes.Groups,
                    log = context.LogPath,
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await context.Output.WriteLineAsync(heading).ConfigureAwait(false);
            if (changes.Groups.Count == 0)
            {
                await context.Output.WriteLineAsync("  (none)").ConfigureAwait(false);
            }

            foreach (var group in changes.Groups)
            {
                await context.Output.WriteLineAsync($"  {group.Title}").ConfigureAwait(false);
                foreach (var category in group.Categories)
                {
                    var mark = category.IsSubscribed ? "[x]" : category.AllowSubscription ? "[ ]" : "[-]";
                    await context.Output.WriteLineAsync($"    {mark} {category.Name}  {category.UniqueId}").ConfigureAwait(false);
                }
            }

            await context.Output.WriteLineAsync("[x] subscribed  [ ] can be subscribed: cmdsync categories subscribe <name|unique-id>… --sync  [-] cannot be subscribed").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Snapshot(ConfigMgrVerbSupport support)
    {
        var command = new Command("snapshot", HelpText.WithExamples(
            "Save the site's products and classifications now (run before an import; 'list --new' compares against it).",
            "cmdsync categories snapshot --site-server CM01.corp.example",
            "cmdsync categories snapshot --state D:\\CMDisconnectedSync\\State"));
        command.SetAction((parseResult, cancellationToken) => support.RunAsync(parseResult, async (context, site, token) =>
        {
            var categories = await site.GetUpdateCategoriesAsync(token).ConfigureAwait(false);
            var store = new CategorySnapshotStore(support.StateFolderOf(parseResult), context.Logger);
            var snapshot = new CategorySnapshot(site.SiteCode, support.Clock.GetUtcNow(), categories);
            await store.SaveAsync(snapshot, token).ConfigureAwait(false);
            var path = store.PathFor(site.SiteCode);
            if (context.Json)
            {
                await ConfigMgrVerbSupport.WriteJsonAsync(context, new { result = "saved", exitCode = ExitCodes.Success, site.SiteCode, snapshot.TakenAt, Count = categories.Count, Path = path, log = context.LogPath }).ConfigureAwait(false);
            }
            else
            {
                await context.Output.WriteLineAsync($"Saved {categories.Count} products and classifications of site {site.SiteCode} to {path}.").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static Command Subscribe(ConfigMgrVerbSupport support)
    {
        var names = new Argument<string[]>("name-or-unique-id")
        {
            Description = "Products or classifications by name or unique id (see 'cmdsync categories list').",
            Arity = ArgumentArity.OneOrMore,
        };
        names.RefusingOptionLikeValues();
        var sync = new Option<bool>("--sync") { Description = "Then run a full synchronization and wait for it." };
        var timeout = new AliasedOption<TimeSpan>(
            Duration.CreateOption("--sync-timeout", "With --sync: how long to wait for the synchronization's result.", SyncRequest.DefaultTimeout),
            "--timeout");
        var command = new Command("subscribe", HelpText.WithExamples(
            "Subscribe the site to products or classifications (only those ConfigMgr allows); all or nothing.",
            "cmdsync categories subscribe \"Windows Server 2025\" \"Security Updates\" --sync --sync-timeout 90m",
            "cmdsync categories subscribe 0fa1201d-4330-4fa8-8ae9-b877473b6441 --site-server CM01.corp.example"));
        command.Arguments.Add(names);
        command.Options.Add(sync);
        timeout.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => support.RunAsync(parseResult, async (context, site, token) =>
        {
            var result = await new CategorySubscriber(context.Logger)
                .SubscribeAsync(site, parseResult.GetValue(names) ?? [], token).ConfigureAwait(false);
            if (!context.Json || !parseResult.GetValue(sync))
            {
                await ReportAsync(context, site, result).ConfigureAwait(false);
            }

            if (!parseResult.GetValue(sync))
            {
                if (!context.Json && result.Subscribed.Count > 0)
                {
                    await context.Output.WriteLineAsync("Run 'cmdsync sync --full' so ConfigMgr synchronizes the updates of the new categories.").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            return await support.SyncAndReportAsync(context, site, fullSync: true, timeout.GetValue(parseResult), token).ConfigureAwait(false);
        }, cancellationToken));
        return command;
    }

    private static async Task ReportAsync(CommandContext context, IConfigMgrSite site, SubscriptionResult result)
    {
        if (context.Json)
        {
            await ConfigMgrVerbSupport.WriteJsonAsync(context, new { result = "subscribed", exitCode = ExitCodes.Success, site.SiteCode, result.Subscribed, result.AlreadySubscribed, log = context.LogPath }).ConfigureAwait(false);
            return;
        }

        foreach (var category in result.Subscribed)
        {
            await context.Output.WriteLineAsync($"Subscribed: {category.Name} ({category.Type}, {category.UniqueId})").ConfigureAwait(false);
        }

        foreach (var category in result.AlreadySubscribed)
        {
            await context.Output.WriteLineAsync($"Already subscribed: {category.Name} ({category.Type})").ConfigureAwait(false);
        }
    }
}
