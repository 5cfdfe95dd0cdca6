using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests.Host;

/// <summary>
/// The NTFS adapter on a real Windows machine (elevated, as on a WSUS server): it needs NTFS and the Windows security
/// APIs, so it reports Inconclusive elsewhere instead of passing. On Linux the rule and the SDDL parser it feeds are
/// tested on Microsoft's published SDDL strings (Core.Tests, State/Protection).
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class WindowsStateFolderProtectionTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder()
    {
        if (!OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("NTFS owner and DACL exist only on Windows; run these tests elevated on a Windows server.");
        }

        _folder = new TempFolder("cmdsync-acl-");
    }

    [TestCleanup]
    public void DeleteFolder() => _folder?.Delete();

    [TestMethod]
    public void Protect_NewFolder_ProtectedDaclOfSystemAdministratorsAndUsersReadThatPassesTheRule()
    {
        if (!OperatingSystem.IsWindows())
        {
            return;
        }

        var sut = new WindowsStateFolderProtection();
        var folder = Path.Combine(_folder.Path, "State");

        sut.Protect(folder);
        var descriptor = sut.Read(folder)!;

        Assert.IsTrue(descriptor.DaclProtected);
        Assert.AreEqual(WellKnownPrincipals.Administrators, descriptor.Owner);
        CollectionAssert.AreEquivalent(
            new[] { (WellKnownPrincipals.LocalSystem, AccessMask.FileAllAccess), (WellKnownPrincipals.Administrators, AccessMask.FileAllAccess), (WellKnownPrincipals.Users, 0x1200a9u) },
            descriptor.Dacl!.Select(a => (a.Principal, a.Mask)).ToArray());
        Assert.IsEmpty(StateAccessRule.Findings(descriptor, isDirectory: true, sut.TrustedPrincipals));
    }

    [TestMethod]
    public void Read_FileWrittenInProtectedFolder_InheritsOnlySystemAndAdministrators()
    {
        if (!OperatingSystem.IsWindows())
        {
            return;
        }

        var sut = new WindowsStateFolderProtection();
        var folder = Path.Combine(_folder.Path, "State");
        sut.Protect(folder);
        var file = Path.Combine(folder, "state.json");
        File.WriteAllText(file, "{}");

        Assert.IsEmpty(StateAccessRule.Findings(sut.Read(file)!, isDirectory: false, sut.TrustedPrincipals));
    }
}
