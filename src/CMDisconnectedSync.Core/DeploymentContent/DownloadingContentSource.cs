using System.Net;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// <see cref="IDeploymentContentSource"/> over a <see cref="IDeploymentContentDownloader"/> (issue 18, carry): fetches one
/// requested file from its <see cref="ContentRequestFile.SourceUrl"/> to the destination, with the downloader's resume,
/// retries and digest check (nothing under the destination name unless size and Microsoft's digest match). The export
/// tries it after the local folders (<see cref="FolderContentSource"/>).
/// </summary>
public sealed class DownloadingContentSource : IDeploymentContentSource
{
    private readonly IDeploymentContentDownloader _downloader;

    public DownloadingContentSource(IDeploymentContentDownloader downloader)
    {
        _downloader = downloader ?? throw new ArgumentNullException(nameof(downloader));
    }

    /// <inheritdoc/>
    /// <exception cref="MicrosoftFileDigestFormatException">The request's FileHash is in a form cmdsync does not read (exit 79, not a source problem).</exception>
    public async Task<CopiedFile> ProduceAsync(ContentRequestFile file, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        _ = destinationPath ?? throw new ArgumentNullException(nameof(destinationPath));
        var item = ItemFor(file, destinationPath);
        var bytes = progress is null ? null : new Progress(progress);
        var summary = await _downloader.DownloadAsync([item], bytes, cancellationToken).ConfigureAwait(false);
        if (summary.Failed.Count > 0)
        {
            var error = summary.Failed[0].Error;
            var problem = error switch
            {
                MicrosoftDigestMismatchException => DeploymentContentProblem.DigestMismatch,
                ContentSizeMismatchException => DeploymentContentProblem.SizeMismatch,
                ContentDownloadException { Status: HttpStatusCode.NotFound or HttpStatusCode.Gone } => DeploymentContentProblem.NotFound,
                _ => DeploymentContentProblem.TransferFailed,
            };
            throw new DeploymentContentUnavailableException(file, problem, error.Message, error);
        }

        var length = new FileInfo(destinationPath).Length;
        return new CopiedFile(destinationPath, length, await Sha256Hex.OfFileAsync(destinationPath, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The download of <paramref name="file"/> to <paramref name="destinationPath"/>; the label names the update and file.</summary>
    /// <exception cref="MicrosoftFileDigestFormatException">FileHash is unreadable.</exception>
    /// <exception cref="DeploymentContentUnavailableException">SourceUrl is not an absolute http(s) URL.</exception>
    public static ContentDownloadItem ItemFor(ContentRequestFile file, string destinationPath)
    {
        _ = file ?? throw new ArgumentNullException(nameof(file));
        var label = DeploymentContentUnavailableException.Describe(file);
        if (!Uri.TryCreate(file.SourceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new DeploymentContentUnavailableException(file, DeploymentContentProblem.NotFound,
                $"{label}: its source URL '{file.SourceUrl}' is not an http or https address. Synchronize the software update point and request the content again.");
        }

        return new ContentDownloadItem(url, destinationPath, file.FileSize, MicrosoftFileDigest.Parse(file.FileHash, label), label);
    }

    /// <summary>Turns the downloader's running total into the bytes-written increments <see cref="IDeploymentContentSource"/> reports (as <see cref="HashingFileCopier"/> does); a restart from byte 0 reports a negative increment.</summary>
    private sealed class Progress(IProgress<long> bytes) : IProgress<TransferProgress>
    {
        private long _reported;

        public void Report(TransferProgress value)
        {
            var delta = value.BytesDone - Interlocked.Exchange(ref _reported, value.BytesDone);
            if (delta != 0)
            {
                bytes.Report(delta);
            }
        }
    }
}
