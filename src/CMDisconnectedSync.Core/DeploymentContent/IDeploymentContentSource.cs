using System.Globalization;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// Where the export side gets a requested file from (issue 18, carry): given one request entry and a destination path,
/// produce the complete file there or throw <see cref="DeploymentContentUnavailableException"/>. Implementations: a
/// folder of files already on the export server (<see cref="FolderContentSource"/>; the lab's pre-provided folder) and
/// the HTTP downloader (Range/resume/retries, built separately), tried in that order by the export.
/// </summary>
public interface IDeploymentContentSource
{
    /// <summary>
    /// Writes <paramref name="file"/> to <paramref name="destinationPath"/> (nothing under that name until it is complete
    /// and its size is <see cref="ContentRequestFile.FileSize"/>), reporting bytes written to <paramref name="progress"/>.
    /// Microsoft's digest (<see cref="ContentRequestFile.FileHash"/>) is checked by the caller before the file enters the bundle.
    /// </summary>
    /// <exception cref="DeploymentContentUnavailableException">This source cannot produce the file (and why).</exception>
    Task<CopiedFile> ProduceAsync(ContentRequestFile file, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken);
}

/// <summary>Why a content source could not produce a file.</summary>
public enum DeploymentContentProblem
{
    /// <summary>The source does not have it (another source may).</summary>
    NotFound,

    /// <summary>The source has a file of that name but another size.</summary>
    SizeMismatch,

    /// <summary>The bytes do not match Microsoft's digest.</summary>
    DigestMismatch,

    /// <summary>The transfer failed (network, server, disk).</summary>
    TransferFailed,
}

/// <summary>A source could not produce a requested file; the message names the update, the file and, where one exists, the URL.</summary>
public sealed class DeploymentContentUnavailableException : Exception
{
    public DeploymentContentUnavailableException(ContentRequestFile file, DeploymentContentProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        File = file;
        Problem = problem;
    }

    public DeploymentContentUnavailableException()
        : this("A deployment content file is unavailable.")
    {
    }

    public DeploymentContentUnavailableException(string message)
        : base(message)
    {
    }

    public DeploymentContentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ContentRequestFile? File { get; }

    public DeploymentContentProblem Problem { get; }

    /// <summary>"KB5005565 (content 1001) windows10.0-kb5005565-x64.cab" for messages.</summary>
    public static string Describe(ContentRequestFile file)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        var update = string.IsNullOrEmpty(file.ArticleId) ? file.Title : "KB" + file.ArticleId;
        return string.Format(CultureInfo.InvariantCulture, "{0} (content {1}) {2}", update, file.ContentId, file.FileName);
    }
}

/// <summary>
/// Takes requested files from folders already on this server: each locator names where a file would be (e.g.
/// <see cref="ContentIdFolder"/>: <c>&lt;root&gt;/&lt;ContentID&gt;/&lt;FileName&gt;</c>, the lab's pre-provided folder;
/// a WsusContent locator derived from the file's digest plugs in the same way). A candidate counts only with the
/// requested size; it is copied with its SHA-256 computed on the way, to a partial name first.
/// </summary>
public sealed class FolderContentSource : IDeploymentContentSource
{
    private readonly IReadOnlyList<Func<ContentRequestFile, string?>> _locators;

    public FolderContentSource(IEnumerable<Func<ContentRequestFile, string?>> locators)
    {
        _locators = (locators ?? throw new ArgumentNullException(nameof(locators))).ToList();
    }

    /// <summary><c>&lt;root&gt;/&lt;ContentID&gt;/&lt;FileName&gt;</c>.</summary>
    public static Func<ContentRequestFile, string?> ContentIdFolder(string root) =>
        file => Path.Combine(root, ContentRequestSerializer.ContentRelativePath(file).Replace('/', Path.DirectorySeparatorChar));

    /// <summary><c>&lt;root&gt;/&lt;FileName&gt;</c> (a flat folder of downloaded files).</summary>
    public static Func<ContentRequestFile, string?> Flat(string root) =>
        file => Path.Combine(root, file.FileName.Replace('/', Path.DirectorySeparatorChar));

    public async Task<CopiedFile> ProduceAsync(ContentRequestFile file, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        string? wrongSize = null;
        foreach (var locate in _locators)
        {
            var candidate = locate(file);
            if (candidate is null || RegularFile.KindOf(candidate) != FileKind.Regular)
            {
                continue;
            }

            var length = new FileInfo(candidate).Length;
            if (length != file.FileSize)
            {
                wrongSize ??= string.Format(CultureInfo.InvariantCulture, "{0} is {1:N0} bytes, not {2:N0}", candidate, length, file.FileSize);
                continue;
            }

            var copied = await HashingFileCopier.CopyAsync(candidate, destinationPath, null, progress, cancellationToken).ConfigureAwait(false);
            if (copied.Length != file.FileSize)
            {
                File.Delete(destinationPath);
                throw new DeploymentContentUnavailableException(file, DeploymentContentProblem.SizeMismatch,
                    $"{DeploymentContentUnavailableException.Describe(file)} changed while it was copied from {candidate}.");
            }

            return copied;
        }

        throw wrongSize is null
            ? new DeploymentContentUnavailableException(file, DeploymentContentProblem.NotFound, $"{DeploymentContentUnavailableException.Describe(file)} is not in the local content folders.")
            : new DeploymentContentUnavailableException(file, DeploymentContentProblem.SizeMismatch, $"{DeploymentContentUnavailableException.Describe(file)}: {wrongSize}.");
    }
}
