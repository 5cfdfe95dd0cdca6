using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Host;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Workflows;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Cli.Tests.Workflows;

/// <summary>
/// Pins <see cref="ExitCodes.ForPreflight"/> against Core's real preflight checks (their names are the contract) and
/// <see cref="ExitCodes.ForWorkflowFailure"/> for each failure kind.
/// </summary>
[TestClass]
public sealed class ExitCodeMappingTests
{
    private static async Task<int> ExitCodeOfAsync(IPreflightCheck check)
    {
        var result = await check.RunAsync(CancellationToken.None);
        Assert.AreEqual(PreflightStatus.Fail, result.Status, $"{check.Name} should fail in this scenario");
        return ExitCodes.ForPreflight(new PreflightReport([result]));
    }

    [TestMethod]
    public async Task ForPreflight_NotElevated_MapsTo31()
    {
        Assert.AreEqual(ExitCodes.PreflightNotElevated, await ExitCodeOfAsync(new ElevatedAdministratorCheck(new Elevation(false))));
    }

    [TestMethod]
    public async Task ForPreflight_NoFreeSpace_MapsTo32()
    {
        Assert.AreEqual(ExitCodes.PreflightInsufficientSpace, await ExitCodeOfAsync(new FreeSpaceCheck(new Volume("NTFS", 10), "bundle target", "/media/bundle", 1000, 0)));
    }

    [TestMethod]
    public async Task ForPreflight_NoRoomInWsusUtilsTempFolder_MapsTo32()
    {
        var check = new WsusUtilTempSpaceCheck(new Volume("NTFS", 10), new Wsus(isReplica: false, synchronizing: false), WsusUtilOperation.Import, "import.xml.gz", 1000, 0);

        Assert.AreEqual(ExitCodes.PreflightInsufficientSpace, await ExitCodeOfAsync(check));
    }

    [TestMethod]
    public async Task ForPreflight_ContentOnFat32_MapsTo34()
    {
        Assert.AreEqual(ExitCodes.PreflightWsusSettingsMismatch, await ExitCodeOfAsync(new ContentVolumeCheck(new Volume("FAT32", long.MaxValue), "/wsus/WsusContent")));
    }

    [TestMethod]
    public async Task ForPreflight_ReplicaServer_MapsTo34()
    {
        Assert.AreEqual(ExitCodes.PreflightWsusSettingsMismatch, await ExitCodeOfAsync(new NotReplicaCheck(new WsusStatusReading(new Wsus(isReplica: true, synchronizing: false)))));
    }

    [TestMethod]
    public async Task ForPreflight_SynchronizationRunning_MapsTo33()
    {
        Assert.AreEqual(ExitCodes.PreflightWsusNotReady, await ExitCodeOfAsync(new NoWsusSynchronizationRunningCheck(new WsusStatusReading(new Wsus(isReplica: false, synchronizing: true)))));
    }

    [TestMethod]
    public async Task ForPreflight_WsusNotInstalled_MapsTo40()
    {
        Assert.AreEqual(ExitCodes.WsusNotInstalled, await ExitCodeOfAsync(new WsusInstalledCheck(new Wsus(false, false, installed: false))));
    }

    [TestMethod]
    public async Task ForPreflight_TwoKindsFail_MapsToTheGeneral30()
    {
        var notElevated = await new ElevatedAdministratorCheck(new Elevation(false)).RunAsync(CancellationToken.None);
        var noSpace = await new FreeSpaceCheck(new Volume("NTFS", 10), "WsusContent", "/wsus", 1000, 0).RunAsync(CancellationToken.None);

        Assert.AreEqual(ExitCodes.PreflightFailed, ExitCodes.ForPreflight(new PreflightReport([notElevated, noSpace])));
    }

