using System.Globalization;
using Serilog;

namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// Triggers a software update synchronization on the site and waits for its result: polls
/// <c>SMS_SUPSyncStatus</c> until a final state (6702, 6703, 6707, 6708) recorded after the trigger shows up,
/// reporting progress, until the timeout (design.md §5).
/// </summary>
public sealed class SupSyncWaiter
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    public SupSyncWaiter(TimeProvider clock, ILogger logger)
    {
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = (logger ?? throw new ArgumentNullException(nameof(logger))).ForContext<SupSyncWaiter>();
    }

    /// <summary>Triggers the synchronization, then waits as <paramref name="request"/> says.</summary>
    /// <param name="site">The connected site.</param>
    /// <param name="softwareUpdatePoint">The (top-level) software update point whose status to watch.</param>
    /// <param name="request">Full or delta sync, timeout, poll interval.</param>
    /// <param name="progress">Receives each status read; may be null.</param>
    /// <param name="cancellationToken">Stops waiting (the synchronization keeps running on the site).</param>
    public async Task<SyncOutcome> SyncNowAndWaitAsync(
        IConfigMgrSite site,
        SoftwareUpdatePoint softwareUpdatePoint,
        SyncRequest request,
        IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        _ = site ?? throw new ArgumentNullException(nameof(site));
        _ = softwareUpdatePoint ?? throw new ArgumentNullException(nameof(softwareUpdatePoint));
        _ = request ?? throw new ArgumentNullException(nameof(request));

        var before = await ReadStatusAsync(site, softwareUpdatePoint, cancellationToken).ConfigureAwait(false);
        var triggeredAt = _clock.GetUtcNow();
        await site.TriggerSyncAsync(request.FullSync, cancellationToken).ConfigureAwait(false);
        _logger.Information(
            "Triggered a {SyncKind} software update synchronization on site {SiteCode} through {Server}; waiting up to {Timeout} for {Sup}",
            request.FullSync ? "full" : "delta", site.SiteCode, site.ProviderServer, request.Timeout, softwareUpdatePoint.ServerName);

        SupSyncStatus? latest = null;
        while (true)
        {
            var elapsed = _clock.GetUtcNow() - triggeredAt;
            var status = await ReadStatusAsync(site, softwareUpdatePoint, cancellationToken).ConfigureAwait(false);
            latest = status ?? latest;
            var isAfterTrigger = status is not null && IsAfterTrigger(status, before, triggeredAt, request.ClockSkewTolerance);
            progress?.Report(new SyncProgress(status, elapsed, isAfterTrigger));

            if (isAfterTrigger && SyncStateMessages.IsFinal(status!.State))
            {
                return Finish(status, softwareUpdatePoint, elapsed);
            }

            if (elapsed >= request.Timeout)
            {
                return TimedOut(softwareUpdatePoint, latest, elapsed, request.Timeout);
            }

            var remaining = request.Timeout - elapsed;
            await DelayAsync(remaining < request.PollInterval ? remaining : request.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<SupSyncStatus?> ReadStatusAsync(
        IConfigMgrSite site, SoftwareUpdatePoint softwareUpdatePoint, CancellationToken cancellationToken)
    {
        var statuses = await site.GetSyncStatusesAsync(cancellationToken).ConfigureAwait(false);
        return statuses.FirstOrDefault(s =>
            string.Equals(s.SiteCode, softwareUpdatePoint.SiteCode, StringComparison.OrdinalIgnoreCase)
            && softwareUpdatePoint.IsServer(s.WsusServerName));
    }

    // "After the trigger": newer than what the site reported just before we triggered, and not older than the
    // trigger by more than the clock skew we tolerate between this computer and the site server.
    private static bool IsAfterTrigger(SupSyncStatus status, SupSyncStatus? before, DateTimeOffset triggeredAt, TimeSpan skew)
    {
        if (status.StateTime is not { } stateTime)
        {
            return false;
        }

        if (before?.StateTime is { } previous && stateTime <= previous)
        {
            return false;
        }

        return stateTime >= triggeredAt - skew;
    }

    private SyncOutcome Finish(SupSyncStatus status, SoftwareUpdatePoint sup, TimeSpan elapsed)
    {
        var server = sup.ServerName;
        switch (status.State)
        {
            case SyncState.Succeeded:
                _logger.Information("Software update synchronization on {Sup} succeeded after {Elapsed}", server, elapsed);
                return new SyncOutcome(SyncOutcomeKind.Succeeded, sup, status, elapsed,
                    $"Software update synchronization on {server} (site {status.SiteCode}) succeeded (state 6702).");
            case SyncState.SucceededWithPendingLicenseTerms:
                _logger.Warning("Software update synchronization on {Sup} finished with pending license terms (6708)", server);
                return new SyncOutcome(SyncOutcomeKind.SucceededWithPendingLicenseTerms, sup, status, elapsed,
                    $"Software update synchronization on {server} (site {status.SiteCode}) finished, but some updates are waiting "
                    + "for license terms (state 6708). The likely cause: license-terms (EULA .txt) files missing from WsusContent. "
                    + "Copy the bundle's content again (it includes them) before the next wsusutil import, then sync again; "
                    + $"wsyncmgr.log in the site server's Logs folder lists the updates.");
            case SyncState.ContentOutOfSync:
                _logger.Warning("WSUS content on {Sup} is out of sync (6707)", server);
                return new SyncOutcome(SyncOutcomeKind.ContentOutOfSync, sup, status, elapsed,
                    $"The WSUS content on {server} (site {status.SiteCode}) is out of sync (state 6707). Check that the bundle's "
                    + "content was copied completely into WsusContent, then run 'cmdsync sync' again; see wsyncmgr.log and "
                    + "WCM.log in the site server's Logs folder.");
            default:
                var code = FormatErrorCode(status.ErrorCode);
                _logger.Error("Software update synchronization on {Sup} failed (6703) with error {ErrorCode}", server, code);
                return new SyncOutcome(SyncOutcomeKind.Failed, sup, status, elapsed,
                    $"Software update synchronization on {server} (site {status.SiteCode}) failed (state 6703) with error {code}. "
                    + "Open wsyncmgr.log in the Logs folder of the site server for the cause, fix it, then run 'cmdsync sync' again.");
        }
    }

    private SyncOutcome TimedOut(SoftwareUpdatePoint sup, SupSyncStatus? latest, TimeSpan elapsed, TimeSpan timeout)
    {
        var last = latest is null
            ? "the site reported no status for it"
            : string.Format(CultureInfo.InvariantCulture, "its last status was {0} ({1}) at {2:u}",
                latest.StateMessageId, latest.State, latest.StateTime);
        _logger.Warning("No synchronization result for {Sup} within {Timeout}; {LastStatus}", sup.ServerName, timeout, last);
        return new SyncOutcome(SyncOutcomeKind.TimedOut, sup, latest, elapsed,
            $"No synchronization result for {sup.ServerName} (site {sup.SiteCode}) within {timeout}; {last}. The synchronization "
            + "may still be running: follow wsyncmgr.log in the site server's Logs folder, or run 'cmdsync sync --sync-timeout 2h' "
            + "(any longer duration: 90m, 1h30m, 01:30:00).");
    }

    private static string FormatErrorCode(int errorCode) =>
        string.Format(CultureInfo.InvariantCulture, "0x{0:X8} ({0})", errorCode);

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        return Task.Delay(delay, _clock, cancellationToken);
#else
        return _clock.Delay(delay, cancellationToken);
#endif
    }
}
