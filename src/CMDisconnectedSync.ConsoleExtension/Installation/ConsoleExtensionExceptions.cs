namespace CMDisconnectedSync.ConsoleExtension.Installation;

/// <summary>The console folder could not be found or is not a console folder.</summary>
public sealed class ConsoleNotFoundException : Exception
{
    public ConsoleNotFoundException(string message)
        : base(message)
    {
    }

    public ConsoleNotFoundException()
    {
    }

    public ConsoleNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The console is running, so its XmlStorage must not be changed now.</summary>
public sealed class ConsoleRunningException : Exception
{
    public ConsoleRunningException(string message)
        : base(message)
    {
    }

    public ConsoleRunningException()
    {
    }

    public ConsoleRunningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
