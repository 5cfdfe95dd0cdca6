using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Core.Tests.IO;

/// <summary>
/// That a flush reached the platter cannot be observed without cutting the power; these tests pin what can be:
/// every file is opened and flushed without a byte changing, and a file that is not there stops the writer
/// before its manifest is written.
/// </summary>
[TestClass]
public sealed class DiskFlushTests
{
    [TestMethod]
    public async Task FilesAsync_MoreFilesThanConcurrentFlushes_LeavesEveryFileByteForByte()
    {
        using var temp = new TempFolder("flush");
        var paths = Enumerable.Range(0, DiskFlush.ConcurrentFlushes * 3).Select(i => temp.WriteFile($"f/{i:000}.cab", BundleScenario.Bytes(100 + i, i))).ToList();

        await DiskFlush.FilesAsync(paths, CancellationToken.None);

        for (var i = 0; i < paths.Count; i++)
        {
            CollectionAssert.AreEqual(BundleScenario.Bytes(100 + i, i), File.ReadAllBytes(paths[i]), paths[i]);
        }
    }

    [TestMethod]
    public async Task FilesAsync_AFileIsGone_Throws()
    {
        using var temp = new TempFolder("flush");
        var paths = new[] { temp.WriteFile("a.cab", [1, 2, 3]), temp.Combine("gone.cab") };

        await Assert.ThrowsAsync<FileNotFoundException>(() => DiskFlush.FilesAsync(paths, CancellationToken.None));
    }
}
