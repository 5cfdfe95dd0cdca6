using CMDisconnectedSync.App.Presentation.Launch;

namespace CMDisconnectedSync.App.Presentation.Tests.Launch;

[TestClass]
public sealed class LaunchArgumentsTests
{
    [TestMethod]
    public void Parse_RowActionWithNamespace_TakesServerAndSiteCodeFromIt()
    {
        var result = Parse("import", "--namespace", @"\\CM01.contoso.com\root\sms\site_ps1", "--sup", @"\\SUP01.contoso.com");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(LaunchAction.Import, result.Request!.Action);
        Assert.AreEqual("CM01.contoso.com", result.Request.SiteServer);
        Assert.AreEqual("PS1", result.Request.SiteCode);
        Assert.AreEqual("SUP01.contoso.com", result.Request.SupServer);
    }

    [TestMethod]
    public void Parse_RequestContentWithGroupId_TakesTheGroupAndTheSite()
    {
        var result = Parse("request-content", "--site-server", "CM01", "--namespace", @"ROOT\SMS\site_PS1", "--group-id", "16777400");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(LaunchAction.RequestContent, result.Request!.Action);
        Assert.AreEqual(16777400, result.Request.GroupId);
        Assert.AreEqual("PS1", result.Request.SiteCode);
    }

