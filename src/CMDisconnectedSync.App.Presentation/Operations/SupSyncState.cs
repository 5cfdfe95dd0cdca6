namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// One <c>SMS_SUPSyncStatus</c> row (design.md §5): <c>LastSyncState</c> 6701 started, 6702 succeeded, 6703 failed
/// (<c>LastSyncErrorCode</c>), 6704–6706 in progress, 6707 content out of sync, 6708 done with pending license terms.
/// </summary>
/// <param name="SupServer">The SUP (<c>WSUSServerName</c>).</param>
/// <param name="SiteCode">Its site.</param>
/// <param name="StateCode">Raw <c>LastSyncState</c>.</param>
/// <param name="StateTimeUtc"><c>LastSyncStateTime</c>.</param>
/// <param name="LastSuccessUtc"><c>LastSuccessfulSyncTime</c>; null when it never succeeded.</param>
/// <param name="ErrorCode"><c>LastSyncErrorCode</c> when not 0.</param>
public sealed record SupSyncState(
    string SupServer,
    string SiteCode,
    int StateCode,
    DateTimeOffset? StateTimeUtc,
    DateTimeOffset? LastSuccessUtc,
    int? ErrorCode)
{
    public SupSyncPhase Phase => StateCode switch
    {
        6701 or 6704 or 6705 or 6706 => SupSyncPhase.InProgress,
        6702 => SupSyncPhase.Succeeded,
        6703 => SupSyncPhase.Failed,
        6707 => SupSyncPhase.ContentOutOfSync,
        6708 => SupSyncPhase.PendingLicenseTerms,
        _ => SupSyncPhase.Unknown,
    };

    /// <summary>The state as the admin reads it, e.g. "Succeeded (6702)".</summary>
    public string Describe()
    {
        var text = Phase switch
        {
            SupSyncPhase.InProgress => "Synchronizing",
            SupSyncPhase.Succeeded => "Succeeded",
            SupSyncPhase.Failed => ErrorCode is { } code ? $"Failed, error 0x{code:X8}" : "Failed",
            SupSyncPhase.ContentOutOfSync => "Content out of sync",
            SupSyncPhase.PendingLicenseTerms => "Done, license terms missing",
            _ => "Unknown state",
        };
        return $"{text} ({StateCode.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
    }
}

/// <summary><see cref="SupSyncState.StateCode"/> in our words.</summary>
public enum SupSyncPhase
{
    Unknown,
    InProgress,
    Succeeded,
    Failed,
    ContentOutOfSync,
    PendingLicenseTerms,
}

/// <summary>ConfigMgr accepted a sync trigger (<c>SMS_SoftwareUpdate.SyncNow</c>, <c>ReturnValue</c> 0) at this time.</summary>
public sealed record SyncTrigger(DateTimeOffset TriggeredAtUtc, bool FullSync);
