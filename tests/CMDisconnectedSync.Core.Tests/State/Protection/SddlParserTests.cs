using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Core.Tests.State.Protection;

[TestClass]
public sealed class SddlParserTests
{
    [TestMethod]
    public void Parse_DocsString1_OwnerAndMaskAsMicrosoftDecodesThem()
    {
        var descriptor = SddlParser.Parse(SddlFixtures.DocsString1);

        Assert.AreEqual("S-1-5-32-548", descriptor.Owner);
        var ace = descriptor.Dacl!.Single();
        Assert.IsTrue(ace.Allow);
        Assert.AreEqual(0x100e003fu, ace.Mask);
        Assert.AreEqual("S-1-0-0", ace.Principal);
        Assert.IsFalse(ace.InheritOnly);
        Assert.IsFalse(descriptor.DaclProtected);
    }

    [TestMethod]
    public void Parse_DocsString2_SevenDaclAcesWithMicrosoftsMasksAndTheSaclSkipped()
    {
        var descriptor = SddlParser.Parse(SddlFixtures.DocsString2);

        // Domain Admins is relative to a domain whose SID the string does not carry: kept as the alias, never trusted.
        Assert.AreEqual("DA", descriptor.Owner);
        CollectionAssert.AreEqual(new[] { 0x000f003fu, 0x000f003fu, 0x3u, 0x3u, 0x3u, 0x3u, 0x00020014u }, descriptor.Dacl!.Select(a => a.Mask).ToArray());
        CollectionAssert.AreEqual(
            new[] { "S-1-5-18", "DA", "S-1-5-32-548", "S-1-5-32-548", "S-1-5-32-548", "S-1-5-32-550", "S-1-5-11" },
            descriptor.Dacl!.Select(a => a.Principal).ToArray());
        Assert.IsTrue(descriptor.Dacl!.All(a => a.Allow));
    }

    [TestMethod]
    public void Parse_DocsAceExample_MaskAndSidAsMicrosoftDecodesThem()
    {
        var ace = SddlParser.Parse("D:" + SddlFixtures.DocsAceExample).Dacl!.Single();

        Assert.AreEqual(0x100e003fu, ace.Mask);
        Assert.AreEqual("S-1-1-0", ace.Principal);
    }

    [TestMethod]
    public void Parse_ProgramDataSubfolder_InheritFlagsAndUsersAddFileMask()
    {
        var dacl = SddlParser.Parse(SddlFixtures.ProgramDataSubfolderInherited).Dacl!;

        Assert.HasCount(5, dacl);
        Assert.AreEqual(AccessMask.FileAllAccess, dacl[0].Mask);
        Assert.AreEqual(WellKnownPrincipals.CreatorOwner, dacl[2].Principal);
        Assert.IsTrue(dacl[2].InheritOnly);
        Assert.AreEqual(0x1200a9u, dacl[3].Mask);
        // DCLCRPCR on a folder: FILE_ADD_FILE | FILE_ADD_SUBDIRECTORY | FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES.
        Assert.AreEqual(0x116u, dacl[4].Mask);
        Assert.AreEqual(WellKnownPrincipals.Users, dacl[4].Principal);
        Assert.IsTrue(dacl[4].InheritsToChildren);
        Assert.IsFalse(dacl[4].InheritOnly);
    }

    [TestMethod]
    public void Parse_ProtectedFlag_ReadFromPai()
    {
        Assert.IsTrue(SddlParser.Parse(SddlFixtures.ProgramDataSubfolderFixedByAws).DaclProtected);
        Assert.IsFalse(SddlParser.Parse(SddlFixtures.ProgramDataSubfolderInherited).DaclProtected);
    }

    [TestMethod]
    public void Parse_NoAccessControl_IsANullDacl()
    {
        // "NO_ACCESS_CONTROL": the ACL is null (security-descriptor-string-format, dacl_flags table).
        Assert.IsNull(SddlParser.Parse("O:BAD:NO_ACCESS_CONTROL").Dacl);
    }

    [TestMethod]
    public void Parse_NoDaclPart_IsANullDacl()
    {
        Assert.IsNull(SddlParser.Parse("O:BAG:SY").Dacl);
    }

    [TestMethod]
    public void Parse_EmptyDacl_IsAnEmptyList()
    {
        // "To denote an empty ACL, the security descriptor string includes the D: … token with no additional string information."
        Assert.IsEmpty(SddlParser.Parse("O:BAD:").Dacl!);
    }

    [TestMethod]
    public void Parse_DenyAce_IsNotAnAllow()
    {
        Assert.IsFalse(SddlParser.Parse("O:BAD:(D;;FA;;;BU)").Dacl!.Single().Allow);
    }

    [TestMethod]
    [DataRow("O:BAD:(A;;QQ;;;BU)")]
    [DataRow("O:BAD:(A;;FA;;;BU")]
    [DataRow("O:BAD:(Z;;FA;;;BU)")]
    [DataRow("O:BAD:(A;XX;FA;;;BU)")]
    [DataRow("O:BAD:(A;;FA;;)")]
    [DataRow("Q:BA")]
    public void Parse_Malformed_ThrowsFormatException(string sddl)
    {
        Assert.ThrowsExactly<FormatException>(() => SddlParser.Parse(sddl));
    }
}
