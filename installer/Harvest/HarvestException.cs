namespace CMDisconnectedSync.Installer.Harvest;

/// <summary>The installer cannot be built as asked; the message names the file and what to do next.</summary>
internal sealed class HarvestException : Exception
{
    public HarvestException()
    {
    }

    public HarvestException(string message)
        : base(message)
    {
    }

    public HarvestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
