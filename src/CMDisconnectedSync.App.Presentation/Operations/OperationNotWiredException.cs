namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// Thrown by an <see cref="IDisconnectedSyncOperations"/> member this build does not connect to the product yet.
/// The wizard shows the message as an error; it never pretends the operation ran.
/// </summary>
public sealed class OperationNotWiredException : NotSupportedException
{
    public OperationNotWiredException(string operation)
        : base($"{operation} is not available in this build of CMDisconnectedSync: the wizard is not yet connected to the "
               + "export/import workflows. Use the cmdsync command line where this build has the verb, or install a build whose wizard includes it.")
    {
        Operation = operation;
    }

    public OperationNotWiredException()
        : this("This operation")
    {
    }

    public OperationNotWiredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = string.Empty;
    }

    public string Operation { get; } = string.Empty;
}
