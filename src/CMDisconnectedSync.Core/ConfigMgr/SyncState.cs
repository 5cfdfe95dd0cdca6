namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// The state of a software update point synchronization, from <c>SMS_SUPSyncStatus.LastSyncState</c>, which holds
/// the id of the last WSUS sync status message (design.md §5; Microsoft's SMS_SUPSyncStatus class reference).
/// </summary>
public enum SyncState
{
    /// <summary>A state id this version does not know; the raw id is in <see cref="SupSyncStatus.StateMessageId"/>.</summary>
    Unknown = 0,

    /// <summary>6701: WSUS synchronization started.</summary>
    Started,

    /// <summary>6704, 6705, 6706: WSUS synchronization in progress (WSUS server, site database, internet-facing WSUS).</summary>
    InProgress,

    /// <summary>6702: WSUS synchronization done.</summary>
    Succeeded,

    /// <summary>6703: WSUS synchronization failed; see <see cref="SupSyncStatus.ErrorCode"/> and wsyncmgr.log.</summary>
    Failed,

    /// <summary>6707: the WSUS server's content is out of sync.</summary>
    ContentOutOfSync,

    /// <summary>6708: WSUS synchronization done, with updates whose license terms are still pending.</summary>
    SucceededWithPendingLicenseTerms,
}

/// <summary>Maps ConfigMgr's sync status message ids to <see cref="SyncState"/>.</summary>
public static class SyncStateMessages
{
    public const int Started = 6701;
    public const int Done = 6702;
    public const int Failed = 6703;
    public const int InProgressWsus = 6704;
    public const int InProgressSiteDatabase = 6705;
    public const int InProgressInternetFacing = 6706;
    public const int ContentOutOfSync = 6707;
    public const int DonePendingLicenseTerms = 6708;

    public static SyncState ToSyncState(int stateMessageId) => stateMessageId switch
    {
        Started => SyncState.Started,
        Done => SyncState.Succeeded,
        Failed => SyncState.Failed,
        InProgressWsus or InProgressSiteDatabase or InProgressInternetFacing => SyncState.InProgress,
        ContentOutOfSync => SyncState.ContentOutOfSync,
        DonePendingLicenseTerms => SyncState.SucceededWithPendingLicenseTerms,
        _ => SyncState.Unknown,
    };

    /// <summary>True for the states after which ConfigMgr does no more work for this synchronization.</summary>
    public static bool IsFinal(SyncState state) => state is SyncState.Succeeded or SyncState.Failed
        or SyncState.ContentOutOfSync or SyncState.SucceededWithPendingLicenseTerms;
}