    [TestMethod]
    public void ForWorkflowFailure_EachKind_MapsToItsDocumentedCode()
    {
        static WorkflowFailure F(WorkflowFailureKind kind) => new(kind, "step", "message");
        var sup = new SoftwareUpdatePoint("CM01", "PS1");

        Assert.AreEqual(ExitCodes.FileSystemFailed, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.FileSystem)));
        Assert.AreEqual(ExitCodes.FileSystemFailed, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.StateFolderInUse)));
        Assert.AreEqual(ExitCodes.StateUnreadable, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.State)));
        Assert.AreEqual(ExitCodes.WsusNotInstalled, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.WsusNotInstalled)));
        Assert.AreEqual(ExitCodes.WsusQueryFailed, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.WsusQueryFailed)));
        Assert.AreEqual(ExitCodes.ConfigMgrSiteMisconfigured, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.SyncSourceNotDisconnected)));
        Assert.AreEqual(ExitCodes.Usage, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.ExportAlreadyFinished)));
        Assert.AreEqual(ExitCodes.ConfigMgrAccessDenied, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.ConfigMgr) with { ConfigMgr = ConfigMgrFailure.AccessDenied }));
        Assert.AreEqual(ExitCodes.ConfigMgrSyncFailed, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.SyncFailed) with { Sync = new SyncOutcome(SyncOutcomeKind.Failed, sup, null, TimeSpan.Zero, "6703") }));
        Assert.AreEqual(ExitCodes.ConfigMgrSyncTimedOut, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.SyncFailed) with { Sync = new SyncOutcome(SyncOutcomeKind.TimedOut, sup, null, TimeSpan.Zero, "timeout") }));
        Assert.AreEqual(ExitCodes.ConfigMgrContentOutOfSync, ExitCodes.ForWorkflowFailure(F(WorkflowFailureKind.SyncFailed) with { Sync = new SyncOutcome(SyncOutcomeKind.ContentOutOfSync, sup, null, TimeSpan.Zero, "6707") }));
    }

    [TestMethod]
    public void ForWorkflowFailure_DeploymentContent_MapsByTheKindOfError()
    {
        static int Code(Exception? error) => ExitCodes.ForWorkflowFailure(new WorkflowFailure(WorkflowFailureKind.DeploymentContent, "deployment-content", "message") { DeploymentContentError = error });
        var sha1 = CMDisconnectedSync.DeploymentContent.MicrosoftFileDigest.Parse("SHA1:0123456789ABCDEF0123456789ABCDEF01234567");
        var other = CMDisconnectedSync.DeploymentContent.MicrosoftFileDigest.Parse("SHA1:1123456789ABCDEF0123456789ABCDEF01234567");
        var file = new CMDisconnectedSync.DeploymentContent.ContentRequestFile
        {
            CiUniqueId = "u", CiId = 1, Title = "t", ContentId = 1, FileName = "a.cab", FileSize = 1, SourceUrl = "http://example.test/a.cab", FileHash = "SHA1:00",
        };

        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, Code(new CMDisconnectedSync.DeploymentContent.MicrosoftDigestMismatchException("KB1 a.cab", "http://example.test/a.cab", sha1, other)));
        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, Code(new CMDisconnectedSync.DeploymentContent.ContentDownloadException("KB1 a.cab", new Uri("http://example.test/a.cab"), "404", System.Net.HttpStatusCode.NotFound, 1)));
        Assert.AreEqual(ExitCodes.DeploymentContentDigestUnreadable, Code(new CMDisconnectedSync.DeploymentContent.MicrosoftFileDigestFormatException("unreadable")));
        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, Code(new CMDisconnectedSync.DeploymentContent.DeploymentContentUnavailableException(file, CMDisconnectedSync.DeploymentContent.DeploymentContentProblem.SizeMismatch, "size")));
        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, Code(new CMDisconnectedSync.DeploymentContent.DeploymentContentUnavailableException(file, CMDisconnectedSync.DeploymentContent.DeploymentContentProblem.TransferFailed, "down")));
        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, Code(null));
    }

    private sealed class Elevation(bool elevated) : IElevation
    {
        public bool IsElevatedAdministrator() => elevated;
    }

    private sealed class Volume(string fileSystem, long free) : IVolumeInspector
    {
        public VolumeState Inspect(string path) => new("/", free, fileSystem, true);
    }

    private sealed class Wsus(bool isReplica, bool synchronizing, bool installed = true) : IWsusServer
    {
        public WsusInstallationLookup LocateInstallation() => installed
            ? WsusInstallationLookup.Found(new WsusInstallation("/wsus/WsusContent", "/wsus/Tools/WsusUtil.exe", true, "WID", 8530, false, "10"))
            : WsusInstallationLookup.NotInstalled("WSUS is not installed on this server.");

        public Task<WsusStatus> GetStatusAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new WsusStatus(new WsusSettings(false, ["en"], false, isReplica), LastSynchronization.Never, synchronizing));

        public Task<WsusUtilResult> ExportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) => throw new NotSupportedException("Preflight never exports.");

        public Task<WsusUtilResult> ImportMetadataAsync(string packagePath, string logPath, CancellationToken cancellationToken) => throw new NotSupportedException("Preflight never imports.");
    }
}
