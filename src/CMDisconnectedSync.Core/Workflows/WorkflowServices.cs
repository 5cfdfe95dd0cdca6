using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Paths;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Signing;
using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus;
using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// Everything the export and import workflows are composed from: the ports (WSUS server, elevation, volumes, an
/// optional ConfigMgr site), the clock and logger, and the bundle engine objects. The CLI builds it from the
/// Windows adapters, the demo lab from its lab servers, tests from stand-ins; the workflows are the same.
/// </summary>
/// <param name="Wsus">The local WSUS server (wsusutil, settings, content folder).</param>
/// <param name="Elevation">Whether we run elevated as a local Administrator.</param>
/// <param name="Volumes">Free space, file system and writability of the target volumes.</param>
/// <param name="Clock">Time for journals, staging names and sync waits.</param>
/// <param name="Logger">Where the workflows log (CMTrace file in the CLI and app).</param>
/// <param name="Site">The ConfigMgr site to sync after an import; null when none is configured (then the follow-up is skipped).</param>
public sealed record WorkflowServices(
    IWsusServer Wsus,
    IElevation Elevation,
    IVolumeInspector Volumes,
    TimeProvider Clock,
    ILogger Logger,
    IConfigMgrSite? Site = null)
{
    /// <summary>
    /// Who may change the state folder (NTFS owner and DACL on a server, owner and mode bits in the lab): the workflows
    /// create it protected on first use and refuse state a non-administrator can change (<see cref="StateFolderGuard"/>).
    /// </summary>
    public required IStateFolderProtection StateFolders { get; init; }

    /// <summary>
    /// The process table: the workflows journal the wsusutil they start (id and start time) and, on every start,
    /// refuse while one an earlier, killed run started still runs (<see cref="EarlierWsusUtilGuard"/>).
    /// </summary>
    public Processes.IRunningProcesses Processes { get; init; } = new Processes.RunningProcesses();

    /// <summary>Path rules shared by the scanner, writer, verifier and installer.</summary>
    public BundlePathValidator PathValidator { get; init; } = new();

    /// <summary>Lists WsusContent (size + time) for the delta.</summary>
    public ContentInventoryScanner Scanner => new(PathValidator);

    /// <summary>Decides which files the other side lacks.</summary>
    public DeltaPlanner Planner { get; init; } = new();

    /// <summary>Checks signature, signer (certificate validity at <see cref="Clock"/>), sequence, base, hashes and paths of a bundle.</summary>
    public BundleVerifier Verifier => new(PathValidator, new ManifestSignatureVerifier(Clock));

    /// <summary>Copies a verified bundle's content into WsusContent (temp + rename, identical files skipped).</summary>
    public BundleContentInstaller Installer => new(PathValidator);

    /// <summary>Runs preflight check lists.</summary>
    public PreflightRunner Preflight => new(Logger);

    /// <summary>
    /// The names of the server the import runs on (the local WSUS server): after the import, the sync status of its
    /// software update point is followed (<see cref="SyncSourceSoftwareUpdatePoint"/>).
    /// </summary>
    public IReadOnlyCollection<string> ImportServerNames { get; init; } = ThisComputer.Names();

    /// <summary>
    /// Checks the Authenticode signature of carried deployment content on import: the offline check of the embedded
    /// signature by default; WinVerifyTrust (which also checks the chain) where the host provides it.
    /// </summary>
    public DeploymentContent.Authenticode.IAuthenticodeVerifier Authenticode { get; init; } = new DeploymentContent.Authenticode.OfflineAuthenticodeVerifier();

    /// <summary>SyncNow and wait for <c>SMS_SUPSyncStatus</c>.</summary>
    public SupSyncWaiter SyncWaiter => new(Clock, Logger);

    /// <summary>
    /// Creates the downloader an export with a content request fetches with (issue 18): by default the
    /// <see cref="DeploymentContent.HttpContentDownloader"/> <c>cmdsync content fetch</c> uses, copying from the given
    /// local store (this server's WsusContent) what it already holds with the same digest.
    /// </summary>
    public Func<DeploymentContent.ContentDownloadOptions, DeploymentContent.ILocalContentLookup?, DeploymentContent.IDeploymentContentDownloader> ContentDownloaders { get; init; } =
        (options, local) => new DeploymentContent.HttpContentDownloader(options, local, Logger);

    /// <summary>Writes bundles signed by <paramref name="signer"/>.</summary>
    public BundleWriter CreateWriter(IManifestSigner signer) => new(signer, Clock, PathValidator);
}
