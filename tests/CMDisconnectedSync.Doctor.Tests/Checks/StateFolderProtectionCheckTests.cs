using CMDisconnectedSync.Doctor.Checks;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

/// <summary>
/// The state folder row on this machine's real file system through the POSIX stand-in (owner and mode bits); on a
/// server the same check reads the NTFS owner and DACL. The rule itself is tested on Microsoft's SDDL in Core.Tests.
/// </summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StateFolderProtectionCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cmdsync-doctor-state-").FullName;

    [TestInitialize]
    public void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("The POSIX stand-in runs on Linux and macOS only.");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder => Path.Combine(_root, "State");

    private StateFolderProtectionCheck CreateSut() => new(new PosixStateFolderProtection(), Folder);

    [TestMethod]
    public async Task RunAsync_ProtectedFolderAndFiles_Confirmed()
    {
        new PosixStateFolderProtection().Protect(Folder);
        File.WriteAllText(Path.Combine(Folder, "state.json"), "{}");

        var finding = (await CreateSut().RunAsync(CancellationToken.None)).Of(FieldFacts.StateFolderProtected);

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status, finding.Detail);
        StringAssert.Contains(finding.Found, Folder);
    }

    [TestMethod]
    public async Task RunAsync_GroupWritableStateJson_DiffersWithTheFileAndExitCode25()
    {
        new PosixStateFolderProtection().Protect(Folder);
        var state = Path.Combine(Folder, "state.json");
        File.WriteAllText(state, "{}");
        File.SetUnixFileMode(state, (UnixFileMode)0x1B4); // 0664

        var finding = (await CreateSut().RunAsync(CancellationToken.None)).Of(FieldFacts.StateFolderProtected);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Found, state);
        StringAssert.Contains(finding.Detail, "exit code 25");
        StringAssert.Contains(finding.Detail, "chmod 0600");
    }

    [TestMethod]
    public async Task RunAsync_NoStateFolderYet_NotApplicableSayingWhoCreatesIt()
    {
        var finding = (await CreateSut().RunAsync(CancellationToken.None)).Of(FieldFacts.StateFolderProtected);

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Detail, "creates it protected");
        Assert.IsFalse(Directory.Exists(Folder), "the doctor changes nothing");
    }
}
