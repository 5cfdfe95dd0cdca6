namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// An update file's bytes do not have Microsoft's digest: altered at the source, on the way, or poisoned before export.
/// Names the update (label) and where the bytes came from (URL or path) so the admin can find and refetch it.
/// </summary>
public sealed class MicrosoftDigestMismatchException : IOException
{
    public MicrosoftDigestMismatchException(string label, string source, MicrosoftFileDigest expected, MicrosoftFileDigest actual)
        : base($"{label}: the file from {source} has {actual} but Microsoft's digest is {expected}. The file was altered or "
               + "damaged before it reached us; it was not kept. Fetch it again (another network path or proxy) and, if it "
               + "still differs, do not deploy it.")
    {
        Label = label;
        Origin = source;
        Expected = expected;
        Actual = actual;
    }

    public MicrosoftDigestMismatchException()
    {
        Label = Origin = string.Empty;
    }

    public MicrosoftDigestMismatchException(string message)
        : base(message)
    {
        Label = Origin = string.Empty;
    }

    public MicrosoftDigestMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Label = Origin = string.Empty;
    }

    /// <summary>The update and file, e.g. "KB5031356 windows10.0-kb5031356-x64.cab".</summary>
    public string Label { get; }

    /// <summary>The URL or path the bytes came from.</summary>
    public string Origin { get; }

    public MicrosoftFileDigest? Expected { get; }

    public MicrosoftFileDigest? Actual { get; }
}
