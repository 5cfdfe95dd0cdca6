namespace CMDisconnectedSync.Cli;

/// <summary>
/// Documented process exit codes (README "Exit codes"). Scheduled tasks and scripts branch on these, so a value
/// never changes meaning once released. Ranges: 1–9 general, 10–29 bundle verification, 30–39 preflight,
/// 40–49 WSUS/wsusutil, 50–59 ConfigMgr.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error; the log has the details.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>The operation was cancelled (Ctrl+C); rerun the same command to resume.</summary>
    public const int Cancelled = 3;

    /// <summary>The verb exists but this build cannot run it yet; nothing was changed.</summary>
    public const int NotAvailable = 4;

    // 50–59 ConfigMgr (SMS Provider, software update synchronization, products and classifications).

    /// <summary>No ConfigMgr console (hence no ConfigMgr SDK) on this computer, or the SDK cannot run in this build.</summary>
    public const int ConfigMgrConsoleNotInstalled = 50;

    /// <summary>No --site-server given and the console has no recent connection to use.</summary>
    public const int ConfigMgrSiteServerUnknown = 51;

    /// <summary>The SMS Provider could not be reached (name, network, firewall, WMI/DCOM).</summary>
    public const int ConfigMgrProviderUnreachable = 52;

    /// <summary>The SMS Provider denied access: the account lacks a ConfigMgr role (or SMS Admins membership).</summary>
    public const int ConfigMgrAccessDenied = 53;

    /// <summary>The SMS Provider's WMI quota was exceeded; retry later or raise the quota.</summary>
    public const int ConfigMgrProviderQuotaExceeded = 54;

    /// <summary>The software update synchronization failed (state 6703); see wsyncmgr.log.</summary>
    public const int ConfigMgrSyncFailed = 55;

    /// <summary>No synchronization result within --timeout; the synchronization may still be running.</summary>
    public const int ConfigMgrSyncTimedOut = 56;

    /// <summary>The synchronization finished with WSUS content out of sync (state 6707).</summary>
    public const int ConfigMgrContentOutOfSync = 57;

    /// <summary>A product or classification named does not exist, is ambiguous or does not allow subscription; nothing was subscribed.</summary>
    public const int ConfigMgrCategoryNotSubscribable = 58;

    /// <summary>The site is not set up as a disconnected software update point needs (no software update point, unknown sync source).</summary>
    public const int ConfigMgrSiteMisconfigured = 59;
}
