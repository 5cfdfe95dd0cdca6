using System.Globalization;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.State;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// The content request dialog's operations (issue 18): what <c>cmdsync content request</c> does, split into prepare
/// (read the site, write nothing) and save (write the request and keep its copy in the state folder, as the CLI does).
/// </summary>
public sealed partial class CoreOperations
{
    private readonly Dictionary<string, (string SiteCode, ContentRequestPlan Plan)> _preparedContentRequests = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<Ui.SoftwareUpdateGroupInfo>> GetSoftwareUpdateGroupsAsync(Ui.SiteTarget site, CancellationToken cancellationToken) =>
        WithSiteAsync<IReadOnlyList<Ui.SoftwareUpdateGroupInfo>>(site, async connected =>
        {
            var groups = await DeploymentContentCatalogs.Of(connected).GetSoftwareUpdateGroupsAsync(cancellationToken).ConfigureAwait(false);
            return groups.Select(g => new Ui.SoftwareUpdateGroupInfo(g.CiId, g.Name, g.UpdateCiIds.Count)).ToList();
        }, cancellationToken);

    public Task<Ui.ContentRequestDraft> PrepareContentRequestAsync(Ui.SiteTarget site, Ui.ContentRequestSelection selection, CancellationToken cancellationToken)
    {
        _ = selection ?? throw new ArgumentNullException(nameof(selection));
        return WithSiteAsync(site, async connected =>
        {
            // Groups travel by CI_ID (what the console row passes), as 'cmdsync content request --group-id' writes them.
            var chosen = new ContentSelection
            {
                Groups = selection.GroupIds.Select(id => ContentRequestBuilder.CiIdPrefix + id.ToString(CultureInfo.InvariantCulture)).ToList(),
                Required = selection.Required,
            };
            var plan = await new ContentRequestBuilder(DeploymentContentCatalogs.Of(connected), _setup.ImportSide.Clock)
                .BuildAsync(connected.SiteCode, chosen, [], cancellationToken).ConfigureAwait(false);
            lock (_preparedContentRequests)
            {
                _preparedContentRequests[plan.Request.RequestId] = (connected.SiteCode, plan);
            }

            return new Ui.ContentRequestDraft(
                plan.Request.RequestId,
                plan.Request.Files.Count,
                plan.TotalBytes,
                plan.UpdateCount,
                LeftOut(plan),
                SuggestedContentRequestPath(connected.SiteCode));
        }, cancellationToken);
    }

    public Task<Ui.SavedContentRequest> SaveContentRequestAsync(string requestId, string path, CancellationToken cancellationToken) =>
        OffTheCallersThread(async () =>
        {
            (string SiteCode, ContentRequestPlan Plan) prepared;
            lock (_preparedContentRequests)
            {
                if (!_preparedContentRequests.TryGetValue(requestId ?? string.Empty, out prepared))
                {
                    throw new InvalidOperationException($"Content request {requestId} was not prepared in this window; choose the updates again. Nothing was written.");
                }
            }

            if (string.IsNullOrWhiteSpace(path))
            {
                throw new ArgumentException("Choose where to write the request file, e.g. E:\\Transfer\\content-request.json on the transfer media.", nameof(path));
            }

            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                throw new ArgumentException($"'{path}' is not a file path this server can write ({ex.Message}). Choose the request file with Browse…; nothing was written.", nameof(path), ex);
            }

            var request = prepared.Plan.Request;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                await ContentRequestSerializer.WriteFileAsync(full, request, cancellationToken).ConfigureAwait(false);
            }
            catch (ContentRequestFormatException ex)
            {
                throw new InvalidOperationException($"Site {prepared.SiteCode} lists content cmdsync cannot carry safely: {ex.Message} Nothing was written.", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"Cannot write the content request '{full}': {ex.Message} Choose a writable folder (Browse…) and select Write request again.", ex);
            }

            string kept;
            var store = new DisconnectedStateStore(_setup.ImportStateFolder, _setup.ImportSide.Clock, _setup.ImportSide.StateFolders);
            try
            {
                // The import checks carried content against this copy, never against the file on the media.
                store.Protect();
                kept = await KeptContentRequests.KeepAsync(store.Folder, request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                File.Delete(full);
                throw;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StateFileException)
            {
                // Without the kept copy the import would refuse the answer: take the request back rather than let it travel.
                File.Delete(full);
                throw new IOException(
                    $"The request's copy could not be kept in the state folder {store.Folder} ({ex.Message}), so '{full}' was removed again: "
                    + "the import accepts only content a kept copy lists. Start the wizard with 'Run as administrator' (the state folder is "
                    + "Administrators-only) and write the request again.", ex);
            }

            _setup.ImportSide.Logger.Information(
                "Content request {RequestId} for site {SiteCode}: {Files} files, {Bytes} bytes, {Updates} updates, written to {Path}, kept in {Kept}",
                request.RequestId, prepared.SiteCode, request.Files.Count, prepared.Plan.TotalBytes, prepared.Plan.UpdateCount, full, kept);
            return new Ui.SavedContentRequest(full, kept, request.Files.Count, prepared.Plan.TotalBytes);
        }, cancellationToken);

    /// <summary>What the request leaves out and why, in the CLI's words.</summary>
    private static List<string> LeftOut(ContentRequestPlan plan)
    {
        var c = CultureInfo.CurrentCulture;
        var notes = new List<string>();
        if (plan.ContentsAlreadyInPackages > 0)
        {
            notes.Add(string.Format(c, "{0:N0} content(s) already in a deployment package.", plan.ContentsAlreadyInPackages));
        }

        notes.AddRange(plan.ExpiredUpdates.Select(u => "Expired (cannot be deployed): " + u));
        notes.AddRange(plan.UpdatesWithoutContent.Select(u => "No content files listed by the site: " + u));
        return notes;
    }

    /// <summary><c>&lt;folder&gt;\content-request-&lt;site&gt;-&lt;yyyyMMdd-HHmm&gt;.json</c>, in the backend's content request folder.</summary>
    private string SuggestedContentRequestPath(string siteCode) =>
        Path.Combine(
            _setup.ContentRequestFolder,
            string.Format(CultureInfo.InvariantCulture, "content-request-{0}-{1:yyyyMMdd-HHmm}.json", siteCode, _setup.ImportSide.Clock.GetLocalNow()));
}
