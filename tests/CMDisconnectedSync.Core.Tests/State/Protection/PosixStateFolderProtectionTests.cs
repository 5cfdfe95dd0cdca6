using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Core.Tests.State.Protection;

/// <summary>The POSIX stand-in on this machine's real file system: owner and mode bits, no mock.</summary>
[TestClass]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PosixStateFolderProtectionTests : IDisposable
{
    private readonly TempFolder _temp = new("posix");

    [TestInitialize]
    public void SkipOnWindows()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Mode bits exist only on Linux and macOS; on Windows the NTFS adapter is used.");
        }
    }

    public void Dispose() => _temp.Dispose();

    private static PosixStateFolderProtection CreateSut() => new();

    [TestMethod]
    public void Protect_NewFolder_Mode0700OwnedByThisAccount()
    {
        var folder = _temp.Combine("a", "State");

        CreateSut().Protect(folder);

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        var descriptor = CreateSut().Read(folder)!;
        Assert.AreEqual(CreateSut().CurrentUser, descriptor.Owner);
        Assert.IsEmpty(StateAccessRule.Findings(descriptor, isDirectory: true, CreateSut().TrustedPrincipals));
    }

    [TestMethod]
    public void Protect_GroupWritableFolder_ModeTightened()
    {
        var folder = _temp.Combine("State");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0x1FD); // 0775

        CreateSut().Protect(folder);

        Assert.AreEqual((UnixFileMode)0x1C0, File.GetUnixFileMode(folder)); // 0700
    }

    [TestMethod]
    public void Read_GroupWritableFile_GroupEntryRefusedByTheRule()
    {
        var file = _temp.WriteFile("trusted-signers.txt", [1]);
        File.SetUnixFileMode(file, (UnixFileMode)0x1B4); // 0664

        var descriptor = CreateSut().Read(file)!;
        var findings = StateAccessRule.Findings(descriptor, isDirectory: false, CreateSut().TrustedPrincipals);

        StringAssert.StartsWith(findings.Single(), "gid:");
        StringAssert.Contains(findings.Single(), "may write data");
    }

    [TestMethod]
    public void Read_OtherWritableFile_EveryoneRefused()
    {
        var file = _temp.WriteFile("state.json", [1]);
        File.SetUnixFileMode(file, (UnixFileMode)0x1B6); // 0666

        var findings = StateAccessRule.Findings(CreateSut().Read(file)!, isDirectory: false, CreateSut().TrustedPrincipals);

        Assert.IsTrue(findings.Any(f => f.StartsWith("Everyone (S-1-1-0) may write data", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Read_Missing_Null()
    {
        Assert.IsNull(CreateSut().Read(_temp.Combine("nothing-here")));
    }

    [TestMethod]
    public void TrustedPrincipals_RootAndThisAccount()
    {
        CollectionAssert.Contains(CreateSut().TrustedPrincipals.ToList(), "uid:0");
        CollectionAssert.Contains(CreateSut().TrustedPrincipals.ToList(), CreateSut().CurrentUser);
    }

    [TestMethod]
    public void StoreLoad_GroupWritableTrustedSigners_RefusedWithChmodFix()
    {
        var folder = _temp.Combine("State");
        CreateSut().Protect(folder);
        var signers = Path.Combine(folder, DisconnectedStateStore.TrustedSignersFileName);
        File.WriteAllText(signers, "# none\n");
        File.SetUnixFileMode(signers, (UnixFileMode)0x1B4); // 0664
        var store = new DisconnectedStateStore(folder, TimeProvider.System, CreateSut());

        var refusal = Assert.ThrowsExactly<StateFileException>(() => store.LoadTrustedSigners());

        StringAssert.Contains(refusal.Message, signers);
        StringAssert.Contains(refusal.Message, $"chmod 0600 \"{signers}\"");
    }
}
