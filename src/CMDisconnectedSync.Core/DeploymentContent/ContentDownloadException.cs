using System.Net;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>A file could not be fetched: the server refused it (404, 403…) or kept failing after every retry.</summary>
public sealed class ContentDownloadException : IOException
{
    public ContentDownloadException(string label, Uri url, string problem, HttpStatusCode? status, int attempts, Exception? inner = null)
        : base($"{label}: cannot download {url}: {problem}{(attempts > 1 ? $" (after {attempts} attempts)" : string.Empty)}. "
               + (status is HttpStatusCode.NotFound or HttpStatusCode.Gone
                   ? "Microsoft no longer serves this file at that address: synchronize the software update point and request the content again."
                   : "Check the proxy (--proxy, or the system proxy) and the network, then run the same command again: finished files are kept and partial ones resume."),
               inner)
    {
        Label = label;
        Url = url;
        Status = status;
        Attempts = attempts;
    }

    public ContentDownloadException()
    {
        Label = string.Empty;
    }

    public ContentDownloadException(string message)
        : base(message)
    {
        Label = string.Empty;
    }

    public ContentDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Label = string.Empty;
    }

    public string Label { get; }

    public Uri? Url { get; }

    /// <summary>The last HTTP status received, null for a network error.</summary>
    public HttpStatusCode? Status { get; }

    public int Attempts { get; }
}

/// <summary>A file's size is not the size Microsoft's metadata gives: it is not the file the site asked for.</summary>
public sealed class ContentSizeMismatchException : IOException
{
    public ContentSizeMismatchException(string label, string source, long expected, long actual)
        : base($"{label}: the file from {source} has {(actual < 0 ? "more than" : string.Empty)}{(actual < 0 ? expected : actual)} bytes "
               + $"but Microsoft's metadata gives {expected}. It was not kept. Request the content again from the disconnected site "
               + "(its metadata may be older than the file) or fetch it through another network path.")
    {
        Label = label;
        Origin = source;
        Expected = expected;
        Actual = actual;
    }

    public ContentSizeMismatchException()
    {
        Label = Origin = string.Empty;
    }

    public ContentSizeMismatchException(string message)
        : base(message)
    {
        Label = Origin = string.Empty;
    }

    public ContentSizeMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Label = Origin = string.Empty;
    }

    public string Label { get; }

    public string Origin { get; }

    public long Expected { get; }

    /// <summary>The size received; -1 when the server sent more than expected and the transfer was cut.</summary>
    public long Actual { get; }
}
