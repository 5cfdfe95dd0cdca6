namespace CMDisconnectedSync.IO;

/// <summary>A file's bytes do not have the SHA-256 its manifest promises: it was altered or damaged in transit.</summary>
public sealed class ContentHashMismatchException : IOException
{
    public ContentHashMismatchException(string path, string expectedSha256, string actualSha256)
        : base($"'{path}' has SHA-256 {actualSha256} but the manifest lists {expectedSha256}: the file was altered or damaged "
               + "in transit. Copy the bundle again from the export server's media.")
    {
        FilePath = path;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    public ContentHashMismatchException()
        : this(string.Empty, string.Empty, string.Empty)
    {
    }

    public ContentHashMismatchException(string message)
        : base(message)
    {
        FilePath = ExpectedSha256 = ActualSha256 = string.Empty;
    }

    public ContentHashMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = ExpectedSha256 = ActualSha256 = string.Empty;
    }

    public string FilePath { get; }

    public string ExpectedSha256 { get; }

    public string ActualSha256 { get; }
}
