using System.IO.Compression;
using CMDisconnectedSync.Lab.WsusUtil;

namespace CMDisconnectedSync.Lab.WsusUtil.Tests;

[TestClass]
public sealed class MetadataPackageTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-labpackage-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string WriteContent(string relativePath, int bytes)
    {
        var path = Path.Combine(_folder, "WsusContent", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        return path;
    }

    [TestMethod]
    public void Write_WithPadding_PackageIsAboutThatLargeAndReadsTheSameEntries()
    {
        WriteContent(Path.Combine("0A", "a.cab"), 10);
        var entries = MetadataPackage.ListContent(Path.Combine(_folder, "WsusContent"));
        var package = Path.Combine(_folder, "p.xml.gz");

        MetadataPackage.Write(package, entries, [], new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), paddingBytes: 300_000);

        Assert.IsGreaterThan(200_000L, new FileInfo(package).Length, "gzip cannot shrink the padding much");
        CollectionAssert.AreEqual(new[] { new PackageEntry("0A/a.cab", 10) }, MetadataPackage.Read(package).ToArray());
    }

    [TestMethod]
    public void WriteThenRead_ContentFolder_RoundTripsEveryFileWithItsSize()
    {
        WriteContent(Path.Combine("0A", "a.cab"), 10);
        WriteContent(Path.Combine("B7", "eula.txt"), 3);
        var entries = MetadataPackage.ListContent(Path.Combine(_folder, "WsusContent"));
        var package = Path.Combine(_folder, "p.xml.gz");

        MetadataPackage.Write(package, entries, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        CollectionAssert.AreEqual(
            new[] { new PackageEntry("0A/a.cab", 10), new PackageEntry("B7/eula.txt", 3) },
            MetadataPackage.Read(package).ToArray());
    }

    [TestMethod]
    public void Read_NotGzip_ThrowsInvalidDataNamingThePackage()
    {
        var package = Path.Combine(_folder, "bad.xml.gz");
        File.WriteAllText(package, "plain text");

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => MetadataPackage.Read(package));

        StringAssert.Contains(exception.Message, package);
    }

    [TestMethod]
    public void Read_GzipOfOtherXml_ThrowsInvalidDataAboutTheRootElement()
    {
        var package = Path.Combine(_folder, "other.xml.gz");
        using (var gzip = new GZipStream(File.Create(package), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("<SomethingElse />");
        }

        var exception = Assert.ThrowsExactly<InvalidDataException>(() => MetadataPackage.Read(package));

        StringAssert.Contains(exception.Message, MetadataPackage.RootElement);
    }
}
