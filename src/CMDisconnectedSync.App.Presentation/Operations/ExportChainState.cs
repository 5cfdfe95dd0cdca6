namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>This export server's chain, as Core's <c>State.ExportChainStore</c> records it.</summary>
/// <param name="LastSequence">The last sequence exported; null before the first export.</param>
/// <param name="StateFolder">Where the chain is kept, for messages.</param>
public sealed record ExportChainState(long? LastSequence, string StateFolder)
{
    public bool HasExported => LastSequence is not null;
}
