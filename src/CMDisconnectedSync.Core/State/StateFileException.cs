namespace CMDisconnectedSync.State;

/// <summary>A state, inventory, receipt or trust file is unreadable; the message names it and the fix.</summary>
public sealed class StateFileException : IOException
{
    public StateFileException()
    {
    }

    public StateFileException(string message)
        : base(message)
    {
    }

    public StateFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
