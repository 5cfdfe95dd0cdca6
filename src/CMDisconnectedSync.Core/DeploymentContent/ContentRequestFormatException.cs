namespace CMDisconnectedSync.DeploymentContent;

/// <summary>Why a content request file could not be used.</summary>
public enum ContentRequestProblem
{
    /// <summary>Missing, not a plain file, too large, or unreadable.</summary>
    Unreadable,

    /// <summary>Not complete, valid JSON of our schema, or a value breaks a rule (size, URL, path, duplicate).</summary>
    Malformed,

    /// <summary>Written by an unknown major format version.</summary>
    UnsupportedVersion,
}

/// <summary>A content request file is unusable; the message names the file, what is wrong and what to do.</summary>
public sealed class ContentRequestFormatException : FormatException
{
    public ContentRequestFormatException(ContentRequestProblem problem, string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        FilePath = path;
    }

    public ContentRequestFormatException()
        : this(ContentRequestProblem.Malformed, string.Empty, "The content request is malformed.")
    {
    }

    public ContentRequestFormatException(string message)
        : this(ContentRequestProblem.Malformed, string.Empty, message)
    {
    }

    public ContentRequestFormatException(string message, Exception innerException)
        : this(ContentRequestProblem.Malformed, string.Empty, message, innerException)
    {
    }

    public ContentRequestProblem Problem { get; }

    /// <summary>The request file (or the name given for in-memory bytes).</summary>
    public string FilePath { get; }
}
