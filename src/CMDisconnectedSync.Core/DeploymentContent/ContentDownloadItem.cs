namespace CMDisconnectedSync.DeploymentContent;

/// <summary>One update file to fetch: where from, where to, and what Microsoft says it is.</summary>
/// <param name="Url">The file's <c>SMS_CIContentFiles.SourceURL</c> (http or https).</param>
/// <param name="DestinationPath">The final file; nothing sits under this name until size and digest match.</param>
/// <param name="ExpectedSize">The file's <c>FileSize</c>.</param>
/// <param name="ExpectedDigest">The file's <c>FileHash</c>, parsed.</param>
/// <param name="Label">Names the file in messages, e.g. "KB5031356 windows10.0-kb5031356-x64.cab".</param>
public sealed record ContentDownloadItem(Uri Url, string DestinationPath, long ExpectedSize, MicrosoftFileDigest ExpectedDigest, string Label);

/// <summary>How a file reached its destination.</summary>
public enum ContentDownloadSource
{
    /// <summary>Fetched from its URL from the first byte.</summary>
    Downloaded,

    /// <summary>Fetched from its URL, continuing a <c>.partial</c> file left by an interrupted run.</summary>
    Resumed,

    /// <summary>Copied from a local store (WsusContent) that holds a file with the same digest.</summary>
    CopiedLocally,

    /// <summary>The destination already held the file with the right size and digest.</summary>
    AlreadyPresent,
}

/// <summary>A file that is now at its destination with Microsoft's size and digest.</summary>
/// <param name="Item">The request.</param>
/// <param name="Source">How it got there.</param>
/// <param name="BytesFetched">Bytes received over HTTP for it in this run (0 when copied or present).</param>
/// <param name="Requests">HTTP requests made for it in this run (retries and resumes included).</param>
public sealed record ContentDownloadResult(ContentDownloadItem Item, ContentDownloadSource Source, long BytesFetched, int Requests);

/// <summary>A file that could not be fetched, with the typed error saying why.</summary>
public sealed record ContentDownloadFailure(ContentDownloadItem Item, Exception Error);

/// <summary>What a fetch run did: every file placed, every file that failed, and the bytes moved.</summary>
public sealed record ContentDownloadSummary(
    IReadOnlyList<ContentDownloadResult> Completed,
    IReadOnlyList<ContentDownloadFailure> Failed,
    long BytesFetched,
    long BytesCopiedLocally,
    TimeSpan Elapsed)
{
    public bool Succeeded => Failed.Count == 0;

    /// <summary>Bytes per second fetched over HTTP in this run.</summary>
    public double FetchRate => Elapsed > TimeSpan.Zero ? BytesFetched / Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Throws the failure an admin must see first: a digest or size mismatch (content that is not Microsoft's) before a
    /// download that merely failed. The message names the update and the URL.
    /// </summary>
    public void EnsureSucceeded()
    {
        if (Failed.Count == 0)
        {
            return;
        }

        var first = Failed.FirstOrDefault(f => f.Error is MicrosoftDigestMismatchException)
            ?? Failed.FirstOrDefault(f => f.Error is ContentSizeMismatchException)
            ?? Failed[0];
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first.Error).Throw();
    }
}
