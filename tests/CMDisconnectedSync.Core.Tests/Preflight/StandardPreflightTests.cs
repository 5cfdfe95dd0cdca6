using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Wsus;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Preflight;

[TestClass]
public sealed class StandardPreflightTests
{
    private const long GiB = 1024L * 1024 * 1024;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task ForExport_HealthyExportServer_AllChecksPassReadingWsusOnce()
    {
        var wsus = new FakeWsusServer().LastSync(SynchronizationOutcome.Succeeded, Now.AddHours(-2));
        var checks = StandardPreflight.ForExport(new FakeElevation(true), wsus, new FakeVolumeInspector(50 * GiB), new FakeTimeProvider(Now),
            new ExportPreflightOptions(@"E:\Transfer", 10 * GiB, 1 * GiB, TimeSpan.FromDays(1)));

        var report = await new PreflightRunner(TestLogger.Silent).RunAsync(checks, CancellationToken.None);

        CollectionAssert.AreEqual(
            new[] { "Elevated local Administrator", "WSUS installed, wsusutil found", "Last WSUS synchronization", "No WSUS synchronization running", "Free space for bundle target", "Free space for wsusutil's temp files" },
            report.Results.Select(r => r.Name).ToArray());
        Assert.IsTrue(report.Results.All(r => r.Status == PreflightStatus.Pass), string.Join("; ", report.Results.Select(r => r.Detail)));
        Assert.AreEqual(1, wsus.StatusReads);
    }

    [TestMethod]
    public async Task ForImport_ReplicaOnExFatWithOtherLanguages_FailsEachOfThose()
    {
        var wsus = new FakeWsusServer().AsReplica().WithLanguages("de");
        var volumes = new FakeVolumeInspector(50 * GiB, fileSystem: "exFAT");
        var checks = StandardPreflight.ForImport(new FakeElevation(true), wsus, volumes,
            new ImportPreflightOptions(new WsusSettings(false, ["en"], false, false), 10 * GiB, 1 * GiB));

        var report = await new PreflightRunner(TestLogger.Silent).RunAsync(checks, CancellationToken.None);

        CollectionAssert.AreEquivalent(
            new[] { "WSUS is not a replica", "Languages and express files match the export server", "WsusContent on a writable NTFS volume" },
            report.Failures.Select(f => f.Name).ToArray());
        CollectionAssert.Contains(volumes.InspectedPaths, @"D:\WSUS\WsusContent");
    }

    [TestMethod]
    public void ForImport_WsusNotInstalled_LeavesOutTheContentChecks()
    {
        var checks = StandardPreflight.ForImport(new FakeElevation(true), new FakeWsusServer().NotInstalled(), new FakeVolumeInspector(GiB),
            new ImportPreflightOptions(new WsusSettings(true, [], false, false), 1, 1));

        Assert.IsFalse(checks.Any(c => c is ContentVolumeCheck or FreeSpaceCheck));
    }

    [TestMethod]
    public async Task ForImport_TempVolumeOfWsusUtilLow_FailsThatCheckAlone()
    {
        var temp = Path.Combine(Path.GetTempPath(), "cmdsync-temp-check");
        var wsus = new FakeWsusServer().WithWsusUtilTempFolder(temp);
        var volumes = new FakeVolumeInspector(500 * GiB).WithVolume(temp, 1 * GiB, @"C:\");
        var checks = StandardPreflight.ForImport(new FakeElevation(true), wsus, volumes,
            new ImportPreflightOptions(new WsusSettings(false, ["en"], false, false), 10 * GiB, 1 * GiB) { MetadataPackageBytes = 2 * GiB });

        var report = await new PreflightRunner(TestLogger.Silent).RunAsync(checks, CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "Free space for wsusutil's temp files" }, report.Failures.Select(f => f.Name).ToArray());
        StringAssert.Contains(report.Failures.Single().Detail, temp);
    }
}
