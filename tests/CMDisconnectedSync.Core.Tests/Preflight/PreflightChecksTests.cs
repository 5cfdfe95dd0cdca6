using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Preflight;

[TestClass]
public sealed class ElevatedAdministratorCheckTests
{
    private static ElevatedAdministratorCheck CreateSut(bool elevated) => new(new FakeElevation(elevated));

    [TestMethod]
    public async Task RunAsync_Elevated_Passes()
    {
        var result = await CreateSut(true).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status);
    }

    [TestMethod]
    public async Task RunAsync_NotElevated_FailsWithRunAsAdministratorHint()
    {
        var result = await CreateSut(false).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.FixHint, "Run as administrator");
    }
}

[TestClass]
public sealed class WsusInstalledCheckTests
{
    private static WsusInstalledCheck CreateSut(FakeWsusServer wsus) => new(wsus);

    [TestMethod]
    public async Task RunAsync_InstalledWithWsusUtil_PassesNamingWhereItIs()
    {
        var result = await CreateSut(new FakeWsusServer()).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status);
        StringAssert.Contains(result.Detail, @"D:\WSUS\WsusContent");
    }

    [TestMethod]
    public async Task RunAsync_NotInstalled_FailsWithTheLookupsReason()
    {
        var result = await CreateSut(new FakeWsusServer().NotInstalled()).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "WSUS is not installed");
    }

    [TestMethod]
    public async Task RunAsync_WsusUtilMissing_FailsNamingThePath()
    {
        var result = await CreateSut(new FakeWsusServer().WithoutWsusUtil()).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "WsusUtil.exe does not exist");
    }
}

[TestClass]
public sealed class LastWsusSynchronizationCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static LastWsusSynchronizationCheck CreateSut(FakeWsusServer wsus) =>
        new(new WsusStatusReading(wsus), new FakeTimeProvider(Now), maxAge: TimeSpan.FromDays(1));

    [TestMethod]
    public async Task RunAsync_SucceededSixHoursAgo_PassesWithItsAge()
    {
        var result = await CreateSut(new FakeWsusServer().LastSync(SynchronizationOutcome.Succeeded, Now.AddHours(-6))).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status);
        StringAssert.Contains(result.Detail, "6 hours ago");
    }

    [TestMethod]
    public async Task RunAsync_SucceededThreeDaysAgo_WarnsItIsStale()
    {
        var result = await CreateSut(new FakeWsusServer().LastSync(SynchronizationOutcome.Succeeded, Now.AddDays(-3))).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Warn, result.Status);
        StringAssert.Contains(result.Detail, "3 days ago");
        StringAssert.Contains(result.FixHint, "Synchronize");
    }

    [TestMethod]
    public async Task RunAsync_LastSyncFailed_FailsQuotingTheError()
    {
        var wsus = new FakeWsusServer().LastSync(SynchronizationOutcome.Failed, Now.AddHours(-1), "WebServiceError: HTTP 503");

        var result = await CreateSut(wsus).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "WebServiceError: HTTP 503");
    }

    [TestMethod]
    public async Task RunAsync_NeverSynchronized_Fails()
    {
        var result = await CreateSut(new FakeWsusServer().LastSync(SynchronizationOutcome.Never, null)).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "never synchronized");
    }

    [TestMethod]
    public async Task RunAsync_SucceededWithoutTime_Warns()
    {
        var result = await CreateSut(new FakeWsusServer().LastSync(SynchronizationOutcome.Succeeded, null)).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Warn, result.Status);
    }
}

[TestClass]
public sealed class NoWsusSynchronizationRunningCheckTests
{
    private static NoWsusSynchronizationRunningCheck CreateSut(FakeWsusServer wsus) => new(new WsusStatusReading(wsus));

    [TestMethod]
    public async Task RunAsync_Idle_Passes()
    {
        Assert.AreEqual(PreflightStatus.Pass, (await CreateSut(new FakeWsusServer()).RunAsync(CancellationToken.None)).Status);
    }

    [TestMethod]
    public async Task RunAsync_SynchronizationRunning_Fails()
    {
        var result = await CreateSut(new FakeWsusServer().Synchronizing()).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.FixHint, "Wait");
    }
}

[TestClass]
public sealed class FreeSpaceCheckTests
{
    private const long GiB = 1024L * 1024 * 1024;

    private static FreeSpaceCheck CreateSut(long freeBytes, long bytesNeeded, long margin) =>
        new(new FakeVolumeInspector(freeBytes), "bundle target", @"E:\Transfer", bytesNeeded, margin);

    [TestMethod]
    public async Task RunAsync_EnoughForBytesAndMargin_Passes()
    {
        var result = await CreateSut(freeBytes: 10 * GiB, bytesNeeded: 8 * GiB, margin: 2 * GiB).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status);
        StringAssert.Contains(result.Detail, "10 GiB free");
    }

    [TestMethod]
    public async Task RunAsync_EnoughForBytesButNotMargin_FailsSayingHowMuchToFree()
    {
        var result = await CreateSut(freeBytes: 9 * GiB, bytesNeeded: 8 * GiB, margin: 2 * GiB).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.FixHint, "Free at least 1 GiB");
        Assert.AreEqual("Free space for bundle target", result.Name);
    }

    [TestMethod]
    [DataRow(0L, "0 bytes")]
    [DataRow(1536L, "1.5 KiB")]
    [DataRow(5L * 1024 * 1024 * 1024, "5 GiB")]
    public void FormatBytes_Value_UsesBinaryUnits(long bytes, string expected)
    {
        Assert.AreEqual(expected, FreeSpaceCheck.FormatBytes(bytes));
    }
}

