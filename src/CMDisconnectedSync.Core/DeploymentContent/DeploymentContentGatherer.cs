using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;
using Serilog;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The export's content step (issue 18, carry): brings every file a content request names into a staging folder
/// (<c>&lt;staging&gt;/&lt;ContentID&gt;/&lt;FileName&gt;</c>), each checked against Microsoft's size and digest
/// (<see cref="ContentRequestFile.FileHash"/>) before the bundle writer may take it. In order: a file already staged
/// with Microsoft's digest is kept (an interrupted export resumes without fetching it again); then the local sources
/// (<see cref="FolderContentSource"/>: a folder written by <c>cmdsync content fetch</c>, or laid out
/// <c>&lt;ContentID&gt;/&lt;FileName&gt;</c> or flat); then the downloader (the same one <c>content fetch</c> uses: it
/// copies what WsusContent holds with the same digest, resumes <c>.partial</c> files, retries, runs files in parallel).
/// A file whose bytes differ from Microsoft's digest is deleted and stops the export with
/// <see cref="MicrosoftDigestMismatchException"/> naming the update, the file and its URL.
/// </summary>
public sealed class DeploymentContentGatherer
{
    /// <summary>File in the staging folder listing what was gathered (request id, then SHA-256, size and bundle path per file).</summary>
    public const string GatheredListFileName = "gathered.txt";

    private readonly IReadOnlyList<(IDeploymentContentSource Source, string Where)> _localSources;
    private readonly Func<IDeploymentContentDownloader> _downloader;
    private readonly ILogger _logger;

