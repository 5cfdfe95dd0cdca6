using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class SyncSourceCheckTests
{
    [TestMethod]
    public void Evaluate_DoNotSynchronize_IsOk()
    {
        var finding = SyncSourceCheck.Evaluate(SyncSource.DoNotSynchronize, "PS1");

        Assert.IsTrue(finding.IsOk);
        Assert.AreEqual(string.Empty, finding.Fix);
    }

    [TestMethod]
    [DataRow(SyncSource.MicrosoftUpdate, "Microsoft Update")]
    [DataRow(SyncSource.UpstreamServer, "an upstream data source")]
    public void Evaluate_AnyOtherSource_WarnsWithTheConsoleFix(SyncSource source, string expectedFrom)
    {
        var finding = SyncSourceCheck.Evaluate(source, "PS1");

        Assert.IsFalse(finding.IsOk);
        StringAssert.Contains(finding.Message, "Site PS1 is set to synchronize from " + expectedFrom);
        StringAssert.Contains(finding.Fix, "Do not synchronize from Microsoft Update or upstream data source");
    }

    [TestMethod]
    [DataRow(6701, SyncState.Started)]
    [DataRow(6702, SyncState.Succeeded)]
    [DataRow(6703, SyncState.Failed)]
    [DataRow(6704, SyncState.InProgress)]
    [DataRow(6705, SyncState.InProgress)]
    [DataRow(6706, SyncState.InProgress)]
    [DataRow(6707, SyncState.ContentOutOfSync)]
    [DataRow(6708, SyncState.SucceededWithPendingLicenseTerms)]
    [DataRow(0, SyncState.Unknown)]
    public void ToSyncState_StatusMessageId_MapsToItsState(int id, SyncState expected)
    {
        Assert.AreEqual(expected, SyncStateMessages.ToSyncState(id));
    }
}
