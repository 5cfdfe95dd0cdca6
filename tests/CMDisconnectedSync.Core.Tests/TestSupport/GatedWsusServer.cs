using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// A WSUS server whose first wsusutil run (import or export) waits at a gate until the test opens it: a run held
/// inside wsusutil, so a second run can be started against the same state folder meanwhile. Later runs pass straight through.
/// </summary>
internal sealed class GatedWsusServer(IWsusServer inner) : IWsusServer
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _runs;

    /// <summary>Completes when the first wsusutil run reached the gate.</summary>
    public Task Entered => _entered.Task;

    public void Open() => _gate.TrySetResult();

    public WsusInstallationLookup LocateInstallation() => inner.LocateInstallation();

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) => inner.GetStatusAsync(cancellationToken);

    public async Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken)
    {
        await WaitAtGateAsync(cancellationToken);
        return await inner.ExportMetadataAsync(packagePath, logPath, cancellationToken);
    }

    public async Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken)
    {
        await WaitAtGateAsync(cancellationToken);
        return await inner.ImportMetadataAsync(packagePath, logPath, cancellationToken);
    }

    private async Task WaitAtGateAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _runs) == 1)
        {
            _entered.TrySetResult();
            await _gate.Task.WaitAsync(cancellationToken);
        }
    }
}
