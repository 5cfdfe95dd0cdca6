namespace CMDisconnectedSync.Wsus;

/// <summary>WSUS could not be asked for its state. The message names the server/tool, what failed and the fix.</summary>
public sealed class WsusQueryException : Exception
{
    public WsusQueryException()
    {
    }

    public WsusQueryException(string message)
        : base(message)
    {
    }

    public WsusQueryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
