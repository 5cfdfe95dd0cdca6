using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// Reads the WSUS status once for all checks of one preflight run (each reading starts a PowerShell child process
/// on a real server). Create a new instance per run so the status is fresh.
/// </summary>
public sealed class WsusStatusReading
{
    private readonly IWsusServer _wsus;
    private Task<WsusStatus>? _status;

    public WsusStatusReading(IWsusServer wsus) => _wsus = wsus ?? throw new ArgumentNullException(nameof(wsus));

    public Task<WsusStatus> GetAsync(CancellationToken cancellationToken) => _status ??= _wsus.GetStatusAsync(cancellationToken);
}
