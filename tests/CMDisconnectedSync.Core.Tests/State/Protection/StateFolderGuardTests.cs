using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Core.Tests.State.Protection;

[TestClass]
public sealed class StateFolderGuardTests : IDisposable
{
    private readonly TempFolder _temp = new("guard");
    private readonly NtfsStandIn _ntfs = new();

    public void Dispose() => _temp.Dispose();

    private string Folder => _temp.Combine("State");

    private StateFolderGuard CreateSut() => new(_ntfs);

    [TestMethod]
    public void Prepare_MissingFolder_CreatedProtected()
    {
        CreateSut().Prepare(Folder);

        Assert.IsTrue(Directory.Exists(Folder));
        Assert.AreEqual(1, _ntfs.ProtectCalls);
        Assert.AreEqual(NtfsStandIn.ProtectedFolder, _ntfs.SddlOf(Folder));
    }

    [TestMethod]
    public void Prepare_FolderInheritingProgramDataAcl_ProtectedThenPasses()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.Set(Folder, "O:BA" + SddlFixtures.ProgramDataSubfolderInherited);

        CreateSut().Prepare(Folder);

        Assert.AreEqual(NtfsStandIn.ProtectedFolder, _ntfs.SddlOf(Folder));
    }

    [TestMethod]
    public void Prepare_ProtectedFolder_LeftAlone()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.Set(Folder, NtfsStandIn.ProtectedFolder);

        CreateSut().Prepare(Folder);

        Assert.AreEqual(0, _ntfs.ProtectCalls);
    }

    [TestMethod]
    public void Prepare_ProtectingRefused_ThrowsWithFindingAndReason()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.Set(Folder, "O:BA" + SddlFixtures.ProgramDataSubfolderInherited);
        _ntfs.ProtectFailure = new UnauthorizedAccessException("Attempted to perform an unauthorized operation.");

        var refusal = Assert.ThrowsExactly<StateFileException>(() => CreateSut().Prepare(Folder));

        StringAssert.Contains(refusal.Message, $"The state folder '{Folder}' is not protected");
        StringAssert.Contains(refusal.Message, "could not protect the folder itself: Attempted to perform an unauthorized operation.");
    }

    [TestMethod]
    public void Check_TrustedSignersOwnedByAUser_RefusedNamingFileConsequenceAndFix()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.Set(Folder, NtfsStandIn.ProtectedFolder);
        var signers = Path.Combine(Folder, DisconnectedStateStore.TrustedSignersFileName);
        File.WriteAllText(signers, "# planted\n");
        // A user planted it while the folder still let Users add files: the user owns it (and CREATOR OWNER gave them full control).
        _ntfs.Set(signers, "O:S-1-5-21-1004336348-1177238915-682003330-1001D:AI(A;ID;FA;;;S-1-5-21-1004336348-1177238915-682003330-1001)(A;ID;FA;;;SY)(A;ID;FA;;;BA)");

        var refusal = Assert.ThrowsExactly<StateFileException>(() => CreateSut().Check(Folder));

        StringAssert.Contains(refusal.Message, $"The state file '{signers}' is not protected");
        StringAssert.Contains(refusal.Message, "owned by S-1-5-21-1004336348-1177238915-682003330-1001");
        StringAssert.Contains(refusal.Message, "trust bundles signed by its own certificate");
        StringAssert.Contains(refusal.Message, "Fix: stand-in fix for " + signers);
    }

    [TestMethod]
    public void Check_StateJsonWritableByUsers_RefusedAndNothingChanged()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.Set(Folder, NtfsStandIn.ProtectedFolder);
        var state = Path.Combine(Folder, DisconnectedStateStore.StateFileName);
        File.WriteAllText(state, "{}");
        _ntfs.Set(state, "O:BAD:AI(A;;0x1301bf;;;BU)(A;ID;FA;;;SY)(A;ID;FA;;;BA)");

        var refusal = Assert.ThrowsExactly<StateFileException>(() => CreateSut().Check(Folder));

        StringAssert.Contains(refusal.Message, "BUILTIN\\Users (S-1-5-32-545) may write data, append data, delete it");
        StringAssert.Contains(refusal.Message, "get an old bundle imported again");
        Assert.AreEqual(0, _ntfs.ProtectCalls);
    }

    [TestMethod]
    public void Check_JournalWritableByEveryone_Refused()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "journals"));
        _ntfs.Set(Folder, NtfsStandIn.ProtectedFolder);
        var journal = Path.Combine(Folder, "journals", "import.journal.jsonl");
        File.WriteAllText(journal, string.Empty);
        _ntfs.Set(journal, "O:BAD:(A;;FW;;;WD)");

        StringAssert.Contains(Assert.ThrowsExactly<StateFileException>(() => CreateSut().Check(Folder)).Message, journal);
    }

    [TestMethod]
    public void Check_ImportStagingOwnedByAUser_RefusedNamingTheSwap()
    {
        // A user created import-staging while an older cmdsync's folder still let Users add folders: protecting the state
        // folder later leaves the subfolder's owner, who could swap export.xml.gz between its hash check and wsusutil.
        var staging = Path.Combine(Folder, CMDisconnectedSync.Workflows.MetadataPackageStager.StagingFolderName);
        Directory.CreateDirectory(staging);
        _ntfs.Set(Folder, NtfsStandIn.ProtectedFolder);
        _ntfs.Set(staging, "O:S-1-5-21-1004336348-1177238915-682003330-1001D:AI(A;OICI;FA;;;S-1-5-21-1004336348-1177238915-682003330-1001)(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)");

        var refusal = Assert.ThrowsExactly<StateFileException>(() => CreateSut().Check(Folder));

        StringAssert.Contains(refusal.Message, $"The state folder '{staging}' is not protected");
        StringAssert.Contains(refusal.Message, "swap the verified metadata package");
    }

    [TestMethod]
    public void Check_MissingFolder_PassesAndCreatesNothing()
    {
        CreateSut().Check(Folder);

        Assert.IsFalse(Directory.Exists(Folder));
    }

    [TestMethod]
    public void Check_PermissionsUnreadable_RefusedWithRunElevated()
    {
        Directory.CreateDirectory(Folder);
        _ntfs.ReadFailure = new UnauthorizedAccessException("Access to the path is denied.");

        var refusal = Assert.ThrowsExactly<StateFileException>(() => CreateSut().Check(Folder));

        StringAssert.Contains(refusal.Message, "run cmdsync elevated");
    }

    [TestMethod]
    public void Inspect_ProtectedFolderWithInheritingFiles_NoFindings()
    {
        CreateSut().Prepare(Folder);
        File.WriteAllText(Path.Combine(Folder, DisconnectedStateStore.StateFileName), "{}");
        File.WriteAllText(Path.Combine(Folder, DisconnectedStateStore.TrustedSignersFileName), "# none\n");

        Assert.IsEmpty(CreateSut().Inspect(Folder));
    }

    /// <summary>
    /// Stand-in for the NTFS adapter: each path's security descriptor as SDDL (new files get the entries a protected
    /// folder passes on, as Windows' inheritance does), <see cref="Protect"/> records the call and sets the DACL the real
    /// adapter applies. Only the guard's use of the port is tested with it; the rule runs on real Microsoft SDDL elsewhere.
    /// </summary>
    private sealed class NtfsStandIn : IStateFolderProtection
    {
        public const string ProtectedFolder = "O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)";
        private const string InheritedFile = "O:BAD:AI(A;ID;FA;;;SY)(A;ID;FA;;;BA)(A;ID;0x1200a9;;;BU)";
        private readonly Dictionary<string, string> _sddl = new(StringComparer.Ordinal);

        public int ProtectCalls { get; private set; }

        public Exception? ProtectFailure { get; set; }

        public Exception? ReadFailure { get; set; }

        public IReadOnlyCollection<string> TrustedPrincipals => WellKnownPrincipals.WindowsAdministrative;

        public void Set(string path, string sddl) => _sddl[path] = sddl;

        public string? SddlOf(string path) => _sddl.GetValueOrDefault(path);

        public SecurityDescriptorModel? Read(string path)
        {
            if (ReadFailure is not null)
            {
                throw ReadFailure;
            }

            if (!File.Exists(path) && !Directory.Exists(path))
            {
                return null;
            }

            return SddlParser.Parse(_sddl.GetValueOrDefault(path) ?? (Directory.Exists(path) ? ProtectedFolder : InheritedFile));
        }

        public void Protect(string folder)
        {
            ProtectCalls++;
            if (ProtectFailure is not null)
            {
                throw ProtectFailure;
            }

            Directory.CreateDirectory(folder);
            _sddl[folder] = ProtectedFolder;
        }

        public string FixFor(string path, bool isDirectory) => "Fix: stand-in fix for " + path;
    }
}
