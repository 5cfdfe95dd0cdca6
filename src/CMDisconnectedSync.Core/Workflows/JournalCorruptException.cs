namespace CMDisconnectedSync.Workflows;

/// <summary>A journal line other than the last one cannot be read: the file was edited or damaged.</summary>
public sealed class JournalCorruptException : IOException
{
    public JournalCorruptException(string path, int lineNumber, string reason)
        : base($"The workflow journal '{path}' is damaged at line {lineNumber} ({reason}). Rename or delete it to start the "
               + "run again from the first step; finished content copies are detected by hash and not copied twice.")
    {
        JournalPath = path;
        LineNumber = lineNumber;
    }

    public JournalCorruptException()
        : this(string.Empty, 0, string.Empty)
    {
    }

    public JournalCorruptException(string message)
        : base(message)
    {
        JournalPath = string.Empty;
    }

    public JournalCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        JournalPath = string.Empty;
    }

    public string JournalPath { get; }

    /// <summary>True for unreadable bytes (recoverable from the valid lines before them); false for a journal of another format version.</summary>
    public bool IsDamage { get; init; }

    public int LineNumber { get; }
}
