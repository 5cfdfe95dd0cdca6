using Serilog;

namespace CMDisconnectedSync.ConfigMgr;

/// <summary>What <see cref="CategorySubscriber.SubscribeAsync"/> did.</summary>
/// <param name="Subscribed">Categories newly subscribed.</param>
/// <param name="AlreadySubscribed">Categories that were subscribed already (nothing written).</param>
public sealed record SubscriptionResult(IReadOnlyList<UpdateCategory> Subscribed, IReadOnlyList<UpdateCategory> AlreadySubscribed);

/// <summary>
/// Subscribes the site to categories named by unique id or name. All or nothing: every name must resolve to exactly
/// one category that ConfigMgr allows to subscribe (<c>AllowSubscription</c>), otherwise nothing is written and the
/// error lists each problem.
/// </summary>
public sealed class CategorySubscriber
{
    private readonly ILogger _logger;

    public CategorySubscriber(ILogger logger)
    {
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<CategorySubscriber>();
    }

    public async Task<SubscriptionResult> SubscribeAsync(
        IConfigMgrSite site, IReadOnlyCollection<string> namesOrIds, CancellationToken cancellationToken)
    {
        _ = site ?? throw new ArgumentNullException(nameof(site));
        _ = namesOrIds ?? throw new ArgumentNullException(nameof(namesOrIds));
        if (namesOrIds.Count == 0)
        {
            throw new ArgumentException("Name at least one product or classification (name or unique id).", nameof(namesOrIds));
        }

        var categories = await site.GetUpdateCategoriesAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        var chosen = new List<UpdateCategory>();
        foreach (var nameOrId in namesOrIds)
        {
            var category = Resolve(categories, nameOrId, problems);
            if (category is null)
            {
                continue;
            }

            if (!category.AllowSubscription)
            {
                problems.Add($"'{category.Name}' ({category.UniqueId}, {category.Type}) cannot be subscribed: ConfigMgr reports "
                    + "AllowSubscription = false for it. Subscribe to its products or classifications instead, or check that "
                    + "the WSUS metadata that offers it was imported.");
                continue;
            }

            if (!chosen.Any(c => string.Equals(c.UniqueId, category.UniqueId, StringComparison.OrdinalIgnoreCase)))
            {
                chosen.Add(category);
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigMgrException(ConfigMgrFailure.CategoryNotSubscribable,
                $"Nothing was subscribed on site {site.SiteCode} ({site.ProviderServer}):" + Environment.NewLine + "  "
                + string.Join(Environment.NewLine + "  ", problems) + Environment.NewLine
                + "Run 'cmdsync categories list' to see the names and unique ids.");
        }

        var toSubscribe = chosen.Where(c => !c.IsSubscribed).ToList();
        var already = chosen.Where(c => c.IsSubscribed).ToList();
        if (toSubscribe.Count > 0)
        {
            await site.SubscribeAsync(toSubscribe.Select(c => c.UniqueId).ToList(), cancellationToken).ConfigureAwait(false);
        }

        _logger.Information("Subscribed site {SiteCode} to {Subscribed}; already subscribed: {Already}",
            site.SiteCode, toSubscribe.Select(c => c.Name).ToList(), already.Select(c => c.Name).ToList());
        return new SubscriptionResult(toSubscribe, already);
    }

    private static UpdateCategory? Resolve(IReadOnlyList<UpdateCategory> categories, string nameOrId, List<string> problems)
    {
        var byId = categories.FirstOrDefault(c => string.Equals(c.UniqueId, nameOrId, StringComparison.OrdinalIgnoreCase));
        if (byId is not null)
        {
            return byId;
        }

        var byName = categories.Where(c => string.Equals(c.Name, nameOrId, StringComparison.OrdinalIgnoreCase)).ToList();
        switch (byName.Count)
        {
            case 1:
                return byName[0];
            case 0:
                problems.Add($"'{nameOrId}' matches no product, classification or company name or unique id on the site.");
                return null;
            default:
                problems.Add($"'{nameOrId}' matches {byName.Count} categories; name one by unique id: "
                    + string.Join(", ", byName.Select(c => $"{c.UniqueId} ({c.Type})")) + ".");
                return null;
        }
    }
}
