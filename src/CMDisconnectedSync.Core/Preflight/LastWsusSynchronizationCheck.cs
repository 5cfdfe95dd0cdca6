using System.Globalization;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Preflight;

/// <summary>
/// Export side: the last WSUS synchronization succeeded, and is not older than <paramref name="maxAge"/> (older is a
/// warning: the export would carry stale metadata, but it is still valid).
/// </summary>
public sealed class LastWsusSynchronizationCheck(WsusStatusReading status, TimeProvider clock, TimeSpan maxAge) : IPreflightCheck
{
    public string Name => "Last WSUS synchronization";

    public async Task<PreflightCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var last = (await status.GetAsync(cancellationToken).ConfigureAwait(false)).LastSynchronization;
        const string SyncHint = "Synchronize the software update point (ConfigMgr console: Software Updates > Synchronize Software Updates, or the WSUS console), wait for it to succeed, then rerun.";
        switch (last.Outcome)
        {
            case SynchronizationOutcome.Never:
                return PreflightCheckResult.Fail(Name, "WSUS has never synchronized, so there is nothing to export.", SyncHint);
            case SynchronizationOutcome.Succeeded:
                break;
            default:
                var error = last.Error.Length > 0 ? $" Error: {last.Error}." : string.Empty;
                return PreflightCheckResult.Fail(Name,
                    $"The last WSUS synchronization ended {Format(last.EndTime)} with result {last.Outcome}.{error}",
                    "Fix the synchronization error (see the WSUS console or wsyncmgr.log), synchronize again, then rerun.");
        }

        var ended = last.EndTime ?? last.StartTime;
        if (ended is null)
        {
            return PreflightCheckResult.Warn(Name, "The last WSUS synchronization succeeded, but WSUS gave no time for it.", SyncHint);
        }

        var age = clock.GetUtcNow() - ended.Value;
        var detail = $"The last WSUS synchronization succeeded {Format(ended)} ({DescribeAge(age)} ago).";
        return age > maxAge
            ? PreflightCheckResult.Warn(Name, detail + $" That is older than {DescribeAge(maxAge)}: the export would carry stale metadata.", SyncHint)
            : PreflightCheckResult.Pass(Name, detail);
    }

    private static string Format(DateTimeOffset? time) =>
        time is null ? "at an unknown time" : "at " + time.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    internal static string DescribeAge(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays} days"
        : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours"
        : $"{Math.Max(0, (int)age.TotalMinutes)} minutes";
}
