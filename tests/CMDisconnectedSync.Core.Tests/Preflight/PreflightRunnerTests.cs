using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Preflight;

namespace CMDisconnectedSync.Core.Tests.Preflight;

[TestClass]
public sealed class PreflightRunnerTests
{
    private static PreflightRunner CreateSut() => new(TestLogger.Silent);

    [TestMethod]
    public async Task RunAsync_AllPassOrWarn_ReportsNoFailureButTheWarning()
    {
        var wsus = new FakeWsusServer().LastSync(CMDisconnectedSync.Wsus.SynchronizationOutcome.Succeeded, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var reading = new WsusStatusReading(wsus);
        IPreflightCheck[] checks =
        [
            new ElevatedAdministratorCheck(new FakeElevation(true)),
            new LastWsusSynchronizationCheck(reading, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero)), TimeSpan.FromDays(1)),
            new NoWsusSynchronizationRunningCheck(reading),
        ];

        var report = await CreateSut().RunAsync(checks, CancellationToken.None);

        Assert.HasCount(3, report.Results);
        Assert.IsFalse(report.HasFailures);
        Assert.IsTrue(report.HasWarnings);
        Assert.AreEqual(1, wsus.StatusReads, "one WSUS status reading serves every check of the run");
    }

    [TestMethod]
    public async Task RunAsync_OneFails_RunsTheRestAndReportsTheFailure()
    {
        IPreflightCheck[] checks =
        [
            new ElevatedAdministratorCheck(new FakeElevation(false)),
            new WsusInstalledCheck(new FakeWsusServer()),
        ];

        var report = await CreateSut().RunAsync(checks, CancellationToken.None);

        Assert.IsTrue(report.HasFailures);
        Assert.AreEqual(PreflightStatus.Pass, report.Results[1].Status, "a failed check does not hide the others");
        Assert.AreEqual("Elevated local Administrator", report.Failures.Single().Name);
    }

    [TestMethod]
    public async Task RunAsync_CheckThrows_ReportsItFailedWithTheReason()
    {
        var wsus = new FakeWsusServer().StatusUnreadable("The WSUS administration API on WSUS01 failed: HTTP 503.");

        var report = await CreateSut().RunAsync([new NotReplicaCheck(new WsusStatusReading(wsus))], CancellationToken.None);

        var result = report.Results.Single();
        Assert.AreEqual(PreflightStatus.Fail, result.Status);
        StringAssert.Contains(result.Detail, "HTTP 503");
    }

    [TestMethod]
    public async Task RunAsync_Cancelled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsExactlyAsync<OperationCanceledException>(() =>
            CreateSut().RunAsync([new ElevatedAdministratorCheck(new FakeElevation(true))], cancellation.Token));
    }
}