[TestClass]
public sealed class WsusSettingsMatchCheckTests
{
    private static WsusSettingsMatchCheck CreateSut(FakeWsusServer wsus, WsusSettings exportServer) => new(new WsusStatusReading(wsus), exportServer);

    private static WsusSettings ExportServer(bool express, params string[] languages) => new(false, languages, express, false);

    [TestMethod]
    public async Task RunAsync_SameLanguagesInAnyOrderAndSameExpress_Passes()
    {
        var wsus = new FakeWsusServer().WithLanguages("en", "de").WithExpressFiles();

        var result = await CreateSut(wsus, ExportServer(true, "de", "EN")).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status);
    }

    [TestMethod]
    public async Task RunAsync_LanguagesDiffer_FailsNamingBothSets()
    {
        var wsus = new FakeWsusServer().WithLanguages("en");

        var result = await CreateSut(wsus, ExportServer(false, "en", "fr")).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "'en'");
        StringAssert.Contains(result.Detail, "'en, fr'");
    }

    [TestMethod]
    public async Task RunAsync_ExpressDiffers_Fails()
    {
        var wsus = new FakeWsusServer().WithExpressFiles(false);

        var result = await CreateSut(wsus, ExportServer(true, "en")).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "express installation files are off here and on on the export server");
    }

    [TestMethod]
    public async Task RunAsync_AllLanguagesHereButSubsetThere_Fails()
    {
        var wsus = new FakeWsusServer().WithAllLanguages();

        var result = await CreateSut(wsus, ExportServer(false, "en")).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "'all'");
    }
}

[TestClass]
public sealed class NotReplicaCheckTests
{
    private static NotReplicaCheck CreateSut(FakeWsusServer wsus) => new(new WsusStatusReading(wsus));

    [TestMethod]
    public async Task RunAsync_Autonomous_Passes()
    {
        Assert.AreEqual(PreflightStatus.Pass, (await CreateSut(new FakeWsusServer()).RunAsync(CancellationToken.None)).Status);
    }

    [TestMethod]
    public async Task RunAsync_Replica_Fails()
    {
        var result = await CreateSut(new FakeWsusServer().AsReplica()).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "replica");
    }
}

[TestClass]
public sealed class ContentVolumeCheckTests
{
    private static ContentVolumeCheck CreateSut(string fileSystem, bool writable) =>
        new(new FakeVolumeInspector(100, fileSystem, writable), @"D:\WSUS\WsusContent");

    [TestMethod]
    public async Task RunAsync_WritableNtfs_Passes()
    {
        Assert.AreEqual(PreflightStatus.Pass, (await CreateSut("NTFS", true).RunAsync(CancellationToken.None)).Status);
    }

    [TestMethod]
    public async Task RunAsync_ExFat_FailsSuggestingMoveContent()
    {
        var result = await CreateSut("exFAT", true).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "exFAT");
        StringAssert.Contains(result.FixHint, "movecontent");
    }

    [TestMethod]
    public async Task RunAsync_ReadOnlyNtfs_Fails()
    {
        var result = await CreateSut("NTFS", false).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "not writable");
    }
}

[TestClass]
public sealed class WsusUtilTempSpaceCheckTests
{
    private const long GiB = 1024L * 1024 * 1024;
    private static readonly string TempFolder = Path.Combine(Path.GetTempPath(), "cmdsync-wsusutil-temp");

    private static WsusUtilTempSpaceCheck CreateSut(FakeVolumeInspector volumes, long packageBytes) =>
        new(volumes, new FakeWsusServer().WithWsusUtilTempFolder(TempFolder), WsusUtilOperation.Import, "import.xml.gz", packageBytes, 1 * GiB);

    [TestMethod]
    public async Task RunAsync_TempVolumeLow_FailsNamingTheFolderNeedFreeAndTheFix()
    {
        // The bundle/WsusContent volume has room; only the volume holding wsusutil's %TEMP% (C:) is short.
        var volumes = new FakeVolumeInspector(500 * GiB).WithVolume(TempFolder, 2 * GiB, @"C:\");

        var result = await CreateSut(volumes, 3 * GiB).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        CollectionAssert.Contains(volumes.InspectedPaths, TempFolder);
        StringAssert.Contains(result.Detail, $"the temp folder {TempFolder} (volume C:\\, of the account that runs wsusutil) has 2 GiB free; 3 GiB + 1 GiB margin = 4 GiB needed");
        StringAssert.Contains(result.Detail, "wsusutil import stages its log ~3 GiB there");
        StringAssert.Contains(result.FixHint, "Free at least 2 GiB on C:\\");
        StringAssert.Contains(result.FixHint, "point " + WsusUtilTempSpace.TempVariables[0]);
    }

    [TestMethod]
    public async Task RunAsync_TempVolumeWithRoom_Passes()
    {
        var volumes = new FakeVolumeInspector(1 * GiB).WithVolume(TempFolder, 10 * GiB, @"C:\");

        var result = await CreateSut(volumes, 3 * GiB).RunAsync(CancellationToken.None);

        Assert.AreEqual(PreflightStatus.Pass, result.Status, result.Detail);
    }
}

