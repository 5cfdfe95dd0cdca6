using Serilog;

namespace CMDisconnectedSync.Doctor;

/// <summary>
/// Runs the doctor's checks in order and collects every finding: a failing check never hides the others. A check that
/// throws is reported as a <see cref="CheckStatus.Missing"/> finding of its primary fact with the exception's message,
/// and logged; cancellation stops the run.
/// </summary>
public sealed class DoctorRunner
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public DoctorRunner(TimeProvider clock, ILogger logger)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<DoctorRunner>();
    }

    public async Task<DoctorReport> RunAsync(
        string machine, DoctorSide side, string toolVersion, IEnumerable<IDoctorCheck> checks, CancellationToken cancellationToken)
    {
        _ = checks ?? throw new ArgumentNullException(nameof(checks));
        var findings = new List<DoctorFinding>();
        foreach (var check in checks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<DoctorFinding> found;
            try
            {
                found = await check.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A check that crashes is reported as a finding with its reason; the other checks still run.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _logger.Error(exception, "Doctor check {Check} could not run", check.Name);
                found = [check.PrimaryFact.Missing("(check failed)",
                    $"The check '{check.Name}' could not run: {exception.Message} The log has the details.")];
            }

            foreach (var finding in found)
            {
                _logger.Information("Doctor {Id}: {Status}; found {Found}; expected {Expected}. {Detail}",
                    finding.Id, finding.Status, finding.Found, finding.Expected, finding.Detail);
            }

            findings.AddRange(found);
        }

        return new DoctorReport(machine, side, _clock.GetUtcNow(), toolVersion, findings);
    }
}
