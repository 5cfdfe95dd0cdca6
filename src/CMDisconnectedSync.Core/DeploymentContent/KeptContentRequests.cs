using System.Globalization;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The content requests this site wrote, kept in its state folder (<c>content-requests\&lt;RequestId&gt;.json</c>):
/// on import, deployment content is checked against the site's own copy, never against a request that travelled on the
/// media (which whoever carried the media could have edited). The state folder is protected (SYSTEM and
/// Administrators), so the copy is as trustworthy as the rest of the state.
/// </summary>
public static class KeptContentRequests
{
    /// <summary>The folder under the state folder.</summary>
    public const string FolderName = "content-requests";

    /// <summary>Where the request <paramref name="requestId"/> is kept in <paramref name="stateFolder"/>.</summary>
    public static string PathFor(string stateFolder, string requestId)
    {
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        _ = requestId ?? throw new ArgumentNullException(nameof(requestId));
        return Path.Combine(stateFolder, FolderName, requestId.ToLowerInvariant() + ".json");
    }

    /// <summary>Keeps a copy of <paramref name="request"/> (the same canonical bytes as the file the admin carries); returns its path.</summary>
    public static async Task<string> KeepAsync(string stateFolder, ContentRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var path = PathFor(stateFolder, request.RequestId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await ContentRequestSerializer.WriteFileAsync(path, request, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>
    /// The kept request <paramref name="requestId"/> (the id a bundle's manifest names); throws
    /// <see cref="ContentRequestFormatException"/> saying what to do when this state folder has none.
    /// </summary>
    public static ContentRequest Load(string stateFolder, string requestId)
    {
        _ = requestId ?? throw new ArgumentNullException(nameof(requestId));
        if (requestId.Length != 32 || !requestId.All(Uri.IsHexDigit))
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Malformed, requestId,
                string.Format(CultureInfo.InvariantCulture, "The bundle names content request '{0}', which is not a request id (32 hex digits). The bundle's deployment content cannot be matched to a request of this site; nothing was added.", requestId));
        }

        var path = PathFor(stateFolder, requestId);
        if (!File.Exists(path))
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Unreadable, path,
                $"This server has no content request {requestId} in {Path.GetDirectoryName(path)}: the bundle answers a request written with another --state or on another server. "
                + "Run the import where 'cmdsync content request' ran, or give that request file with --content-request <file>. Nothing was added.");
        }

        return ContentRequestSerializer.ReadFile(path);
    }
}
