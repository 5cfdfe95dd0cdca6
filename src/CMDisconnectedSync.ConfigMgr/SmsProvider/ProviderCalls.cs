using Serilog;

namespace CMDisconnectedSync.ConfigMgr.SmsProvider;

/// <summary>
/// Runs one SMS Provider call off the caller's thread, logs it at Debug with its duration, and translates provider
/// failures into <see cref="ConfigMgrException"/>s (conventions.md "Errors and logs").
/// </summary>
internal sealed class ProviderCalls
{
    private readonly string _server;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public ProviderCalls(string server, TimeProvider clock, ILogger logger)
    {
        _server = server;
        _clock = clock;
        _logger = logger;
    }

    public Task<T> RunAsync<T>(string operation, Func<T> call, CancellationToken cancellationToken) =>
        Task.Run(() => Run(operation, call), cancellationToken);

    public T Run<T>(string operation, Func<T> call)
    {
        var started = _clock.GetTimestamp();
        try
        {
            var result = call();
            _logger.Debug("SMS Provider {Server}: {Operation} took {ElapsedMs} ms", _server, operation, Elapsed(started));
            return result;
        }
        catch (Exception ex) when (SmsProviderErrors.IsProviderError(ex))
        {
            _logger.Debug(ex, "SMS Provider {Server}: {Operation} failed after {ElapsedMs} ms", _server, operation, Elapsed(started));
            throw SmsProviderErrors.Translate(ex, _server, operation);
        }
    }

    private long Elapsed(long started) => (long)_clock.GetElapsedTime(started).TotalMilliseconds;
}
