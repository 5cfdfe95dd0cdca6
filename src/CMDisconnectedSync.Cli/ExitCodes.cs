namespace CMDisconnectedSync.Cli;

/// <summary>
/// Documented process exit codes (README "Exit codes"). Scheduled tasks and scripts branch on these, so a value
/// never changes meaning once released. Ranges: 1–9 general, 10–29 bundle verification, 30–39 preflight,
/// 40–49 WSUS/wsusutil, 50–59 ConfigMgr, 60–69 console extension/doctor.
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

    /// <summary>No ConfigMgr console folder found (SMS_ADMIN_UI_PATH, registry, --console-path); nothing was changed.</summary>
    public const int ConsoleNotFound = 60;

    /// <summary>The ConfigMgr console is running; close it and rerun. Nothing was changed.</summary>
    public const int ConsoleRunning = 61;

    /// <summary><c>console generate --check</c>: the checked-in console XML differs from what the model generates.</summary>
    public const int ConsoleXmlDrift = 62;

    /// <summary><c>console uninstall</c>: no legacy install receipt, so nothing of ours to remove.</summary>
    public const int ConsoleExtensionNotInstalled = 63;

    /// <summary><c>console install</c> without <c>--legacy</c>: the 2103+ cab is imported and approved in the console; nothing was changed.</summary>
    public const int ConsoleCabImportRequired = 64;

    /// <summary><c>console discover</c>: the console's XmlStorage\ConsoleRoot is missing or not readable XML.</summary>
    public const int ConsoleRootUnreadable = 65;

    /// <summary><c>console install --legacy</c>: already installed into another console folder; uninstall there first. Nothing was changed.</summary>
    public const int ConsoleInstalledElsewhere = 66;
}
