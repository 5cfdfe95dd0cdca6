using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Core.Tests.Delta;

[TestClass]
public sealed class ContentInventoryScannerTests
{
    private static ContentInventoryScanner CreateSut() => new(new BundlePathValidator());

    [TestMethod]
    public void Scan_Tree_ListsFilesSortedWithSizeAndTimeButNoHash()
    {
        using var temp = new TempFolder("scan");
        temp.WriteFile("WsusContent/0B/b.cab", new byte[5]);
        var a = temp.WriteFile("WsusContent/0A/a.cab", new byte[3]);
        temp.WriteFile("WsusContent/0A/torn.cab" + HashingFileCopier.PartialSuffix, new byte[1]);

        var inventory = CreateSut().Scan(temp.Combine("WsusContent"), CancellationToken.None);

        CollectionAssert.AreEqual(new[] { "0A/a.cab", "0B/b.cab" }, inventory.Entries.Select(e => e.Path).ToArray());
        Assert.AreEqual(3L, inventory.Entries[0].Size);
        Assert.AreEqual(File.GetLastWriteTimeUtc(a), inventory.Entries[0].LastWriteUtc.UtcDateTime);
        Assert.IsNull(inventory.Entries[0].Sha256);
    }

    [TestMethod]
    public void Scan_SymlinkedFile_IsRefusedNamingIt()
    {
        using var temp = new TempFolder("scan");
        var target = temp.WriteFile("secret.txt", [1]);
        Directory.CreateDirectory(temp.Combine("WsusContent", "0A"));
        File.CreateSymbolicLink(temp.Combine("WsusContent", "0A", "x.cab"), target);

        var ex = Assert.ThrowsExactly<UnsafePathException>(() => CreateSut().Scan(temp.Combine("WsusContent"), CancellationToken.None));

        Assert.AreEqual("0A/x.cab", ex.Entry);
        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
    }

    [TestMethod]
    public void Scan_MissingRoot_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<DirectoryNotFoundException>(() => CreateSut().Scan("/no/such/WsusContent", CancellationToken.None));

        StringAssert.Contains(ex.Message, "/no/such/WsusContent");
    }

    [TestMethod]
    public void Scan_ManyFoldersScannedInParallel_SameInventoryEveryTimeAndMatchesFileInfo()
    {
        using var temp = new TempFolder("scan");
        var random = new Random(7);
        for (var i = 0; i < 600; i++)
        {
            temp.WriteFile($"WsusContent/{i % 37:X2}/{(i % 3 == 0 ? "sub/" : string.Empty)}{i:D4}.cab", new byte[random.Next(0, 64)]);
        }

        temp.WriteFile("WsusContent/top.txt", [1, 2]);
        var root = temp.Combine("WsusContent");
        var expected = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path: Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'), Info: new FileInfo(f)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => new InventoryEntry { Path = f.Path, Size = f.Info.Length, LastWriteUtc = new DateTimeOffset(f.Info.LastWriteTimeUtc, TimeSpan.Zero) })
            .ToList();

        var first = CreateSut().Scan(root, CancellationToken.None);
        var second = CreateSut().Scan(root, CancellationToken.None);

        CollectionAssert.AreEqual(expected, first.Entries.ToList());
        CollectionAssert.AreEqual(first.Entries.ToList(), second.Entries.ToList());
    }

    [TestMethod]
    public void Scan_SymlinkedFolderBelowTopLevel_IsRefusedNamingIt()
    {
        using var temp = new TempFolder("scan");
        Directory.CreateDirectory(temp.Combine("elsewhere"));
        temp.WriteFile("elsewhere/x.cab", [1]);
        temp.WriteFile("WsusContent/0A/a.cab", [1]);
        Directory.CreateSymbolicLink(temp.Combine("WsusContent", "0A", "link"), temp.Combine("elsewhere"));

        var ex = Assert.ThrowsExactly<UnsafePathException>(() => CreateSut().Scan(temp.Combine("WsusContent"), CancellationToken.None));

        Assert.AreEqual("0A/link", ex.Entry);
        Assert.AreEqual(PathRule.ReparsePoint, ex.Rule);
    }
}
