using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class SoftwareUpdatePointTests
{
    // SMS_SUPSyncStatus.WSUSServerName and SMS_SCI_SysResUse.NetworkOSPath may hold a short or a fully qualified name.
    [TestMethod]
    [DataRow("WSUS01.corp.contoso.com", "wsus01.corp.contoso.com", true)]
    [DataRow("WSUS01", "wsus01.corp.contoso.com", true)]
    [DataRow("wsus01.corp.contoso.com", "WSUS01", true)]
    [DataRow("wsus01.corp.contoso.com", "wsus01.dmz.contoso.com", false)]
    [DataRow("wsus01", "wsus02", false)]
    public void IsServer_ShortOrQualifiedNames_SameServerOnlyWhenTheQualifiedNamesAgree(string supServer, string statusServer, bool expected)
    {
        var sut = new SoftwareUpdatePoint(supServer, "CEN");

        Assert.AreEqual(expected, sut.IsServer(statusServer));
    }
}
