using System.Globalization;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// Builds a <see cref="ContentRequest"/> from the site's own view (the Service Connection Tool pattern: prepare offline,
/// carry, import): resolve the selection to updates, read their content files, leave out content already in a deployment
/// package and files in languages not asked for. Reads only; writes nothing to the site.
/// </summary>
public sealed class ContentRequestBuilder
{
    /// <summary>Prefix that marks a CI_ID in <see cref="ContentSelection.Updates"/> (<c>CI:16777300</c>); anything else is a KB article.</summary>
    public const string CiIdPrefix = "CI:";

    private readonly IDeploymentContentCatalog _catalog;
    private readonly TimeProvider _clock;

    public ContentRequestBuilder(IDeploymentContentCatalog catalog, TimeProvider clock)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>
    /// Resolves <paramref name="selection"/> on the site and returns the request with what was left out and why.
    /// Throws <see cref="ContentSelectionException"/> naming every group or update the site does not have.
    /// </summary>
    /// <param name="siteCode">The site code written into the request.</param>
    /// <param name="selection">Groups, required updates and/or single updates.</param>
    /// <param name="languages">LCIDs to keep; empty keeps every language. Language-neutral files (0 or none) are always kept.</param>
    /// <param name="cancellationToken">Cancels between provider calls.</param>
    public async Task<ContentRequestPlan> BuildAsync(string siteCode, ContentSelection selection, IReadOnlyCollection<uint> languages, CancellationToken cancellationToken)
    {
        _ = selection ?? throw new ArgumentNullException(nameof(selection));
        _ = languages ?? throw new ArgumentNullException(nameof(languages));
        if (selection.Groups.Count == 0 && !selection.Required && selection.Updates.Count == 0)
        {
            throw new ArgumentException("Choose updates: one or more groups, the required updates, or single updates.", nameof(selection));
        }

        var updates = new Dictionary<int, SiteSoftwareUpdate>();
        var unknown = new List<string>();
        var groupMembers = new List<int>();

        if (selection.Groups.Count > 0)
        {
            var groups = await _catalog.GetSoftwareUpdateGroupsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var name in selection.Groups)
            {
                // "CI:16777400" names a group by its CI_ID (what the console's row action passes: unambiguous and not
                // localized, unlike LocalizedDisplayName); a group whose name is literally that text still matches by name.
                var byId = TryParseCiId(name, out var groupCiId);
                var matches = groups.Where(g => (byId && g.CiId == groupCiId) || string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    unknown.Add($"software update group '{name}'");
                }

                groupMembers.AddRange(matches.SelectMany(g => g.UpdateCiIds));
            }
        }

        var ciIds = new List<int>(groupMembers);
        var articles = new List<string>();
        foreach (var token in selection.Updates)
        {
            if (TryParseCiId(token, out var ciId))
            {
                ciIds.Add(ciId);
            }
            else if (TryParseArticle(token, out var article))
            {
                articles.Add(article);
            }
            else
            {
                unknown.Add($"update '{token}' (write a KB article as KB5005565 and a CI_ID as {CiIdPrefix}16777300)");
            }
        }

        if (ciIds.Count > 0)
        {
            foreach (var update in await _catalog.GetUpdatesByCiIdAsync(ciIds.Distinct().ToList(), cancellationToken).ConfigureAwait(false))
            {
                updates[update.CiId] = update;
            }

            unknown.AddRange(selection.Updates
                .Where(t => TryParseCiId(t, out var id) && !updates.ContainsKey(id))
                .Select(t => $"update '{t}'"));
        }

        if (articles.Count > 0)
        {
            var found = await _catalog.GetUpdatesByArticleIdAsync(articles.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var update in found)
            {
                updates[update.CiId] = update;
            }

            unknown.AddRange(selection.Updates
                .Where(t => !TryParseCiId(t, out _) && TryParseArticle(t, out var a) && !found.Any(u => string.Equals(u.ArticleId, a, StringComparison.OrdinalIgnoreCase)))
                .Select(t => $"update '{t}'"));
        }

        if (unknown.Count > 0)
        {
            throw new ContentSelectionException(unknown);
        }

        if (selection.Required)
        {
            foreach (var update in await _catalog.GetRequiredUpdatesAsync(cancellationToken).ConfigureAwait(false))
            {
                updates[update.CiId] = update;
            }
        }

        var expired = updates.Values.Where(u => u.IsExpired).OrderBy(u => u.CiId).ToList();
        var chosen = updates.Values.Where(u => !u.IsExpired).ToDictionary(u => u.CiId);
        var files = chosen.Count == 0
            ? []
            : await _catalog.GetContentFilesAsync(chosen.Keys.ToList(), cancellationToken).ConfigureAwait(false);
        var withContent = new HashSet<int>(files.Select(f => f.CiId));

