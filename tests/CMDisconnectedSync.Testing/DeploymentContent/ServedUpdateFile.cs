using System.Globalization;
using System.Security.Cryptography;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Testing.DeploymentContent;

/// <summary>
/// An update file as a download server serves it (written under the server's root at <c>&lt;ContentID&gt;/&lt;name&gt;</c>)
/// and the request entry a site would list for it, with Microsoft's FileHash in the SMS Provider's <c>SHA1:&lt;HEX&gt;</c>
/// form (<see cref="MicrosoftFileDigest"/> cites where that form comes from).
/// </summary>
/// <param name="File">The request entry.</param>
/// <param name="Bytes">The bytes served.</param>
/// <param name="Relative">The path under the server's root (and under <c>deployment-content/</c> in a bundle).</param>
public sealed record ServedUpdateFile(ContentRequestFile File, byte[] Bytes, string Relative)
{
    /// <summary>
    /// Writes <paramref name="size"/> seeded bytes under <paramref name="servedRoot"/> and lists them as
    /// <paramref name="urlOf"/> serves them; the FileHash is the SHA-1 of the real bytes unless <paramref name="hashOf"/>
    /// says otherwise (a site listing a digest the download does not have).
    /// </summary>
    public static ServedUpdateFile Write(string servedRoot, Func<string, Uri> urlOf, uint contentId, string name, int size, string article, byte[]? hashOf = null)
    {
        _ = urlOf ?? throw new ArgumentNullException(nameof(urlOf));
        var bytes = new byte[size];
        new Random((int)contentId).NextBytes(bytes);
        var relative = contentId.ToString(CultureInfo.InvariantCulture) + "/" + name;
        var path = Path.Combine(servedRoot, contentId.ToString(CultureInfo.InvariantCulture), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
#pragma warning disable CA5350 // SHA-1 is what Microsoft's FileHash carries; compared, not relied on for security here.
        var sha1 = SHA1.HashData(hashOf ?? bytes);
#pragma warning restore CA5350
        return new ServedUpdateFile(new ContentRequestFile
        {
            CiUniqueId = Guid.NewGuid().ToString(),
            CiId = 16777300 + (int)contentId,
            ArticleId = article,
            Title = "Update KB" + article,
            ContentId = contentId,
            FileName = name,
            FileSize = size,
            SourceUrl = urlOf(relative).ToString(),
            LanguageId = 0,
            FileHash = "SHA1:" + Convert.ToHexString(sha1),
        }, bytes, relative);
    }

    /// <summary>Writes request <paramref name="requestId"/> of site <c>PS1</c> listing <paramref name="files"/> to <paramref name="path"/>; returns the path.</summary>
    public static string WriteRequest(string path, string requestId, ContentSelection selection, DateTimeOffset createdAtUtc, params ServedUpdateFile[] files)
    {
        System.IO.File.WriteAllBytes(path, ContentRequestSerializer.Serialize(new ContentRequest
        {
            FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
            RequestId = requestId,
            SiteCode = "PS1",
            CreatedAtUtc = createdAtUtc,
            Selection = selection,
            Files = files.Select(f => f.File).ToList(),
        }));
        return path;
    }
}
