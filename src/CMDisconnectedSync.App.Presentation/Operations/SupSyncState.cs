using System.Globalization;

namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// One <c>SMS_SUPSyncStatus</c> row; mirrors Core's <c>ConfigMgr.SupSyncStatus</c> field for field
/// (design.md §5: 6701 started, 6702 succeeded, 6703 failed, 6704–6706 in progress, 6707 content out of sync,
/// 6708 done with pending license terms).
/// </summary>
/// <param name="SiteCode">The site of the software update point.</param>
/// <param name="WsusServerName">The software update point's WSUS server.</param>
/// <param name="StateMessageId">Raw <c>LastSyncState</c>.</param>
/// <param name="StateTime"><c>LastSyncStateTime</c> (UTC); null if never.</param>
/// <param name="LastSuccessfulSyncTime"><c>LastSuccessfulSyncTime</c> (UTC); null if never.</param>
/// <param name="ErrorCode"><c>LastSyncErrorCode</c>; 0 when none.</param>
public sealed record SupSyncState(
    string SiteCode,
    string WsusServerName,
    int StateMessageId,
    DateTimeOffset? StateTime,
    DateTimeOffset? LastSuccessfulSyncTime,
    int ErrorCode)
{
    /// <summary>Mirrors Core's <c>SyncStateMessages.ToSyncState</c>.</summary>
    public SupSyncPhase Phase => StateMessageId switch
    {
        6701 => SupSyncPhase.Started,
        6704 or 6705 or 6706 => SupSyncPhase.InProgress,
        6702 => SupSyncPhase.Succeeded,
        6703 => SupSyncPhase.Failed,
        6707 => SupSyncPhase.ContentOutOfSync,
        6708 => SupSyncPhase.SucceededWithPendingLicenseTerms,
        _ => SupSyncPhase.Unknown,
    };

    /// <summary>The state as the admin reads it, e.g. "Succeeded (6702)".</summary>
    public string Describe()
    {
        var text = Phase switch
        {
            SupSyncPhase.Started => "Started",
            SupSyncPhase.InProgress => "Synchronizing",
            SupSyncPhase.Succeeded => "Succeeded",
            SupSyncPhase.Failed => ErrorCode != 0 ? $"Failed, error 0x{ErrorCode:X8}" : "Failed",
            SupSyncPhase.ContentOutOfSync => "Content out of sync",
            SupSyncPhase.SucceededWithPendingLicenseTerms => "Done, license terms missing",
            _ => "Unknown state",
        };
        return $"{text} ({StateMessageId.ToString(CultureInfo.InvariantCulture)})";
    }
}

/// <summary><see cref="SupSyncState.StateMessageId"/> in our words; mirrors Core's <c>ConfigMgr.SyncState</c>.</summary>
public enum SupSyncPhase
{
    Unknown = 0,
    Started,
    InProgress,
    Succeeded,
    Failed,
    ContentOutOfSync,
    SucceededWithPendingLicenseTerms,
}

/// <summary>
/// How a full synchronization that was triggered and waited for ended; mirrors Core's <c>ConfigMgr.SyncOutcome</c>
/// (what <c>cmdsync categories subscribe --sync</c> prints).
/// </summary>
/// <param name="Succeeded">6702 or 6708: ConfigMgr has the updates of the subscribed categories.</param>
/// <param name="FinalState">The last <c>SMS_SUPSyncStatus</c> read; null when the site never reported one.</param>
/// <param name="Elapsed">From the trigger to the end of the wait.</param>
/// <param name="Message">What happened and, when it did not succeed, what to do next (Core's own sentence).</param>
public sealed record FullSyncResult(bool Succeeded, SupSyncState? FinalState, TimeSpan Elapsed, string Message);