        var contentIds = files.Select(f => f.ContentId).Distinct().ToList();
        var inPackages = contentIds.Count == 0
            ? new HashSet<uint>()
            : new HashSet<uint>(await _catalog.GetContentIdsInPackagesAsync(contentIds, cancellationToken).ConfigureAwait(false));

        var languageSet = new HashSet<uint>(languages);
        var skippedByLanguage = 0;
        var requested = new List<ContentRequestFile>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.OrderBy(f => f.ContentId).ThenBy(f => f.FileName, StringComparer.Ordinal).ThenBy(f => f.CiId))
        {
            if (inPackages.Contains(file.ContentId) || !chosen.TryGetValue(file.CiId, out var update))
            {
                continue;
            }

            if (languageSet.Count > 0 && file.LanguageId is { } language && language != 0 && !languageSet.Contains(language))
            {
                skippedByLanguage++;
                continue;
            }

            // One content can belong to several updates (SMS_CIToContent is a relation): request its files once.
            if (!seen.Add(file.ContentId.ToString(CultureInfo.InvariantCulture) + "/" + file.FileName))
            {
                continue;
            }

            requested.Add(new ContentRequestFile
            {
                CiUniqueId = update.UniqueId,
                CiId = update.CiId,
                ArticleId = update.ArticleId,
                Title = update.Title,
                ContentId = file.ContentId,
                FileName = file.FileName,
                FileSize = file.FileSize,
                SourceUrl = file.SourceUrl,
                LanguageId = file.LanguageId,
                FileHash = file.FileHash,
            });
        }

        var request = ContentRequestSerializer.Canonicalize(new ContentRequest
        {
            FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
            RequestId = Guid.NewGuid().ToString("N"),
            SiteCode = siteCode,
            CreatedAtUtc = _clock.GetUtcNow(),
            Selection = selection,
            Languages = languageSet.ToList(),
            Files = requested,
        });

        return new ContentRequestPlan(
            request,
            chosen.Count,
            inPackages.Count,
            skippedByLanguage,
            expired.Select(u => Describe(u)).ToList(),
            chosen.Values.Where(u => !withContent.Contains(u.CiId)).OrderBy(u => u.CiId).Select(u => Describe(u)).ToList());
    }

    /// <summary>"KB5005565: title" or the title alone.</summary>
    public static string Describe(SiteSoftwareUpdate update)
    {
        _ = update ?? throw new ArgumentNullException(nameof(update));
        return string.IsNullOrEmpty(update.ArticleId) ? update.Title : $"KB{update.ArticleId}: {update.Title}";
    }

    internal static bool TryParseCiId(string token, out int ciId)
    {
        ciId = 0;
        return token is not null
            && token.StartsWith(CiIdPrefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(token.Remove(0, CiIdPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out ciId)
            && ciId > 0;
    }

    internal static bool TryParseArticle(string token, out string article)
    {
        article = string.Empty;
        if (token is null)
        {
            return false;
        }

        var digits = token.StartsWith("KB", StringComparison.OrdinalIgnoreCase) ? token.Substring(2) : token;
        if (digits.Length is 0 or > 10 || !digits.All(c => c is >= '0' and <= '9'))
        {
            return false;
        }

        article = digits;
        return true;
    }
}

/// <summary>A built request and what was left out of it.</summary>
/// <param name="Request">The request (canonical; not yet written).</param>
/// <param name="UpdateCount">Updates selected (expired ones excluded).</param>
/// <param name="ContentsAlreadyInPackages">Contents left out because a deployment package already holds them.</param>
/// <param name="FilesSkippedByLanguage">Files left out because their language was not asked for.</param>
/// <param name="ExpiredUpdates">Selected updates left out because Microsoft expired them.</param>
/// <param name="UpdatesWithoutContent">Selected updates the site lists no content files for.</param>
public sealed record ContentRequestPlan(
    ContentRequest Request,
    int UpdateCount,
    int ContentsAlreadyInPackages,
    int FilesSkippedByLanguage,
    IReadOnlyList<string> ExpiredUpdates,
    IReadOnlyList<string> UpdatesWithoutContent)
{
    public long TotalBytes => Request.Files.Sum(f => f.FileSize);
}

/// <summary>Groups or updates named in a content request selection that the site does not have.</summary>
public sealed class ContentSelectionException : Exception
{
    public ContentSelectionException(IReadOnlyList<string> unknown)
        : base("The site does not have " + string.Join(", ", unknown ?? []) + ". "
            + "Check the names in the console (Software Library > Software Updates > Software Update Groups / All Software Updates) and that the last synchronization succeeded.")
    {
        Unknown = unknown ?? [];
    }

    public ContentSelectionException()
        : this([])
    {
    }

    public ContentSelectionException(string message)
        : base(message)
    {
        Unknown = [];
    }

    public ContentSelectionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Unknown = [];
    }

    public IReadOnlyList<string> Unknown { get; }
}
