using CMDisconnectedSync.ConfigMgr;

namespace CMDisconnectedSync.Core.Tests.ConfigMgr;

[TestClass]
public sealed class SyncSourceSoftwareUpdatePointTests
{
    private static SoftwareUpdatePoint Sup(string server, string siteCode = "PS1") => new(server, siteCode);

    [TestMethod]
    [DataRow("CM01", DisplayName = "NetBIOS name")]
    [DataRow("cm01.corp.example", DisplayName = "FQDN, other case")]
    public void Select_ImportServerIsNotTheFirstRow_PicksTheImportServer(string thisComputer)
    {
        var points = new[] { Sup("CM02.corp.example"), Sup("CM03.corp.example"), Sup("CM01.corp.example") };

        var picked = SyncSourceSoftwareUpdatePoint.Select(points, "PS1", "CM01.corp.example", [thisComputer]);

        Assert.AreEqual(Sup("CM01.corp.example"), picked);
    }

    [TestMethod]
    public void Select_OnlySupOfTheSite_IsPickedFromAnotherComputer()
    {
        var points = new[] { Sup("CM09.child.example", "CH1"), Sup("CM01.corp.example") };

        var picked = SyncSourceSoftwareUpdatePoint.Select(points, "PS1", "CM01.corp.example", ["ADMIN-PC"]);

        Assert.AreEqual(Sup("CM01.corp.example"), picked);
    }

    [TestMethod]
    public void Select_ImportServerIsASupOfAnotherSite_IsNotPicked()
    {
        var points = new[] { Sup("CM01.corp.example", "CH1"), Sup("CM02.corp.example"), Sup("CM03.corp.example") };

        var error = Assert.ThrowsExactly<ConfigMgrException>(() => SyncSourceSoftwareUpdatePoint.Select(points, "PS1", "CM01.corp.example", ["CM01"]));

        Assert.AreEqual(ConfigMgrFailure.SiteMisconfigured, error.Failure);
        StringAssert.Contains(error.Message, "CM02.corp.example, CM03.corp.example");
    }

    [TestMethod]
    public void Select_NoSupOnTheSite_ThrowsSiteMisconfiguredNamingTheSite()
    {
        var error = Assert.ThrowsExactly<ConfigMgrException>(() => SyncSourceSoftwareUpdatePoint.Select([], "PS1", "CM01.corp.example", ["CM01"]));

        Assert.AreEqual(ConfigMgrFailure.SiteMisconfigured, error.Failure);
        StringAssert.Contains(error.Message, "Site PS1 (through CM01.corp.example) has no software update point");
    }
}
