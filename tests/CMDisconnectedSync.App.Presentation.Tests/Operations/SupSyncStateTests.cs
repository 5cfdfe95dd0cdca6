using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Presentation.Tests.Operations;

[TestClass]
public sealed class SupSyncStateTests
{
    [TestMethod]
    [DataRow(6701, SupSyncPhase.Started)]
    [DataRow(6702, SupSyncPhase.Succeeded)]
    [DataRow(6703, SupSyncPhase.Failed)]
    [DataRow(6704, SupSyncPhase.InProgress)]
    [DataRow(6706, SupSyncPhase.InProgress)]
    [DataRow(6707, SupSyncPhase.ContentOutOfSync)]
    [DataRow(6708, SupSyncPhase.SucceededWithPendingLicenseTerms)]
    [DataRow(0, SupSyncPhase.Unknown)]
    public void Phase_MapsLastSyncState(int code, SupSyncPhase expected) =>
        Assert.AreEqual(expected, State(code).Phase);

    [TestMethod]
    public void Describe_Failure_ShowsTheErrorCodeInHex() =>
        Assert.AreEqual("Failed, error 0x80072EE2 (6703)", (State(6703) with { ErrorCode = unchecked((int)0x80072EE2) }).Describe());

    private static SupSyncState State(int code) => new("PS1", "SUP01", code, null, null, 0);
}