    /// <param name="localSources">
    /// Tried in order before downloading, each with what names it in messages ("the folder D:\Content"); a source without
    /// the file (or with another size) passes it on.
    /// </param>
    /// <param name="downloader">Creates the downloader for what no local source had (disposed after use when disposable).</param>
    /// <param name="logger">Where each file's origin is logged.</param>
    public DeploymentContentGatherer(IReadOnlyList<(IDeploymentContentSource Source, string Where)> localSources, Func<IDeploymentContentDownloader> downloader, ILogger logger)
    {
        _localSources = localSources ?? throw new ArgumentNullException(nameof(localSources));
        _downloader = downloader ?? throw new ArgumentNullException(nameof(downloader));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Where <paramref name="file"/> is staged under <paramref name="stagingFolder"/>.</summary>
    public static string StagedPath(string stagingFolder, ContentRequestFile file) =>
        Path.Combine(stagingFolder, ContentRequestSerializer.ContentRelativePath(file).Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// Stages every file of <paramref name="request"/> in <paramref name="stagingFolder"/>, checked against Microsoft's
    /// digest, and writes the list <see cref="ReadGatheredAsync"/> reads back. Safe to run again after an interruption.
    /// </summary>
    /// <exception cref="MicrosoftDigestMismatchException">A file's bytes are not Microsoft's (deleted; nothing else is affected).</exception>
    /// <exception cref="ContentSizeMismatchException">A downloaded file has another size than Microsoft's.</exception>
    /// <exception cref="ContentDownloadException">A file could not be downloaded after every retry.</exception>
    /// <exception cref="MicrosoftFileDigestFormatException">A FileHash is in a form cmdsync does not read.</exception>
    public async Task<GatheredDeploymentContent> GatherAsync(ContentRequest request, string stagingFolder, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        _ = stagingFolder ?? throw new ArgumentNullException(nameof(stagingFolder));
        Directory.CreateDirectory(stagingFolder);

        // Every FileHash is read before anything is fetched: an unreadable one stops the run at once (exit 79).
        var digests = request.Files.Select(f => MicrosoftFileDigest.Parse(f.FileHash, DeploymentContentUnavailableException.Describe(f))).ToList();
        var gathered = new CarriedContentFile?[request.Files.Count];
        var toDownload = new List<int>();
        for (var i = 0; i < request.Files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = request.Files[i];
            var staged = StagedPath(stagingFolder, file);
            if (RegularFile.KindOf(staged) == FileKind.Regular && new FileInfo(staged).Length == file.FileSize)
            {
                var (digest, sha256) = await HashAsync(staged, digests[i].Algorithm, cancellationToken).ConfigureAwait(false);
                if (digest.Equals(digests[i]))
                {
                    _logger.Debug("{File}: already staged at {Path} with Microsoft's digest (an earlier run fetched it)", DeploymentContentUnavailableException.Describe(file), staged);
                    gathered[i] = new CarriedContentFile(file, staged, sha256);
                    continue;
                }

                _logger.Warning("{File}: the staged copy at {Path} differs from Microsoft's digest; fetching it again", DeploymentContentUnavailableException.Describe(file), staged);
                File.Delete(staged);
            }

            gathered[i] = await FromLocalSourcesAsync(file, digests[i], staged, cancellationToken).ConfigureAwait(false);
            if (gathered[i] is null)
            {
                toDownload.Add(i);
            }
        }

        if (toDownload.Count > 0)
        {
            await DownloadAsync(request, toDownload, digests, gathered, stagingFolder, progress, cancellationToken).ConfigureAwait(false);
        }

        var result = new GatheredDeploymentContent(request.RequestId, gathered.Select(g => g!).ToList());
        await AtomicFile.WriteAllBytesAsync(Path.Combine(stagingFolder, GatheredListFileName), Encoding.UTF8.GetBytes(Format(result)), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// What an earlier <see cref="GatherAsync"/> into <paramref name="stagingFolder"/> staged for <paramref name="request"/>,
    /// or null when its list is missing, is for another request, or names a staged file that is gone or has another
    /// size (then gather again: finished files are kept).
    /// </summary>
    public static async Task<GatheredDeploymentContent?> ReadGatheredAsync(ContentRequest request, string stagingFolder, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var path = Path.Combine(stagingFolder ?? throw new ArgumentNullException(nameof(stagingFolder)), GatheredListFileName);
        if (RegularFile.KindOf(path) != FileKind.Regular)
        {
            return null;
        }

        var lines = (await Task.Run(() => File.ReadAllText(path, Encoding.UTF8), cancellationToken).ConfigureAwait(false)).Split('\n');
        if (lines.Length < 1 || !string.Equals(lines[0], request.RequestId, StringComparison.Ordinal))
        {
            return null;
        }

        var byPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ');
            if (space != 64)
            {
                return null;
            }

            byPath[line.Remove(0, space + 1)] = line.Substring(0, space);
        }

        var files = new List<CarriedContentFile>(request.Files.Count);
        foreach (var file in request.Files)
        {
            var staged = StagedPath(stagingFolder, file);
            if (!byPath.TryGetValue(ContentRequestSerializer.BundleRelativePath(file), out var sha256)
                || RegularFile.KindOf(staged) != FileKind.Regular || new FileInfo(staged).Length != file.FileSize)
            {
                return null;
            }

            files.Add(new CarriedContentFile(file, staged, sha256));
        }

        return new GatheredDeploymentContent(request.RequestId, files);
    }

    private static string Format(GatheredDeploymentContent gathered)
    {
        var text = new StringBuilder(gathered.ContentRequestId).Append('\n');
        foreach (var file in gathered.Files)
        {
            // Bundle paths never hold a line break (BundlePathValidator refuses control characters).
            text.Append(file.Sha256).Append(' ').Append(ContentRequestSerializer.BundleRelativePath(file.Request)).Append('\n');
        }

        return text.ToString();
    }

    private async Task<CarriedContentFile?> FromLocalSourcesAsync(ContentRequestFile file, MicrosoftFileDigest expected, string staged, CancellationToken cancellationToken)
    {
        var label = DeploymentContentUnavailableException.Describe(file);
        foreach (var (source, where) in _localSources)
        {
            try
            {
                await source.ProduceAsync(file, staged, null, cancellationToken).ConfigureAwait(false);
            }
            catch (DeploymentContentUnavailableException ex) when (ex.Problem is DeploymentContentProblem.NotFound or DeploymentContentProblem.SizeMismatch)
            {
                _logger.Debug("{File}: {Problem}", label, ex.Message);
                continue;
            }

            // Checked before the file may enter the bundle: a wrong file in the folder is not quietly replaced by a download.
            var (actual, sha256) = await HashAsync(staged, expected.Algorithm, cancellationToken).ConfigureAwait(false);
            if (!actual.Equals(expected))
            {
                File.Delete(staged);
                throw new MicrosoftDigestMismatchException($"{label} (Microsoft's URL {file.SourceUrl})", where, expected, actual);
            }

            _logger.Information("{File}: taken from {Source}, Microsoft's digest {Digest} checked", label, where, expected);
            return new CarriedContentFile(file, staged, sha256);
        }

        return null;
    }

    private async Task DownloadAsync(
        ContentRequest request, List<int> indexes, List<MicrosoftFileDigest> digests, CarriedContentFile?[] gathered, string stagingFolder,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var items = indexes.Select(i => DownloadingContentSource.ItemFor(request.Files[i], StagedPath(stagingFolder, request.Files[i]))).ToList();
        var downloader = _downloader();
        ContentDownloadSummary summary;
        try
        {
            _logger.Information("Downloading {Files} deployment content files ({Bytes} bytes) of request {RequestId}",
                items.Count, items.Sum(i => i.ExpectedSize), request.RequestId);
            summary = await downloader.DownloadAsync(items, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (downloader as IDisposable)?.Dispose();
        }

        foreach (var failure in summary.Failed)
        {
            _logger.Error(failure.Error, "{Label} from {Url} not fetched", failure.Item.Label, failure.Item.Url);
        }

        // A poisoned file (digest, size) is reported before a download that merely failed.
        summary.EnsureSucceeded();
        foreach (var i in indexes)
        {
            var staged = StagedPath(stagingFolder, request.Files[i]);
            // The downloader placed it only after size and digest matched; the one read here gives the SHA-256 the
            // bundle writer holds the copy to, and checks Microsoft's digest once more on the bytes that will be carried.
            var (actual, sha256) = await HashAsync(staged, digests[i].Algorithm, cancellationToken).ConfigureAwait(false);
            if (!actual.Equals(digests[i]))
            {
                File.Delete(staged);
                throw new MicrosoftDigestMismatchException(DeploymentContentUnavailableException.Describe(request.Files[i]), request.Files[i].SourceUrl, digests[i], actual);
            }

            gathered[i] = new CarriedContentFile(request.Files[i], staged, sha256);
        }
    }

    /// <summary>Microsoft's digest (with <paramref name="algorithm"/>) and the SHA-256 of one file, in one read.</summary>
    private static async Task<(MicrosoftFileDigest Digest, string Sha256)> HashAsync(string path, MicrosoftDigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        using var microsoft = MicrosoftFileDigest.CreateHash(algorithm);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = FileStreams.OpenSequentialRead(path);
        var buffer = FileStreams.RentBuffer();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                microsoft.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            FileStreams.ReturnBuffer(buffer);
        }

        return (new MicrosoftFileDigest(algorithm, microsoft.GetHashAndReset()), Sha256Hex.Format(sha256.GetHashAndReset()));
    }
}

/// <summary>What the content step staged: the request it answers and every file, checked against Microsoft's digest.</summary>
public sealed record GatheredDeploymentContent(string ContentRequestId, IReadOnlyList<CarriedContentFile> Files)
{
    public long Bytes => Files.Sum(f => new FileInfo(f.SourcePath).Length);

    public DeploymentContentToCarry ToCarry() => new(ContentRequestId, Files);

    public string Describe() => string.Format(CultureInfo.InvariantCulture, "{0} deployment content files of request {1}, each checked against Microsoft's digest", Files.Count, ContentRequestId);
}
