using CMDisconnectedSync.App.Presentation.Launch;

namespace CMDisconnectedSync.App.Presentation.Tests.Launch;

[TestClass]
public sealed class LocalServerGuardTests
{
    private static readonly LocalComputer Cm01 = new("CM01", "CM01.corp.example");

    private static LaunchRequest Request(LaunchAction action, string? sup) =>
        new(action, "CM01.corp.example", "PS1", null, sup, null, null, false);

    [TestMethod]
    [DataRow("CM01")]
    [DataRow("cm01.corp.example")]
    [DataRow("CM01.other-suffix.example")]
    public void Refusal_ActionForThisComputer_IsNull(string sup)
    {
        Assert.IsNull(LocalServerGuard.Refusal(Request(LaunchAction.Import, sup), Cm01));
    }

    [TestMethod]
    public void Refusal_ThisComputerWithoutDnsSuffix_MatchesTheRowsFqdnByItsHostName()
    {
        Assert.IsNull(LocalServerGuard.Refusal(Request(LaunchAction.Export, "WSUS02.corp.example"), new LocalComputer("WSUS02", null)));
    }

    [TestMethod]
    [DataRow(LaunchAction.Import, "This import was started for the software update point WSUS02.corp.example, but this computer is CM01.corp.example.")]
    [DataRow(LaunchAction.Export, "This export was started for the software update point WSUS02.corp.example, but this computer is CM01.corp.example.")]
    public void Refusal_ExportOrImportForAnotherServer_NamesBothServersAndWhereToRunIt(LaunchAction action, string start)
    {
        var refusal = LocalServerGuard.Refusal(Request(action, "WSUS02.corp.example"), Cm01);

        StringAssert.StartsWith(refusal, start);
        StringAssert.Contains(refusal, "start it on WSUS02.corp.example");
    }

    [TestMethod]
    [DataRow(LaunchAction.Status)]
    [DataRow(LaunchAction.NextSteps)]
    public void Refusal_ReadOnlyActionForAnotherServer_IsAllowed(LaunchAction action)
    {
        Assert.IsNull(LocalServerGuard.Refusal(Request(action, "WSUS02.corp.example"), Cm01));
    }

    [TestMethod]
    public void Refusal_NodeLevelActionWithoutSup_IsAllowed()
    {
        Assert.IsNull(LocalServerGuard.Refusal(Request(LaunchAction.Import, null), Cm01));
    }
}