    [TestMethod]
    [DataRow("request-content", "abc", "is not a software update group's CI_ID")]
    [DataRow("request-content", "-5", "is not a software update group's CI_ID")]
    [DataRow("request-content", "0", "is not a software update group's CI_ID")]
    [DataRow("status", "16777400", "use it with the request-content action")]
    public void Parse_BadGroupId_IsRefusedSayingWhy(string action, string value, string expected)
    {
        var result = Parse(action, "--site-server", "CM01", "--group-id", value);

        Assert.IsFalse(result.IsValid);
        Assert.IsTrue(result.Errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), string.Join("; ", result.Errors));
    }

    [TestMethod]
    public void Parse_UnsubstitutedGroupId_IsNotGiven()
    {
        // The node-level launch (no row): the console leaves ##SUB:CI_ID## as it is.
        var result = Parse("request-content", "--group-id", "##SUB:CI_ID##");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.IsNull(result.Request!.GroupId);
    }

    [TestMethod]
    public void Parse_Home_IsTheStartMenuEntryAndNeedsNoSite()
    {
        // installer/Shortcuts.wxs: the Start-menu shortcut's Arguments="home".
        var result = Parse("home");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(LaunchAction.Home, result.Request!.Action);
        Assert.IsNull(result.Request.SiteServer);
    }

    [TestMethod]
    [DataRow(@"ROOT\SMS\site_PS1")]
    [DataRow(@"root\sms\site_ps1")]
    [DataRow(@"root\SMS\Site_PS1")]
    public void Parse_NamespaceAsWmiReportsIt_TakesTheServerFromSiteServer(string providerNamespace)
    {
        // WMI's __NAMESPACE has no server ("root\cimv2" in learn.microsoft.com "WMI System Properties"; ConfigMgr rows
        // print "__NAMESPACE : root\sms\site_ABC" / "root\sms\Site_XX1"); the server comes as __SERVER ("MyServer").
        var result = Parse("export", "--site-server", "CM01", "--namespace", providerNamespace, "--site-code", "PS1", "--sup", @"\\SUP01.contoso.com");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual("CM01", result.Request!.SiteServer);
        Assert.AreEqual("PS1", result.Request.SiteCode);
        Assert.AreEqual(@"\\CM01\" + providerNamespace, result.Request.ProviderNamespace);
    }

    [TestMethod]
    public void Parse_NamespaceWithoutServerAndNoSiteServer_AsksForTheServer()
    {
        var result = Parse("status", "--namespace", @"ROOT\SMS\site_PS1");

        StringAssert.Contains(result.Errors.Single(), "names no server");
        StringAssert.Contains(result.Errors.Single(), "--site-server");
    }

    [TestMethod]
    public void Parse_ServerQualifiedNamespace_KeepsItsServer()
    {
        var result = Parse("status", "--namespace", @"\\CM01.contoso.com\ROOT\SMS\site_PS1");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(@"\\CM01.contoso.com\ROOT\SMS\site_PS1", result.Request!.ProviderNamespace);
    }

    [TestMethod]
    [DataRow("export", LaunchAction.Export)]
    [DataRow("IMPORT", LaunchAction.Import)]
    [DataRow("next-steps", LaunchAction.NextSteps)]
    [DataRow("status", LaunchAction.Status)]
    public void Parse_EachAction_IsRecognised(string action, LaunchAction expected)
    {
        var result = Parse(action, "--site-server", "CM01");

        Assert.AreEqual(expected, result.Request!.Action);
    }

    [TestMethod]
    public void Parse_NodeLevelLaunchWithoutServer_IsValidAndLeavesSiteOpen()
    {
        var result = Parse("status");

        Assert.IsTrue(result.IsValid);
        Assert.IsNull(result.Request!.SiteServer);
    }

    [TestMethod]
    public void Parse_UnsubstitutedConsoleToken_IsTreatedAsNotGiven()
    {
        var result = Parse("export", "--site-server", "##SUB:__Server##", "--sup", "##SUB:NetworkOSPath##");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.IsNull(result.Request!.SiteServer);
        Assert.IsNull(result.Request.SupServer);
    }

    [TestMethod]
    [DataRow("PS")]
    [DataRow("PS12")]
    [DataRow("P-1")]
    public void Parse_SiteCodeNotThreeAlphanumerics_SaysTheRule(string code)
    {
        var result = Parse("export", "--site-server", "CM01", "--site-code", code);

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Errors.Single(), "exactly 3 letters or digits");
        StringAssert.Contains(result.Errors.Single(), code);
    }

    [TestMethod]
    [DataRow(@"CM01\root\sms\site_PS1")]
    [DataRow(@"\\CM01\root\cimv2")]
    [DataRow(@"root\cimv2")]
    [DataRow(@"\\CM01\root\sms\site_")]
    public void Parse_MalformedNamespace_ShowsTheExpectedShape(string value)
    {
        var result = Parse("export", "--namespace", value);

        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(string.Join(" ", result.Errors), "site_");
    }

    [TestMethod]
    [DataRow("export")]
    [DataRow("import")]
    public void Parse_ExportOrImportOfAChildSitesRowInAHierarchy_SaysToUseTheTopLevelSite(string action)
    {
        var result = Parse(action, "--namespace", @"\\CAS01\root\sms\site_CAS", "--site-code", "PS1");

        StringAssert.StartsWith(result.Errors.Single(), "This software update point belongs to site PS1, below site CAS the console is connected to");
        StringAssert.Contains(result.Errors.Single(), "top-level site's software update point");
    }

    [TestMethod]
    [DataRow("status")]
    [DataRow("next-steps")]
    public void Parse_StatusOfAChildSitesRowInAHierarchy_UsesTheProviderTheConsoleIsConnectedTo(string action)
    {
        var result = Parse(action, "--namespace", @"\\CAS01\root\sms\site_CAS", "--site-code", "PS1");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(("CAS01", "CAS"), (result.Request!.SiteServer, result.Request.SiteCode));
    }

    [TestMethod]
    public void Parse_ServerShortAndFullyQualifiedForms_AreTheSameServer()
    {
        var result = Parse("export", "--site-server", "cm01", "--namespace", @"\\CM01.contoso.com\root\sms\site_PS1");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual("cm01", result.Request!.SiteServer);
    }

    [TestMethod]
    public void Parse_ServerContradictsNamespace_IsRejected()
    {
        var result = Parse("export", "--site-server", "CM02", "--namespace", @"\\CM01\root\sms\site_PS1");

        StringAssert.Contains(result.Errors.Single(), "does not match the server CM01");
    }

    [TestMethod]
    [DataRow(@"\\server\share")]
    [DataRow("cm 01")]
    [DataRow("-cm01")]
    public void Parse_SupThatIsNotAServerName_IsRejected(string sup)
    {
        var result = Parse("export", "--sup", sup);

        StringAssert.Contains(result.Errors.Single(), "--sup");
    }

    [TestMethod]
    public void Parse_SiteCodeWithoutServer_AsksForOne()
    {
        var result = Parse("export", "--site-code", "PS1");

        StringAssert.Contains(result.Errors.Single(), "without a server");
    }

    [TestMethod]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var result = Parse("frobnicate", "--site-code", "TOOLONG", "--bogus");

        Assert.HasCount(3, result.Errors, string.Join("; ", result.Errors));
        Assert.IsNull(result.Request);
    }

    [TestMethod]
    public void Parse_NoAction_SaysWhichAreValid()
    {
        var result = Parse("--site-server", "CM01");

        Assert.AreEqual("No action given: use home, export, import, next-steps, status or request-content.", result.Errors.Single());
    }

    [TestMethod]
    public void Parse_TwoActions_IsRejected()
    {
        var result = Parse("export", "import");

        StringAssert.Contains(result.Errors.Single(), "Only one action");
    }

    [TestMethod]
    public void Parse_OptionWithoutValue_SaysSo()
    {
        var result = Parse("export", "--site-server");

        Assert.AreEqual("--site-server needs a value.", result.Errors.Single());
    }

    [TestMethod]
    public void Parse_OptionTwice_IsRejected()
    {
        var result = Parse("export", "--sup", "A", "--sup", "B");

        Assert.AreEqual("--sup is given more than once.", result.Errors.Single());
    }

    [TestMethod]
    public void Parse_AutoAdvanceWithoutLab_IsRejected()
    {
        var result = Parse("export", "--auto-advance");

        StringAssert.Contains(result.Errors.Single(), "only works together with --lab");
    }

    [TestMethod]
    public void Parse_LabWithRelativeFolder_IsRejected()
    {
        var result = Parse("export", "--lab", "lab");

        Assert.AreEqual("--lab 'lab' must be a full path.", result.Errors.Single());
    }

    [TestMethod]
    public void Parse_LabAndTestHooks_AreCarried()
    {
        var lab = Path.GetFullPath("lab");
        var shots = Path.GetFullPath("shots");

        var result = Parse("status", "--lab", lab, "--screenshot-dir", shots, "--auto-advance");

        Assert.AreEqual(lab, result.Request!.LabFolder);
        Assert.AreEqual(shots, result.Request.ScreenshotFolder);
        Assert.IsTrue(result.Request.AutoAdvance);
    }

    [TestMethod]
    [DataRow("import", "failure", ExpectedOutcome.Failure)]
    [DataRow("status", "RESUMED", ExpectedOutcome.Resumed)]
    [DataRow("export", "finished", ExpectedOutcome.Finished)]
    public void Parse_ExpectWithAutoAdvance_IsTheScenariosOutcome(string action, string value, ExpectedOutcome expected)
    {
        var result = Parse(action, "--lab", Path.GetFullPath("lab"), "--auto-advance", "--expect", value, "--site-server", "CM01", "--site-code", "LAB");

        Assert.IsTrue(result.IsValid, string.Join("; ", result.Errors));
        Assert.AreEqual(expected, result.Request!.Expect);
    }

    [TestMethod]
    public void Parse_NoExpect_ExpectsTheRunToFinish()
    {
        var result = Parse("import", "--lab", Path.GetFullPath("lab"), "--auto-advance", "--site-server", "CM01", "--site-code", "LAB");

        Assert.AreEqual(ExpectedOutcome.Finished, result.Request!.Expect);
    }

    [TestMethod]
    [DataRow(new[] { "import", "--expect", "failure" }, "--expect is a test hook and only works together with --auto-advance.")]
    [DataRow(new[] { "import", "--auto-advance", "--expect", "crash" }, "--expect 'crash' is not an outcome: use finished, failure or resumed.")]
    [DataRow(new[] { "import", "--auto-advance", "--expect", "resumed" }, "--expect resumed walks the status window's Resume…: use it with the status action.")]
    public void Parse_ExpectMisused_NamesTheProblem(string[] args, string expected)
    {
        var result = Parse([.. args, "--lab", Path.GetFullPath("lab"), "--site-server", "CM01", "--site-code", "LAB"]);

        Assert.AreEqual(expected, result.Errors.Single());
    }

    private static LaunchParseResult Parse(params string[] args) => LaunchArguments.Parse(args);
}
