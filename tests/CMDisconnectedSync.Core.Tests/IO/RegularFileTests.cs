using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

[TestClass]
public sealed class RegularFileTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-regular-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void ReadAllBytes_PlainFileWithinCap_ReturnsItsBytes()
    {
        var path = Path.Combine(_folder, "a.txt");
        File.WriteAllBytes(path, [1, 2, 3]);

        CollectionAssert.AreEqual(new byte[] { 1, 2, 3 }, RegularFile.ReadAllBytes(path, 3));
    }

    [TestMethod]
    public void ReadAllBytes_OneByteOverCap_ThrowsTooLarge()
    {
        var path = Path.Combine(_folder, "a.txt");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        var ex = Assert.ThrowsExactly<RegularFileException>(() => RegularFile.ReadAllBytes(path, 3));

        Assert.AreEqual(RegularFileProblem.TooLarge, ex.Problem);
        Assert.AreEqual(path, ex.FilePath);
    }

    [TestMethod]
    public void ReadToEnd_StreamLongerThanItsCap_ThrowsTooLargeWithoutReadingOn()
    {
        // A file that grows while it is read (or a device that reports length 0) must still stop at the cap.
        using var stream = new MemoryStream(new byte[10_000]);

        var ex = Assert.ThrowsExactly<RegularFileException>(() => RegularFile.ReadToEnd(stream, "grown.txt", 100));

        Assert.AreEqual(RegularFileProblem.TooLarge, ex.Problem);
        Assert.IsLessThanOrEqualTo(101 + 81920L, stream.Position);
    }

    [TestMethod]
    public void OpenRead_Missing_ThrowsFileNotFound() =>
        Assert.ThrowsExactly<FileNotFoundException>(() => RegularFile.OpenRead(Path.Combine(_folder, "missing"), 10));

    [TestMethod]
    public void OpenRead_Folder_ThrowsNotRegular()
    {
        var ex = Assert.ThrowsExactly<RegularFileException>(() => RegularFile.OpenRead(_folder, 10));

        Assert.AreEqual(RegularFileProblem.NotRegular, ex.Problem);
    }

    [TestMethod]
    public void KindOf_EachKind_IsRecognisedWithoutFollowingLinks()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Needs Linux: /dev/null and unprivileged symbolic links.");
        }

        var file = Path.Combine(_folder, "file");
        File.WriteAllText(file, "x");
        var link = Path.Combine(_folder, "link");
        File.CreateSymbolicLink(link, file);

        Assert.AreEqual(FileKind.Regular, RegularFile.KindOf(file));
        Assert.AreEqual(FileKind.Directory, RegularFile.KindOf(_folder));
        Assert.AreEqual(FileKind.Link, RegularFile.KindOf(link));
        Assert.AreEqual(FileKind.Special, RegularFile.KindOf("/dev/null"));
        Assert.AreEqual(FileKind.Missing, RegularFile.KindOf(Path.Combine(_folder, "missing")));
        Assert.AreEqual(RegularFileProblem.NotRegular, Assert.ThrowsExactly<RegularFileException>(() => RegularFile.OpenRead(link, 10)).Problem);
    }
}
