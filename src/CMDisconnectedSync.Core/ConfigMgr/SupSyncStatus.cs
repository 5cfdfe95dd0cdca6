namespace CMDisconnectedSync.ConfigMgr;

/// <summary>One row of <c>SMS_SUPSyncStatus</c>: the last synchronization of one software update point.</summary>
/// <param name="SiteCode">The site of the software update point.</param>
/// <param name="WsusServerName">The software update point's WSUS server, as ConfigMgr names it.</param>
/// <param name="StateMessageId">The raw <c>LastSyncState</c> (status message id 6701–6708).</param>
/// <param name="StateTime">When the site recorded that state (<c>LastSyncStateTime</c>, UTC), null if never.</param>
/// <param name="LastSuccessfulSyncTime">The last successful synchronization (<c>LastSuccessfulSyncTime</c>, UTC), null if never.</param>
/// <param name="ErrorCode">The last synchronization error (<c>LastSyncErrorCode</c>), 0 when none.</param>
public sealed record SupSyncStatus(
    string SiteCode,
    string WsusServerName,
    int StateMessageId,
    DateTimeOffset? StateTime,
    DateTimeOffset? LastSuccessfulSyncTime,
    int ErrorCode)
{
    public SyncState State => SyncStateMessages.ToSyncState(StateMessageId);
}
