using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Core.Tests.State.Protection;

[TestClass]
public sealed class StateAccessRuleTests
{
    private static readonly IReadOnlyCollection<string> Windows = WellKnownPrincipals.WindowsAdministrative;

    private static IReadOnlyList<string> Findings(string sddl, bool isDirectory) =>
        StateAccessRule.Findings(SddlParser.Parse(sddl), isDirectory, Windows);

    [TestMethod]
    public void Findings_ProgramDataSubfolderOwnedByAdministrators_UsersMayAddFiles()
    {
        // What a state folder made with a plain Directory.CreateDirectory under ProgramData gets (AWS's $wrongsddl).
        var findings = Findings("O:BA" + SddlFixtures.ProgramDataSubfolderInherited, isDirectory: true);

        var finding = findings.Single();
        StringAssert.Contains(finding, "BUILTIN\\Users (S-1-5-32-545)");
        StringAssert.Contains(finding, "add files");
        StringAssert.Contains(finding, "add subfolders");
    }

    [TestMethod]
    public void Findings_AwsProtectedProgramDataSubfolder_Passes()
    {
        // Users may only read; CREATOR OWNER is a template for children whose creators must already be allowed to add files.
        Assert.IsEmpty(Findings("O:SY" + SddlFixtures.ProgramDataSubfolderFixedByAws, isDirectory: true));
    }

    [TestMethod]
    public void Findings_DocsString1_UntrustedOwnerAndNullSidWithGenericAll()
    {
        var findings = Findings(SddlFixtures.DocsString1, isDirectory: false);

        Assert.HasCount(2, findings);
        StringAssert.Contains(findings[0], "owned by S-1-5-32-548");
        StringAssert.Contains(findings[1], "S-1-0-0 may do anything");
    }

    [TestMethod]
    public void Findings_DocsString2_DomainAdminsOwnerAndWritersRefused()
    {
        // Domain Admins is not resolvable from the string alone: the rule does not guess that it is an administrator.
        var findings = Findings(SddlFixtures.DocsString2, isDirectory: true);

        StringAssert.Contains(findings[0], "owned by DA");
        Assert.IsTrue(findings.Any(f => f.StartsWith("DA may", StringComparison.Ordinal)));
        // Account Operators' object ACEs (CCDC = 0x3) and Authenticated Users' 0x20014 (LC: add subfolders) are writers too.
        Assert.IsTrue(findings.Any(f => f.StartsWith("S-1-5-32-548 may add files", StringComparison.Ordinal)));
        Assert.IsTrue(findings.Any(f => f.StartsWith("NT AUTHORITY\\Authenticated Users (S-1-5-11) may add subfolders", StringComparison.Ordinal)));
        Assert.IsFalse(findings.Any(f => f.StartsWith("NT AUTHORITY\\SYSTEM", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Findings_DocsAceExampleForEveryone_Refused()
    {
        var finding = Findings("O:BAD:" + SddlFixtures.DocsAceExample, isDirectory: false).Single();

        StringAssert.Contains(finding, "Everyone (S-1-1-0)");
        StringAssert.Contains(finding, "change its permissions");
        StringAssert.Contains(finding, "take ownership");
    }

    [TestMethod]
    public void Findings_NullDacl_Refused()
    {
        StringAssert.Contains(Findings("O:BAD:NO_ACCESS_CONTROL", isDirectory: false).Single(), "NULL DACL");
    }

    [TestMethod]
    public void Findings_OwnedByUsers_RefusedEvenWithAdminOnlyEntries()
    {
        StringAssert.Contains(Findings("O:BUD:PAI(A;;FA;;;SY)(A;;FA;;;BA)", isDirectory: false).Single(), "owned by BUILTIN\\Users");
    }

    [TestMethod]
    public void Findings_TrustedInstallerOwnerAndWriter_Passes()
    {
        const string trustedInstaller = WellKnownPrincipals.TrustedInstaller;
        Assert.IsEmpty(Findings($"O:{trustedInstaller}D:PAI(A;;FA;;;{trustedInstaller})(A;;FA;;;SY)(A;;0x1200a9;;;BU)", isDirectory: false));
    }

    [TestMethod]
    public void Findings_DenyBeforeAllowForUsers_StillRefused()
    {
        // Deny entries are not credited (order and group membership decide them); the allow is what a member might get.
        Assert.HasCount(1, Findings("O:BAD:(D;;FA;;;BU)(A;;FW;;;BU)", isDirectory: false));
    }

    [TestMethod]
    public void Findings_WriteAttributesAndExtendedAttributesOnly_Passes()
    {
        // 0x110 = FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA: neither changes the bytes nor the permissions.
        Assert.IsEmpty(Findings("O:BAD:(A;;0x110;;;BU)", isDirectory: false));
    }

    [TestMethod]
    public void Findings_DeleteOnly_Refused()
    {
        // Deleting state.json loses replay protection: DELETE (SD) counts.
        StringAssert.Contains(Findings("O:BAD:(A;;SD;;;BU)", isDirectory: false).Single(), "delete it");
    }

    [TestMethod]
    public void Findings_InheritOnlyWriteForUsers_OnlyTheFolderIsRefused()
    {
        const string sddl = "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICIIO;FW;;;BU)";

        Assert.IsEmpty(Findings(sddl, isDirectory: false));
        StringAssert.Contains(Findings(sddl, isDirectory: true).Single(), "on the files created in it");
    }

    [TestMethod]
    public void Findings_OwnerRightsWithTrustedOwner_Passes()
    {
        Assert.IsEmpty(Findings("O:BAD:(A;;FA;;;OW)", isDirectory: false));
    }

    [TestMethod]
    public void Findings_OwnerRightsWithUntrustedOwner_RefusedForOwnerAndEntry()
    {
        Assert.HasCount(2, Findings("O:BUD:(A;;FA;;;OW)", isDirectory: false));
    }

    [TestMethod]
    public void Findings_CurrentAdminUserAddedToTrusted_OwnFilePasses()
    {
        const string user = "S-1-5-21-1004336348-1177238915-682003330-500";
        var findings = StateAccessRule.Findings(SddlParser.Parse($"O:{user}D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)"), false, [.. Windows, user]);

        Assert.IsEmpty(findings);
        Assert.HasCount(1, StateAccessRule.Findings(SddlParser.Parse($"O:{user}D:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)"), false, Windows));
    }
}
