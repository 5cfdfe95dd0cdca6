namespace CMDisconnectedSync.ConfigMgr;

/// <summary>How a SyncNow-and-wait ended.</summary>
public enum SyncOutcomeKind
{
    /// <summary>6702: the synchronization finished without errors.</summary>
    Succeeded,

    /// <summary>6708: finished, but some updates wait for license terms (usually EULA files not copied to WsusContent).</summary>
    SucceededWithPendingLicenseTerms,

    /// <summary>6707: finished, but the WSUS content is out of sync.</summary>
    ContentOutOfSync,

    /// <summary>6703: the synchronization failed.</summary>
    Failed,

    /// <summary>No final state was recorded after the trigger within the timeout.</summary>
    TimedOut,
}

/// <summary>The result of <see cref="SupSyncWaiter.SyncNowAndWaitAsync"/>.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="SoftwareUpdatePoint">The software update point that was watched.</param>
/// <param name="FinalStatus">The last status read (null when the site never reported one).</param>
/// <param name="Elapsed">From the trigger to the end of the wait.</param>
/// <param name="Message">What happened and, when it did not succeed, what to do next.</param>
public sealed record SyncOutcome(
    SyncOutcomeKind Kind,
    SoftwareUpdatePoint SoftwareUpdatePoint,
    SupSyncStatus? FinalStatus,
    TimeSpan Elapsed,
    string Message)
{
    /// <summary>True when ConfigMgr has the imported updates (6702 or 6708).</summary>
    public bool IsSuccess => Kind is SyncOutcomeKind.Succeeded or SyncOutcomeKind.SucceededWithPendingLicenseTerms;
}

/// <summary>A progress report while waiting for the synchronization.</summary>
/// <param name="Status">The status just read, null when the site reports none for the software update point yet.</param>
/// <param name="Elapsed">Since the trigger.</param>
/// <param name="IsAfterTrigger">Whether <paramref name="Status"/> belongs to the synchronization we triggered.</param>
public sealed record SyncProgress(SupSyncStatus? Status, TimeSpan Elapsed, bool IsAfterTrigger);

/// <summary>How to run a SyncNow-and-wait.</summary>
/// <param name="FullSync">Ask for a full synchronization (after subscribing to new categories).</param>
/// <param name="Timeout">Give up waiting after this long (the sync itself keeps running on the site).</param>
/// <param name="PollInterval">How often to read <c>SMS_SUPSyncStatus</c>.</param>
public sealed record SyncRequest(bool FullSync, TimeSpan Timeout, TimeSpan PollInterval)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How far the site server's clock may lag ours. A status whose time is this much before our trigger still
    /// counts when it is newer than the status read just before the trigger.
    /// </summary>
    public TimeSpan ClockSkewTolerance { get; init; } = TimeSpan.FromMinutes(5);

    public static SyncRequest Default(bool fullSync = false) => new(fullSync, DefaultTimeout, DefaultPollInterval);
}
