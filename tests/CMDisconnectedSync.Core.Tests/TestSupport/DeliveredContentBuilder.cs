using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Testing.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// Deployment content as a verified bundle delivers it, built from real files: each file is written under
/// <c>&lt;folder&gt;/deployment-content/&lt;ContentID&gt;/&lt;FileName&gt;</c>, its request entry carries the site's size
/// and Microsoft's digest (<c>SHA1:</c> + hex of the bytes), and its <see cref="DeliveredContentFile.Sha256"/> is the
/// SHA-256 of the bytes on disk (what a verified manifest states). A poisoned file is one whose bytes are not what
/// Microsoft published (another FileHash) while the bundle's SHA-256 still matches them: the case only the second anchor
/// catches. The site's request lists the files marked requested; <see cref="RegisterUpdatesIn"/> makes the site know
/// their updates.
/// </summary>
internal sealed class DeliveredContentBuilder(string folder, string siteCode = "PS1")
{
    private readonly List<(ContentRequestFile Entry, DeliveredContentFile Delivered, bool Requested)> _files = [];

    public string RequestId { get; } = "5e1ab0000000400080000000000000" + "18";

    /// <summary>The update GUID the site lists for <paramref name="ciId"/> (as <see cref="InMemoryContentCatalog.WithUpdate"/> makes it).</summary>
    public static string UniqueIdOf(int ciId) => $"00000000-0000-0000-0000-{ciId:000000000000}";

    public DeliveredContentBuilder WithFile(int ciId, uint contentId, string fileName, string text, bool requested = true, bool poisoned = false) =>
        WithFile(ciId, contentId, fileName, Encoding.UTF8.GetBytes(text), requested, poisoned);

    public DeliveredContentBuilder WithFile(int ciId, uint contentId, string fileName, byte[] bytes, bool requested = true, bool poisoned = false)
    {
        var published = poisoned ? bytes.Concat(Encoding.UTF8.GetBytes(" as Microsoft published it")).ToArray() : bytes;
        var entry = new ContentRequestFile
        {
            CiUniqueId = UniqueIdOf(ciId),
            CiId = ciId,
            ArticleId = "50" + ciId.ToString(CultureInfo.InvariantCulture).Remove(0, 4),
            Title = "Update " + ciId.ToString(CultureInfo.InvariantCulture),
            ContentId = contentId,
            FileName = fileName,
            FileSize = bytes.Length,
            SourceUrl = "http://download.windowsupdate.com/d/msdownload/update/software/secu/2026/12/" + fileName,
            LanguageId = 0,
            FileHash = "SHA1:" + Sha1Hex(published),
        };
        var path = Path.Combine(folder, ContentRequestSerializer.BundleRelativePath(entry).Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        _files.Add((entry, new DeliveredContentFile(entry, path, Sha256Hex.OfBytes(bytes)), requested));
        return this;
    }

    /// <summary>What the bundle delivers (every file added).</summary>
    public IReadOnlyList<DeliveredContentFile> Delivered => _files.Select(f => f.Delivered).ToList();

    /// <summary>The request this site wrote: the files marked requested.</summary>
    public ContentRequest Request => new()
    {
        FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
        RequestId = RequestId,
        SiteCode = siteCode,
        CreatedAtUtc = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        Selection = new ContentSelection { Groups = ["Patch Tuesday 2026-12"] },
        Files = _files.Where(f => f.Requested).Select(f => f.Entry).ToList(),
    };

    /// <summary>Writes <see cref="Request"/> as 'cmdsync content request' does; returns the path.</summary>
    public string WriteRequest(string path)
    {
        File.WriteAllBytes(path, ContentRequestSerializer.Serialize(Request));
        return path;
    }

    /// <summary>Makes the site know the updates of the files (except <paramref name="unknown"/>).</summary>
    public InMemoryContentCatalog RegisterUpdatesIn(InMemoryContentCatalog catalog, params int[] unknown)
    {
        foreach (var entry in _files.Select(f => f.Entry).GroupBy(e => e.CiId).Select(g => g.First()).Where(e => !unknown.Contains(e.CiId)))
        {
            catalog.WithUpdate(entry.CiId, entry.ArticleId, entry.Title);
        }

        return catalog;
    }

    private static string Sha1Hex(byte[] bytes)
    {
#pragma warning disable CA5350 // Microsoft's FileHash is SHA-1; the test computes what the site lists.
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
#pragma warning restore CA5350
        sha1.AppendData(bytes);
        return Sha256Hex.Format(sha1.GetHashAndReset()).ToUpperInvariant();
    }
}
