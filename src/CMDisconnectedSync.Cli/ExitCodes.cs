using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.DeploymentContent.Authenticode;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Cli;

/// <summary>
/// Documented process exit codes (README "Exit codes"). Scheduled tasks and scripts branch on these, so a value
/// never changes meaning once released. Ranges: 1–9 general, 10–29 bundle verification, 30–39 preflight,
/// 40–49 WSUS/wsusutil, 50–59 ConfigMgr, 60–69 console extension/doctor.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An unexpected error: one line on standard error names the log file, which has the details.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line was wrong (unknown verb or option, missing argument, a value not of the option's form), or <c>export --out</c> names a folder that
    /// already holds a finished export's bundle.
    /// </summary>
    public const int Usage = 2;

    /// <summary>The operation was cancelled (Ctrl+C), by any verb; rerun the same command to resume.</summary>
    public const int Cancelled = 3;

    /// <summary>The verb exists but this build cannot run it yet; nothing was changed.</summary>
    public const int NotAvailable = 4;

    /// <summary>
    /// A file could not be read or written (destination full, access denied, media removed), the <c>--log</c> file cannot
    /// be created (named in the message; the log goes to standard error instead), another cmdsync
    /// export/import holds the state folder's lock, or a wsusutil an earlier, killed run started is still running
    /// (its process id is named; wait for it, end it, or rerun with --wait-for-wsusutil). No file in WsusContent or the state folder is left half-written under
    /// its final name (a bundle folder without its manifest is incomplete and never trusted); fix the cause
    /// (or wait for the other run or stop it) and rerun the same command to resume.
    /// </summary>
    public const int FileSystemFailed = 5;

    // 10–29: bundle verification. One code per VerificationFailureKind, so a scheduled task can tell a stale or
    // incomplete bundle (fetch it again) from a tampered or untrusted one (security incident).

    /// <summary>No manifest.json in the bundle folder (nor volume-001/): wrong path or incomplete copy.</summary>
    public const int BundleManifestMissing = 10;

    /// <summary>
    /// manifest.json is larger than 1 GiB (refused from its length), lists more than 5 million entries, or is signed
    /// but not valid JSON of our schema (a manifest is parsed only after its signature verified).
    /// </summary>
    public const int BundleManifestMalformed = 11;

    /// <summary>manifest.json uses a format major version this cmdsync does not read: update cmdsync.</summary>
    public const int BundleFormatUnsupported = 12;

    /// <summary>manifest.json.p7s is missing.</summary>
    public const int BundleSignatureMissing = 13;

    /// <summary>The signature does not verify over the manifest (edited or truncated manifest, broken or oversized signature).</summary>
    public const int BundleSignatureInvalid = 14;

    /// <summary>Valid signature by a certificate not in trusted-signers.txt, or by a trusted certificate outside its validity period (expired).</summary>
    public const int BundleSignerUntrusted = 15;

    /// <summary>The bundle's sequence equals the last accepted one (replay).</summary>
    public const int BundleReplayed = 16;

    /// <summary>The bundle's sequence is lower than the last accepted one (rollback).</summary>
    public const int BundleRolledBack = 17;

    /// <summary>The bundle is a delta against a state this server is not in.</summary>
    public const int BundleBaseMismatch = 18;

    /// <summary>
    /// A path breaks a path-safety rule (including names NTFS misreads: 8.3 short names like <c>NAME~1.CAB</c>, names
    /// ending in <c>.cmdsync-partial</c>, segments over 255 or paths over 200 characters), or the bundle contains a link, a
    /// device, a FIFO or a socket (including manifest.json and manifest.json.p7s).
    /// </summary>
    public const int BundleUnsafePath = 19;

    /// <summary>A volume-NNN folder is missing.</summary>
    public const int BundleVolumeMissing = 20;

    /// <summary>A file listed in the manifest is missing.</summary>
    public const int BundleFileMissing = 21;

    /// <summary>A file not listed in the manifest is present.</summary>
    public const int BundleUnexpectedFile = 22;

    /// <summary>A file's size differs from the manifest.</summary>
    public const int BundleSizeMismatch = 23;

    /// <summary>A file's SHA-256 differs from the manifest, found by verify or during import's copy (altered after verification): copy the bundle again.</summary>
    public const int BundleHashMismatch = 24;

    /// <summary>
    /// The state folder (state.json, trusted-signers.txt, inventory.json, journal) or a receipt is damaged, over its size
    /// cap, or not a plain file (a link, device or FIFO), or the state folder or a state file is not protected: a
    /// non-administrator owns it or may change it (StateFolderGuard names the file and the fix).
    /// </summary>
    public const int StateUnreadable = 25;

    /// <summary>The signing certificate could not be loaded (PFX path/password, store thumbprint, no private key).</summary>
    public const int SigningCertificateUnavailable = 26;

    public static int ForVerificationFailure(VerificationFailureKind kind) => kind switch
    {
        VerificationFailureKind.ManifestMissing => BundleManifestMissing,
        VerificationFailureKind.ManifestMalformed => BundleManifestMalformed,
        VerificationFailureKind.UnsupportedFormatVersion => BundleFormatUnsupported,
        VerificationFailureKind.SignatureMissing => BundleSignatureMissing,
        VerificationFailureKind.SignatureInvalid => BundleSignatureInvalid,
        VerificationFailureKind.SignerUntrusted => BundleSignerUntrusted,
        VerificationFailureKind.SequenceReplayed => BundleReplayed,
        VerificationFailureKind.SequenceRolledBack => BundleRolledBack,
        VerificationFailureKind.BaseMismatch => BundleBaseMismatch,
        VerificationFailureKind.UnsafePath => BundleUnsafePath,
        VerificationFailureKind.VolumeMissing => BundleVolumeMissing,
        VerificationFailureKind.FileMissing => BundleFileMissing,
        VerificationFailureKind.UnexpectedFile => BundleUnexpectedFile,
        VerificationFailureKind.SizeMismatch => BundleSizeMismatch,
        VerificationFailureKind.HashMismatch => BundleHashMismatch,
        _ => Failure,
    };

    // 30–39 preflight: a check failed before anything was changed. Fix what the check's hint says and rerun.

    /// <summary>One or more preflight checks failed (more than one kind, or a kind without its own code); nothing was changed.</summary>
    public const int PreflightFailed = 30;

    /// <summary>Not running elevated as a local Administrator; nothing was changed.</summary>
    public const int PreflightNotElevated = 31;

    /// <summary>Not enough free space on the bundle target, the WsusContent volume or wsusutil's temp folder (bytes to write + margin); nothing was changed.</summary>
    public const int PreflightInsufficientSpace = 32;

    /// <summary>The WSUS server is not ready: last synchronization failed or never ran, or a synchronization is running; nothing was changed.</summary>
    public const int PreflightWsusNotReady = 33;

    /// <summary>Import: languages/express files differ from the export server, the server is a replica, or WsusContent is not on writable NTFS; nothing was changed.</summary>
    public const int PreflightWsusSettingsMismatch = 34;

    // The names of Core's preflight checks (Core/Preflight/*Check.cs). ExitCodesTests runs each real check and
    // pins its mapping, so a renamed check fails a test instead of silently changing an exit code.
    private const string ElevationCheck = "Elevated local Administrator";
    private const string WsusInstalledCheck = "WSUS installed, wsusutil found";
    private const string FreeSpaceCheckPrefix = "Free space for ";
    private const string LastSyncCheck = "Last WSUS synchronization";
    private const string SyncRunningCheck = "No WSUS synchronization running";
    private const string SettingsMatchCheck = "Languages and express files match the export server";
    private const string ReplicaCheck = "WSUS is not a replica";
    private const string ContentVolumeCheck = "WsusContent on a writable NTFS volume";

    /// <summary>
    /// The exit code of a failed preflight: the code of the failed check's kind (31–34, or 40 when WSUS is not
    /// installed) when every failure is of one kind, else 30. <see cref="Success"/> when nothing failed.
    /// </summary>
    public static int ForPreflight(PreflightReport report)
    {
        var codes = (report ?? throw new ArgumentNullException(nameof(report))).Failures.Select(f => ForPreflightCheck(f.Name)).Distinct().ToList();
        return codes.Count switch
        {
            0 => Success,
            1 => codes[0],
            _ => PreflightFailed,
        };
    }

    private static int ForPreflightCheck(string name) => name switch
    {
        ElevationCheck => PreflightNotElevated,
        WsusInstalledCheck => WsusNotInstalled,
        LastSyncCheck or SyncRunningCheck => PreflightWsusNotReady,
        SettingsMatchCheck or ReplicaCheck or ContentVolumeCheck => PreflightWsusSettingsMismatch,
        _ when name.StartsWith(FreeSpaceCheckPrefix, StringComparison.Ordinal) => PreflightInsufficientSpace,
        _ => PreflightFailed,
    };

    /// <summary>The exit code for a workflow (export/import) that stopped: one documented code per failure, by its evidence.</summary>
    public static int ForWorkflowFailure(WorkflowFailure failure) => (failure ?? throw new ArgumentNullException(nameof(failure))).Kind switch
    {
        WorkflowFailureKind.BundleRejected when failure.Verification?.Failure is { } kind => ForVerificationFailure(kind),
        WorkflowFailureKind.PreflightFailed when failure.Preflight is not null => ForPreflight(failure.Preflight),
        WorkflowFailureKind.PreflightFailed => PreflightFailed,
        WorkflowFailureKind.WsusNotInstalled => WsusNotInstalled,
        WorkflowFailureKind.WsusQueryFailed => WsusQueryFailed,
        WorkflowFailureKind.WsusUtilFailed when failure.WsusUtil is not null => ForWsusUtil(failure.WsusUtil),
        WorkflowFailureKind.FileSystem => FileSystemFailed,
        // Another run holds the state folder's lock file: it could not be opened; wait or stop that run and rerun.
        WorkflowFailureKind.StateFolderInUse => FileSystemFailed,
        WorkflowFailureKind.State => StateUnreadable,
        WorkflowFailureKind.InvalidRequest => Usage,
        // The --out folder already holds a finished export's bundle: the command line must name a new folder.
        WorkflowFailureKind.ExportAlreadyFinished => Usage,
        WorkflowFailureKind.ConfigMgr when failure.ConfigMgr is { } configMgr => Commands.ConfigMgrVerbSupport.ExitCodeFor(configMgr),
        WorkflowFailureKind.SyncFailed when failure.Sync is not null => Commands.ConfigMgrVerbSupport.ExitCodeFor(failure.Sync.Kind),
        WorkflowFailureKind.SyncSourceNotDisconnected => ConfigMgrSiteMisconfigured,
        // export --content-request: a poisoned file (75), a failed download (78) or an unreadable FileHash (79).
        WorkflowFailureKind.DeploymentContent => failure.DeploymentContentError is { } error ? ForDeploymentContent(error) ?? DeploymentContentDownloadFailed : DeploymentContentDownloadFailed,
        // import --deployment-package: each kind of refusal its own code.
        WorkflowFailureKind.DeploymentContentRefused when failure.DeploymentContentError is { } refusal => ForDeploymentRefusal(refusal),
        _ => Failure,
    };

    /// <summary>
    /// The exit code of deployment content refused on import: the import problem's code, 71 for an unusable content
    /// request, or the code of the mismatch (75 digest or size, 76 unsigned, 77 signature invalid, 79 digest unreadable).
    /// </summary>
    public static int ForDeploymentRefusal(Exception refusal) => refusal switch
    {
        DeploymentImportException import => ForDeploymentImport(import.Problem),
        ContentRequestFormatException => ContentRequestUnusable,
        _ => ForDeploymentContent(refusal ?? throw new ArgumentNullException(nameof(refusal))) ?? Failure,
    };

    // 40–49 WSUS/wsusutil: WSUS could not be found or asked, or wsusutil failed. The log quotes wsusutil's log lines.

    /// <summary>WSUS is not installed on this server, or WsusUtil.exe is missing.</summary>
    public const int WsusNotInstalled = 40;

    /// <summary>The WSUS admin API could not be queried (API missing, WsusService or database down, access denied, timeout).</summary>
    public const int WsusQueryFailed = 41;

    /// <summary>wsusutil ended with a non-zero exit code.</summary>
    public const int WsusUtilExitCode = 42;

    /// <summary>wsusutil ended with exit code 0 but its log reports an error (an ImportError/ExportError element; in a log that is not XML, an error line).</summary>
    public const int WsusUtilLogErrors = 43;

    /// <summary>wsusutil's package is missing or empty (0 bytes), or its log is missing/empty.</summary>
    public const int WsusUtilNoOutput = 44;

    /// <summary>wsusutil did not finish within the timeout and was stopped.</summary>
    public const int WsusUtilTimedOut = 45;

    /// <summary>wsusutil was not started: its package or log name already exists (wsusutil needs new, unique names).</summary>
    public const int WsusUtilNamesNotUnique = 46;

    /// <summary>The exit code for a failed wsusutil run (<see cref="Success"/> for a successful one).</summary>
    public static int ForWsusUtil(WsusUtilResult result) => (result ?? throw new ArgumentNullException(nameof(result))).Failure switch
    {
        WsusUtilFailure.None => Success,
        WsusUtilFailure.NamesNotUnique => WsusUtilNamesNotUnique,
        WsusUtilFailure.TimedOut => WsusUtilTimedOut,
        WsusUtilFailure.ExitCode => WsusUtilExitCode,
        WsusUtilFailure.ErrorLinesInLog => WsusUtilLogErrors,
        WsusUtilFailure.PackageMissingOrEmpty or WsusUtilFailure.LogMissingOrEmpty => WsusUtilNoOutput,
        _ => Failure,
    };

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

    /// <summary>No synchronization result within --sync-timeout; the synchronization may still be running.</summary>
    public const int ConfigMgrSyncTimedOut = 56;

    /// <summary>The synchronization finished with WSUS content out of sync (state 6707).</summary>
    public const int ConfigMgrContentOutOfSync = 57;

    /// <summary>A product or classification named does not exist, is ambiguous or does not allow subscription; nothing was subscribed.</summary>
    public const int ConfigMgrCategoryNotSubscribable = 58;

    /// <summary>The site is not set up as a disconnected software update point needs (no software update point, unknown sync source).</summary>
    public const int ConfigMgrSiteMisconfigured = 59;

    // 60–66 console extension.

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

    // 67–69 doctor: cmdsync doctor changed nothing; the report (table, --json, --out) names every finding and its fix.

    /// <summary><c>doctor</c>: at least one value on this machine differs from what CMDisconnectedSync expects.</summary>
    public const int DoctorFindingsDiffer = 67;

    /// <summary><c>doctor</c>: nothing differs, but at least one expected thing is missing (WSUS, console, GUID, provider, SUP).</summary>
    public const int DoctorFindingsMissing = 68;

    /// <summary><c>doctor</c>: nothing differs or is missing, but at least one check was refused (registry/file ACL, ConfigMgr role).</summary>
    public const int DoctorAccessDenied = 69;

    // 70–74 deployment content, disconnected side (issue 18: content request and package import). 75–79: fetch/digests.

    /// <summary><c>content request</c>: a software update group or update named is not on the site; nothing was written.</summary>
    public const int ContentSelectionUnknown = 70;

    /// <summary>A content request file is missing, not a plain file, over its size cap, damaged or of an unknown format version.</summary>
    public const int ContentRequestUnusable = 71;

    /// <summary>Import into a deployment package: the package does not exist, or its source share is missing, not UNC or not writable; nothing was added.</summary>
    public const int DeploymentPackageUnusable = 72;

    /// <summary>Import into a deployment package: content the site did not request, or of an update the site does not know, was refused by name; nothing was added.</summary>
    public const int DeploymentContentRefused = 73;

    /// <summary>Import into a deployment package: the site's AddUpdateContent failed (share not readable by the site server, see smsprov.log); staged files stay for the rerun.</summary>
    public const int DeploymentContentNotAdded = 74;

    /// <summary>The exit code of a refused deployment content import (a file changed after verification is a bundle hash mismatch, 24).</summary>
    public static int ForDeploymentImport(CMDisconnectedSync.DeploymentContent.DeploymentImportProblem problem) => problem switch
    {
        CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.PackageUnusable => DeploymentPackageUnusable,
        CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.NotRequested or CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.UnknownUpdate => DeploymentContentRefused,
        CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.NotProven => BundleHashMismatch,
        CMDisconnectedSync.DeploymentContent.DeploymentImportProblem.AddUpdateContentFailed => DeploymentContentNotAdded,
        _ => Failure,
    };

    /// <summary>The exit code for a doctor report: 0 when everything checked is confirmed or not applicable here.</summary>
    public static int ForDoctor(CMDisconnectedSync.Doctor.DoctorVerdict verdict) => verdict switch
    {
        CMDisconnectedSync.Doctor.DoctorVerdict.AllConfirmed => Success,
        CMDisconnectedSync.Doctor.DoctorVerdict.Differs => DoctorFindingsDiffer,
        CMDisconnectedSync.Doctor.DoctorVerdict.Missing => DoctorFindingsMissing,
        CMDisconnectedSync.Doctor.DoctorVerdict.AccessDenied => DoctorAccessDenied,
        _ => Failure,
    };

    // 75–79 deployment content (update files fetched for the disconnected site's deployment packages): one code per kind
    // of mismatch, so a scheduled task can tell a poisoned file (security incident) from a download that merely failed.

    /// <summary>An update file's bytes do not have Microsoft's digest or size (SMS_CIContentFiles FileHash/FileSize, WSUS metadata, its WsusContent name); it was not kept.</summary>
    public const int DeploymentContentDigestMismatch = 75;

    /// <summary>An update file of a type Microsoft signs (.exe, .cab, .msu) carries no Authenticode signature; it was refused.</summary>
    public const int DeploymentContentUnsigned = 76;

    /// <summary>An update file's Authenticode signature does not verify (the file was altered after it was signed); it was refused.</summary>
    public const int DeploymentContentSignatureInvalid = 77;

    /// <summary>An update file could not be downloaded (404, or network errors/5xx after every retry); finished files are kept and partial ones resume on the next run.</summary>
    public const int DeploymentContentDownloadFailed = 78;

    /// <summary>Microsoft's digest of an update file (FileHash) is in a form cmdsync does not read; run <c>cmdsync doctor</c> on the site server and send the report.</summary>
    public const int DeploymentContentDigestUnreadable = 79;

    /// <summary>The exit code for a deployment content error, or null when the exception is not one.</summary>
    public static int? ForDeploymentContent(Exception exception) => exception switch
    {
        MicrosoftDigestMismatchException or ContentSizeMismatchException => DeploymentContentDigestMismatch,
        AuthenticodeVerificationException { IsUnsigned: true } => DeploymentContentUnsigned,
        AuthenticodeVerificationException => DeploymentContentSignatureInvalid,
        ContentDownloadException => DeploymentContentDownloadFailed,
        MicrosoftFileDigestFormatException => DeploymentContentDigestUnreadable,
        DeploymentContentUnavailableException { Problem: DeploymentContentProblem.DigestMismatch or DeploymentContentProblem.SizeMismatch } => DeploymentContentDigestMismatch,
        DeploymentContentUnavailableException => DeploymentContentDownloadFailed,
        _ => null,
    };
}
