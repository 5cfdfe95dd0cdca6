using Serilog;

namespace CMDisconnectedSync.Preflight;

/// <summary>All check results of one preflight run.</summary>
public sealed record PreflightReport(IReadOnlyList<PreflightCheckResult> Results)
{
    /// <summary>Any check failed: the workflow must not go on.</summary>
    public bool HasFailures => Results.Any(r => r.Status == PreflightStatus.Fail);

    public bool HasWarnings => Results.Any(r => r.Status == PreflightStatus.Warn);

    public IEnumerable<PreflightCheckResult> Failures => Results.Where(r => r.Status == PreflightStatus.Fail);
}

/// <summary>
/// Runs a list of checks in order and reports every result (a failed check does not hide the others: the admin
/// fixes everything in one go). A check that throws is reported as failed with the exception's message, never
/// swallowed. Cancellation stops the run.
/// </summary>
public sealed class PreflightRunner
{
    private readonly ILogger _logger;

    public PreflightRunner(ILogger logger) =>
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<PreflightRunner>();

    public async Task<PreflightReport> RunAsync(IEnumerable<IPreflightCheck> checks, CancellationToken cancellationToken)
    {
        _ = checks ?? throw new ArgumentNullException(nameof(checks));
        var results = new List<PreflightCheckResult>();
        foreach (var check in checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PreflightCheckResult result;
            try
            {
                result = await check.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A check that crashes is a failed check, reported with its reason; the run goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.Error(exception, "Preflight check {Check} could not run", check.Name);
                result = PreflightCheckResult.Fail(check.Name, $"The check could not run: {exception.Message}",
                    "See the log for details; fix the cause and rerun.");
            }

            Log(result);
            results.Add(result);
        }

        return new PreflightReport(results);
    }

    private void Log(PreflightCheckResult result)
    {
        switch (result.Status)
        {
            case PreflightStatus.Pass:
                _logger.Information("Preflight {Check}: pass. {Detail}", result.Name, result.Detail);
                break;
            case PreflightStatus.Warn:
                _logger.Warning("Preflight {Check}: warning. {Detail} {FixHint}", result.Name, result.Detail, result.FixHint);
                break;
            default:
                _logger.Error("Preflight {Check}: FAILED. {Detail} {FixHint}", result.Name, result.Detail, result.FixHint);
                break;
        }
    }
}
