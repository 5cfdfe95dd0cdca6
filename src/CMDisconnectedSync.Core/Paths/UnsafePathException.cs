namespace CMDisconnectedSync.Paths;

/// <summary>A path from a bundle, a content tree or a receipt breaks a <see cref="PathRule"/>.</summary>
public sealed class UnsafePathException : IOException
{
    public UnsafePathException(string entry, PathRule rule, string detail)
        : base($"'{entry}' is rejected by the path-safety rule {rule}: {detail}")
    {
        Entry = entry;
        Rule = rule;
    }

    public UnsafePathException()
        : this(string.Empty, PathRule.EmptySegment, string.Empty)
    {
    }

    public UnsafePathException(string message)
        : base(message)
    {
        Entry = string.Empty;
    }

    public UnsafePathException(string message, Exception innerException)
        : base(message, innerException)
    {
        Entry = string.Empty;
    }

    public string Entry { get; }

    public PathRule Rule { get; }
}
