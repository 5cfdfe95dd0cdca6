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
}
