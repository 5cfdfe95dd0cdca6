namespace CMDisconnectedSync.Preflight;

/// <summary>No WSUS synchronization is running: exporting or importing during one reads or writes a moving database.</summary>
public sealed class NoWsusSynchronizationRunningCheck(WsusStatusReading status) : IPreflightCheck
{
    public string Name => "No WSUS synchronization running";

    public async Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken) =>
        (await status.GetAsync(cancellationToken).ConfigureAwait(false)).IsSynchronizing
            ? PreflightCheckResult.Fail(Name, "A WSUS synchronization is running now.",
                "Wait until it finishes (WSUS console > Synchronizations, or ConfigMgr wsyncmgr.log), then rerun.")
            : PreflightCheckResult.Pass(Name, "No WSUS synchronization is running.");
}
