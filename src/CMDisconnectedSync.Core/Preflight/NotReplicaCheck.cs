namespace CMDisconnectedSync.Preflight;

/// <summary>Import side: the server is not a replica; a replica takes its updates from its upstream server only.</summary>
public sealed class NotReplicaCheck(WsusStatusReading status) : IPreflightCheck
{
    public string Name => "WSUS is not a replica";

    public async Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken) =>
        (await status.GetAsync(cancellationToken).ConfigureAwait(false)).Settings.IsReplica
            ? PreflightCheckResult.Fail(Name, "This WSUS server is a replica server; metadata cannot be imported into a replica.",
                "Import on the top-level (autonomous) software update point of the disconnected site instead.")
            : PreflightCheckResult.Pass(Name, "This WSUS server is autonomous (not a replica).");
}
