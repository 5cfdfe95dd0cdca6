namespace CMDisconnectedSync.Bundles;

/// <summary>Why a manifest could not be read.</summary>
public enum ManifestProblem
{
    /// <summary>Not complete, valid JSON of our schema (truncated, edited, or a required field missing).</summary>
    Malformed,

    /// <summary>Written by a newer or unknown major format version this build cannot interpret safely.</summary>
    UnsupportedVersion,
}

/// <summary>A manifest (or receipt) file is unreadable; the message names the file and what to do.</summary>
public sealed class ManifestFormatException : FormatException
{
    public ManifestFormatException(ManifestProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public ManifestFormatException()
        : this(ManifestProblem.Malformed, "The manifest is malformed.")
    {
    }

    public ManifestFormatException(string message)
        : this(ManifestProblem.Malformed, message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : this(ManifestProblem.Malformed, message, innerException)
    {
    }

    public ManifestProblem Problem { get; }
}
