using CMDisconnectedSync.Wsus;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Wsus;

[TestClass]
public sealed class WsusMetadataFileNamesTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-names-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void CreateUnique_Always_UsesXmlGzAndLogWithTheUtcStamp()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 5, 9, TimeSpan.Zero));

        var names = WsusMetadataFileNames.CreateUnique(_folder, "export", clock);

        StringAssert.StartsWith(Path.GetFileName(names.PackagePath), "export-20261125T140509Z-");
        StringAssert.EndsWith(names.PackagePath, ".xml.gz");
        Assert.AreEqual(Path.ChangeExtension(names.PackagePath[..^3], ".log"), names.LogPath);
        Assert.AreEqual(_folder, Path.GetDirectoryName(names.PackagePath));
    }

    [TestMethod]
    public void CreateUnique_TwiceInTheSameSecond_GivesDifferentNames()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 5, 9, TimeSpan.Zero));
        var first = WsusMetadataFileNames.CreateUnique(_folder, "export", clock);
        File.WriteAllText(first.PackagePath, "taken");

        var second = WsusMetadataFileNames.CreateUnique(_folder, "export", clock);

        Assert.AreNotEqual(first.PackagePath, second.PackagePath);
        Assert.IsFalse(File.Exists(second.PackagePath));
    }
}
