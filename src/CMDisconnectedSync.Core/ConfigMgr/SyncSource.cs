namespace CMDisconnectedSync.ConfigMgr;

/// <summary>
/// Where a top-level software update point synchronizes from: the <c>DefaultUseParentWSUS</c> embedded property of
/// the <c>SMS_WSUS_CONFIGURATION_MANAGER</c> site component (design.md §5). The values are ConfigMgr's.
/// </summary>
public enum SyncSource
{
    /// <summary>Synchronize from Microsoft Update.</summary>
    MicrosoftUpdate = 0,

    /// <summary>Synchronize from an upstream data source (another WSUS server).</summary>
    UpstreamServer = 1,

    /// <summary>Do not synchronize from Microsoft Update or upstream data source: what a disconnected site needs.</summary>
    DoNotSynchronize = 2,
}
