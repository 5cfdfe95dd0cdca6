using CMDisconnectedSync.Wsus.Host;
using CMDisconnectedSync.Wsus.Tests.TestSupport;

namespace CMDisconnectedSync.Wsus.Tests.Host;

[TestClass]
public sealed class DriveVolumeInspectorTests
{
    private TempFolder _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = new TempFolder("cmdsync-volume-");

    [TestCleanup]
    public void DeleteFolder() => _folder.Delete();

    private static DriveVolumeInspector CreateSut() => new();

    [TestMethod]
    public void Inspect_WritableTempFolder_ReportsFreeSpaceFileSystemAndWritable()
    {
        var volume = CreateSut().Inspect(_folder.Path);

        Assert.IsGreaterThan(0L, volume.FreeBytes);
        Assert.IsFalse(string.IsNullOrWhiteSpace(volume.FileSystem));
        Assert.IsTrue(volume.IsWritable);
        Assert.IsTrue(_folder.Path.StartsWith(volume.RootPath, StringComparison.Ordinal), $"{volume.RootPath} holds {_folder.Path}");
    }

    [TestMethod]
    public void Inspect_Always_LeavesNothingBehind()
    {
        CreateSut().Inspect(_folder.Path);

        Assert.IsEmpty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [TestMethod]
    public void Inspect_PathNotCreatedYet_UsesItsNearestExistingParent()
    {
        var volume = CreateSut().Inspect(_folder.Combine("bundle", "not", "yet"));

        Assert.IsTrue(volume.IsWritable);
        Assert.IsFalse(Directory.Exists(_folder.Combine("bundle")), "inspecting must not create the folder");
    }

    [TestMethod]
    public void Inspect_ReadOnlyFolder_ReportsNotWritable()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
        {
            Assert.Inconclusive("Unix mode bits do not restrict root, and Windows needs an ACL for this; covered on a non-root Linux run.");
            return;
        }

        var readOnly = Directory.CreateDirectory(_folder.Combine("ro")).FullName;
        SetMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.IsFalse(CreateSut().Inspect(readOnly).IsWritable);
        }
        finally
        {
            SetMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void SetMode(string path, UnixFileMode mode) => File.SetUnixFileMode(path, mode);
}
