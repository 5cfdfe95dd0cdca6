using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The one way content requests become bytes and back. Canonical like the manifest (files sorted by content ID then
/// file name, languages and selection sorted, compact JSON, UTC timestamp), so the same request gives the same bytes
/// and its SHA-256 can name it in the bundle that answers it. Reading treats the file as hostile: only a plain file
/// within <see cref="MaxRequestBytes"/>, every value checked, and every refusal names the file and the fix.
/// </summary>
public static class ContentRequestSerializer
{
    /// <summary>The format this build writes.</summary>
    public const string CurrentFormatVersion = "1.0";

    /// <summary>The only major version this build reads; any minor of it is accepted (new fields are ignored).</summary>
    public const int SupportedMajorVersion = 1;

    /// <summary>
    /// The largest request read (64 MiB). A file entry (GUID, title, URL, hash) serializes to about 500 bytes
    /// (ContentRequestSerializerTests pins the figure), so the cap holds over 100,000 files: every file of every
    /// update a large site requires, several times over.
    /// </summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>The most files one request may list.</summary>
    public const int MaxFiles = 100_000;

    /// <summary>Longest <c>FileHash</c> kept: a base64 SHA-256 is 44 characters, hex 64; anything near this is not a digest.</summary>
    public const int MaxFileHashLength = 512;

    /// <summary>Longest text field (title, URL, CI_UniqueID) accepted.</summary>
    public const int MaxTextLength = 4096;

    /// <summary>The bundle folder deployment content travels in (issue 18: <c>deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>).</summary>
    public const string BundleFolder = "deployment-content";

    private static readonly BundlePathValidator PathValidator = new();

    /// <summary>Bundle-relative path (with <c>/</c>) of <paramref name="file"/>: <c>deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>.</summary>
    public static string BundleRelativePath(ContentRequestFile file)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        return BundleFolder + "/" + ContentRelativePath(file);
    }

    /// <summary><c>&lt;ContentID&gt;/&lt;FileName&gt;</c>: where the file lands under a package source folder.</summary>
    public static string ContentRelativePath(ContentRequestFile file)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        return file.ContentId.ToString(CultureInfo.InvariantCulture) + "/" + file.FileName;
    }

    public static byte[] Serialize(ContentRequest request)
    {
        var canonical = Canonicalize(request);
        Validate(canonical, "the request being written");
        return JsonSerializer.SerializeToUtf8Bytes(canonical, DeploymentContentJsonContext.Default.ContentRequest);
    }

    /// <summary>Returns the request with every collection in canonical order (what <see cref="Serialize"/> writes).</summary>
    public static ContentRequest Canonicalize(ContentRequest request)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        return request with
        {
            Languages = (request.Languages ?? []).Distinct().OrderBy(l => l).ToList(),
            Selection = request.Selection is null ? null! : request.Selection with
            {
                Groups = (request.Selection.Groups ?? []).OrderBy(g => g, StringComparer.Ordinal).ToList(),
                Updates = (request.Selection.Updates ?? []).OrderBy(u => u, StringComparer.Ordinal).ToList(),
            },
            Files = request.Files is null ? null! : request.Files
                .OrderBy(f => f?.ContentId ?? 0)
                .ThenBy(f => f?.FileName, StringComparer.Ordinal)
                .ToList(),
        };
    }

    /// <summary>Writes <paramref name="request"/> to <paramref name="path"/> atomically (old bytes or new, never a mix).</summary>
    public static Task WriteFileAsync(string path, ContentRequest request, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllBytesAsync(path, Serialize(request), cancellationToken);

    /// <summary>Reads and validates the request at <paramref name="path"/>; throws <see cref="ContentRequestFormatException"/> naming it.</summary>
    public static ContentRequest ReadFile(string path) => ReadFile(path, out _);

    /// <summary>As <see cref="ReadFile(string)"/>, also returning the SHA-256 of the exact bytes read.</summary>
    public static ContentRequest ReadFile(string path, out string sha256)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        byte[] bytes;
        try
        {
            bytes = RegularFile.ReadAllBytes(path, MaxRequestBytes);
        }
        catch (RegularFileException ex)
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Unreadable, path,
                $"{ex.Message} cmdsync reads a content request only from a plain file of at most {MaxRequestBytes / (1024 * 1024)} MiB. Write it again with 'cmdsync content request --out <file>' on the disconnected site.", ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Unreadable, path,
                $"The content request '{path}' does not exist. Write it with 'cmdsync content request --out <file>' on the disconnected site and copy it here.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Unreadable, path,
                $"The content request '{path}' cannot be read ({ex.Message}). Check that it is not locked and that this account may read it.", ex);
        }

        sha256 = Sha256Hex.OfBytes(bytes);
        return Deserialize(bytes, path);
    }

    /// <summary>Parses and validates request bytes; <paramref name="sourceName"/> names the file in errors.</summary>
    public static ContentRequest Deserialize(byte[] utf8Json, string sourceName)
    {
        _ = utf8Json ?? throw new ArgumentNullException(nameof(utf8Json));
        if (utf8Json.LongLength > MaxRequestBytes)
        {
            throw new ContentRequestFormatException(ContentRequestProblem.Unreadable, sourceName,
                $"The content request '{sourceName}' is {utf8Json.LongLength:N0} bytes, more than the {MaxRequestBytes:N0} cmdsync reads.");
        }

        RequestVersionProbe? probe;
        try
        {
            probe = JsonSerializer.Deserialize(utf8Json, DeploymentContentJsonContext.Default.RequestVersionProbe);
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex.Message, ex);
        }

        EnsureSupportedVersion(probe?.FormatVersion, sourceName);
        ContentRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(utf8Json, DeploymentContentJsonContext.Default.ContentRequest);
        }
        catch (JsonException ex)
        {
            throw Malformed(sourceName, ex.Message, ex);
        }

        if (request is null)
        {
            throw Malformed(sourceName, "it holds 'null' instead of a request");
        }

        var canonical = Canonicalize(request);
        Validate(canonical, sourceName);
        return canonical;
    }

    private static void EnsureSupportedVersion(string? formatVersion, string sourceName)
    {
        if (string.IsNullOrEmpty(formatVersion))
        {
            throw Malformed(sourceName, "it has no formatVersion; it is not a cmdsync content request, or it was truncated or edited");
        }

        var dot = formatVersion!.IndexOf('.');
        var majorText = dot < 0 ? formatVersion : formatVersion.Substring(0, dot);
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            throw Malformed(sourceName, $"formatVersion '{formatVersion}' is not of the form major.minor");
        }

        if (major != SupportedMajorVersion)
        {
            throw new ContentRequestFormatException(ContentRequestProblem.UnsupportedVersion, sourceName,
                $"The content request '{sourceName}' uses format version {formatVersion}; this cmdsync reads only {SupportedMajorVersion}.x. "
                + "Use the same cmdsync version on both sides, or write the request again with this version.");
        }
    }

    private static ContentRequestFormatException Malformed(string sourceName, string what, Exception? inner = null) =>
        new(ContentRequestProblem.Malformed, sourceName,
            $"The content request '{sourceName}' is not valid: {what}. Write it again with 'cmdsync content request' on the disconnected site; do not edit it by hand.",
            inner);

    private static void Validate(ContentRequest request, string sourceName)
    {
        void Require(bool condition, string what)
        {
            if (!condition)
            {
                throw Malformed(sourceName, what);
            }
        }

        Require(IsHex32(request.RequestId), "requestId is not 32 hex digits");
        Require(IsSiteCode(request.SiteCode), "siteCode is not 1 to 8 letters or digits");
        Require(request.Selection is not null, "selection is missing");
        Require(request.Selection!.Groups.All(g => g is not null && g.Length <= MaxTextLength), "a selection group is null or too long");
        Require(request.Selection.Updates.All(u => u is not null && u.Length <= MaxTextLength), "a selection update is null or too long");
        Require(request.Files is not null, "files is missing");
        Require(request.Files!.Count <= MaxFiles,
            string.Format(CultureInfo.InvariantCulture, "it lists {0:N0} files, more than the {1:N0} cmdsync accepts in one request", request.Files.Count, MaxFiles));

        var total = 0L;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in request.Files)
        {
            Require(file is not null, "a file entry is null");
            var name = file!.FileName ?? string.Empty;
            var label = string.Format(CultureInfo.InvariantCulture, "content {0} file '{1}'", file.ContentId, name);
            Require(file.ContentId > 0, $"{label} has content ID 0");
            Require(!string.IsNullOrWhiteSpace(file.FileName), $"content {file.ContentId} has a file without a name");
            var violation = PathValidator.Check(BundleRelativePath(file));
            Require(violation is null, $"{label} cannot be stored safely ({violation?.Detail})");
            Require(seen.Add(ContentRelativePath(file)), $"{label} is listed twice");
            Require(!string.IsNullOrWhiteSpace(file.CiUniqueId) && file.CiUniqueId.Length <= MaxTextLength, $"{label} has no ciUniqueId");
            Require(file.CiId > 0, $"{label} has ciId {file.CiId}; CI_IDs are positive");
            Require(file.Title is not null && file.Title.Length <= MaxTextLength, $"{label} has no title");
            Require(file.ArticleId is not null && file.ArticleId.Length <= MaxTextLength, $"{label} has a null or too long articleId");
            Require(file.FileSize >= 0, $"{label} has a negative size");
            Require(file.FileSize <= long.MaxValue - total, "the file sizes add up to more than any disk holds");
            total += file.FileSize;
            Require(IsHttpUrl(file.SourceUrl), $"{label} has sourceUrl '{Shorten(file.SourceUrl)}', which is not an absolute http or https URL without user name or password");
            Require(!string.IsNullOrWhiteSpace(file.FileHash) && file.FileHash.Length <= MaxFileHashLength, $"{label} has no fileHash (or one longer than {MaxFileHashLength} characters)");
        }
    }

    private static bool IsHttpUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text!.Length > MaxTextLength || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0 && uri.Host.Length > 0;
    }

    private static bool IsHex32(string? text) =>
        text is { Length: 32 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F'));

    private static bool IsSiteCode(string? text) =>
        text is { Length: >= 1 and <= 8 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'));

    private static string Shorten(string? text) =>
        text is null ? "(null)" : text.Length <= 120 ? text : text.Remove(120) + "…";
}

/// <summary>Source-generated JSON metadata for the deployment-content documents (same options as the bundle's).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ContentRequest))]
[JsonSerializable(typeof(RequestVersionProbe))]
internal sealed partial class DeploymentContentJsonContext : JsonSerializerContext
{
}

/// <summary>Reads only <c>formatVersion</c>, so an unknown major is reported before the rest is interpreted.</summary>
internal sealed record RequestVersionProbe(string? FormatVersion);
