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
}
