using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>
/// A WSUS server as a test scenario describes it: <c>new FakeWsusServer().WithLanguages("en").LastSyncSucceeded(at)</c>.
/// Defaults: installed with wsusutil present, English only, no express files, autonomous, idle, synchronized successfully.
/// </summary>
internal sealed class FakeWsusServer : IWsusServer
{
    private WsusInstallationLookup _lookup = WsusInstallationLookup.Found(new WsusInstallation(
        @"D:\WSUS\WsusContent", @"C:\Program Files\Update Services\Tools\WsusUtil.exe", true, "MICROSOFT##WID", 8530, false, "10.0.20348.1"));

    private WsusSettings _settings = new(false, ["en"], false, false);
    private LastSynchronization _last = new(SynchronizationOutcome.Succeeded, new DateTimeOffset(2026, 11, 25, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 6, 20, 0, TimeSpan.Zero), string.Empty);
    private bool _synchronizing;
    private Exception? _statusFailure;

    public int StatusReads { get; private set; }

    public FakeWsusServer NotInstalled(string problem = @"WSUS is not installed on this server: the registry key HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup does not exist.")
    {
        _lookup = WsusInstallationLookup.NotInstalled(problem);
        return this;
    }

    /// <summary>Its wsusutil stages in <paramref name="folder"/> (as a server that starts it with TMP/TEMP set says).</summary>
    public FakeWsusServer WithWsusUtilTempFolder(string folder)
    {
        _lookup = WsusInstallationLookup.Found(_lookup.Installation! with { WsusUtilTempFolder = folder });
        return this;
    }

    public FakeWsusServer WithoutWsusUtil()
    {
        _lookup = WsusInstallationLookup.Found(_lookup.Installation! with { WsusUtilExists = false });
        return this;
    }

    public FakeWsusServer WithLanguages(params string[] languages)
    {
        _settings = _settings with { AllLanguages = false, Languages = languages };
        return this;
    }

    public FakeWsusServer WithAllLanguages()
    {
        _settings = _settings with { AllLanguages = true, Languages = [] };
        return this;
    }

    public FakeWsusServer WithExpressFiles(bool enabled = true)
    {
        _settings = _settings with { ExpressFiles = enabled };
        return this;
    }

    public FakeWsusServer AsReplica()
    {
        _settings = _settings with { IsReplica = true };
        return this;
    }

    public FakeWsusServer Synchronizing()
    {
        _synchronizing = true;
        return this;
    }

    public FakeWsusServer LastSync(SynchronizationOutcome outcome, DateTimeOffset? endedAt, string error = "")
    {
        _last = outcome == SynchronizationOutcome.Never
            ? LastSynchronization.Never
            : new LastSynchronization(outcome, endedAt?.AddMinutes(-20), endedAt, error);
        return this;
    }

    public FakeWsusServer StatusUnreadable(string message)
    {
        _statusFailure = new WsusQueryException(message);
        return this;
    }

    public WsusInstallationLookup LocateInstallation() => _lookup;

    public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        StatusReads++;
        return _statusFailure is null
            ? Task.FromResult(new WsusStatus(_settings, _last, _synchronizing))
            : Task.FromException<WsusStatus>(_statusFailure);
    }

    public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Preflight checks never export.");

    public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Preflight checks never import.");
}
