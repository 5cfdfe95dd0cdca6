using System.Text;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class ContentRequestSerializerTests
{
    // Values shaped like real SMS_CIContentFiles rows: ContentID UInt32, FileName with the KB in it, SourceURL on
    // download.windowsupdate.com, FileHash as the provider returns it (kept opaque here; parsed by MicrosoftFileDigest).
    internal static ContentRequestFile File(uint contentId, string fileName, long size = 1234, string? url = null) => new()
    {
        CiUniqueId = "5c3b1f4e-8a2d-4c1b-9f0e-2d7a6b5c4e3f",
        CiId = 16777300 + (int)contentId,
        ArticleId = "5005565",
        Title = "2021-09 Cumulative Update for Windows 10 Version 21H1 for x64-based Systems (KB5005565)",
        ContentId = contentId,
        FileName = fileName,
        FileSize = size,
        SourceUrl = url ?? "http://download.windowsupdate.com/c/msdownload/update/software/secu/2021/09/" + fileName,
        LanguageId = 0,
        FileHash = "SHA1:9C8DA1CEB3D6E5B4A7C8F2E1D0B9A8C7F6E5D4C3",
    };

    private static ContentRequest CreateSut(IReadOnlyList<ContentRequestFile>? files = null) => new()
    {
        FormatVersion = ContentRequestSerializer.CurrentFormatVersion,
        RequestId = "0123456789abcdef0123456789abcdef",
        SiteCode = "DIS",
        CreatedAtUtc = new DateTimeOffset(2026, 12, 7, 18, 0, 0, TimeSpan.FromHours(2)),
        Selection = new ContentSelection { Groups = ["Patch Tuesday 2026-12", "Baseline"], Updates = ["KB5005565"] },
        Languages = [1033, 1031],
        Files = files ??
        [
            File(17000002, "windows10.0-kb5005565-x64_b.cab"),
            File(17000001, "windows10.0-kb5005565-x64_a.cab"),
        ],
    };

    private static ContentRequestFormatException Refused(ContentRequest request) =>
        Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.Deserialize(Encoding.UTF8.GetBytes(RawJson(request)), "E:/request.json"));

    // Serializes without the writer's validation, as a hostile or hand-edited file would look.
    private static string RawJson(ContentRequest request) =>
        System.Text.Json.JsonSerializer.Serialize(request, DeploymentContentJsonContext.Default.ContentRequest);

    [TestMethod]
    public void Serialize_SameRequestInAnyOrder_GivesSameBytes()
    {
        var first = CreateSut();
        var reordered = first with
        {
            Files = first.Files.Reverse().ToList(),
            Languages = [1031, 1033],
            Selection = first.Selection with { Groups = ["Baseline", "Patch Tuesday 2026-12"] },
        };

        CollectionAssert.AreEqual(ContentRequestSerializer.Serialize(first), ContentRequestSerializer.Serialize(reordered));
    }

    [TestMethod]
    public void Serialize_Request_WritesVersionSiteUtcTimeAndRawFileHash()
    {
        var json = Encoding.UTF8.GetString(ContentRequestSerializer.Serialize(CreateSut()));

        StringAssert.StartsWith(json, "{\"formatVersion\":\"1.0\",\"requestId\":\"0123456789abcdef0123456789abcdef\",\"siteCode\":\"DIS\",\"createdAtUtc\":\"2026-12-07T16:00:00.0000000Z\"");
        StringAssert.Contains(json, "\"fileHash\":\"SHA1:9C8DA1CEB3D6E5B4A7C8F2E1D0B9A8C7F6E5D4C3\"");
        Assert.IsLessThan(json.IndexOf("x64_b.cab", StringComparison.Ordinal), json.IndexOf("x64_a.cab", StringComparison.Ordinal));
    }

    [TestMethod]
    public void SerializeDeserialize_Request_RoundTripsToSameBytes()
    {
        var bytes = ContentRequestSerializer.Serialize(CreateSut());

        var read = ContentRequestSerializer.Deserialize(bytes, "request.json");

        CollectionAssert.AreEqual(bytes, ContentRequestSerializer.Serialize(read));
        Assert.AreEqual(17000001u, read.Files[0].ContentId);
        Assert.AreEqual("SHA1:9C8DA1CEB3D6E5B4A7C8F2E1D0B9A8C7F6E5D4C3", read.Files[0].FileHash);
    }

    [TestMethod]
    public void Serialize_OneFileEntry_IsAboutFiveHundredBytes()
    {
        var one = ContentRequestSerializer.Serialize(CreateSut([File(1, "windows10.0-kb5005565-x64_00000000000000000000000000000000000000.cab")])).Length;
        var two = ContentRequestSerializer.Serialize(CreateSut([File(1, "windows10.0-kb5005565-x64_00000000000000000000000000000000000000.cab"), File(2, "windows10.0-kb5005565-x64_00000000000000000000000000000000000001.cab")])).Length;

        var perEntry = two - one;

        // The cap's comment promises > 100,000 entries in MaxRequestBytes.
        Assert.IsTrue(perEntry is > 300 and < 640, $"one entry is {perEntry} bytes");
        Assert.IsGreaterThan(ContentRequestSerializer.MaxFiles, ContentRequestSerializer.MaxRequestBytes / perEntry);
    }

    [TestMethod]
    public void Deserialize_UnknownMajorVersion_IsRefusedNamingTheFile()
    {
        var json = Encoding.UTF8.GetString(ContentRequestSerializer.Serialize(CreateSut())).Replace("\"1.0\"", "\"2.0\"", StringComparison.Ordinal);

        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "E:/request.json"));

        Assert.AreEqual(ContentRequestProblem.UnsupportedVersion, ex.Problem);
        StringAssert.Contains(ex.Message, "E:/request.json");
    }

    [TestMethod]
    public void Deserialize_NewerMinorWithUnknownField_IsAccepted()
    {
        var json = Encoding.UTF8.GetString(ContentRequestSerializer.Serialize(CreateSut()))
            .Replace("\"1.0\"", "\"1.4\"", StringComparison.Ordinal)
            .Replace("\"siteCode\":\"DIS\"", "\"siteCode\":\"DIS\",\"future\":[1]", StringComparison.Ordinal);

        Assert.AreEqual("DIS", ContentRequestSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "r.json").SiteCode);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("[]")]
    [DataRow("null")]
    [DataRow("{\"formatVersion\":\"1.0\",\"requestId\":\"0123456789abcdef0123456789abcdef\"")]
    [DataRow("{\"formatVersion\":\"1.0\"}")]
    public void Deserialize_TruncatedOrIncomplete_IsMalformed(string json)
    {
        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.Deserialize(Encoding.UTF8.GetBytes(json), "r.json"));

        Assert.AreEqual(ContentRequestProblem.Malformed, ex.Problem);
        StringAssert.Contains(ex.Message, "r.json");
    }

    [TestMethod]
    [DataRow("../../Windows/System32/evil.dll")]
    [DataRow("/etc/passwd")]
    [DataRow("C:/Windows/evil.dll")]
    [DataRow("a\\..\\..\\evil.dll")]
    [DataRow("file.cab:hidden")]
    [DataRow("CON")]
    public void Deserialize_FileNameEscapingItsFolder_IsRefusedNamingIt(string fileName)
    {
        var ex = Refused(CreateSut([File(7, fileName)]));

        StringAssert.Contains(ex.Message, "content 7 file");
        StringAssert.Contains(ex.Message, "cannot be stored safely");
    }

    [TestMethod]
    [DataRow("file:///C:/Windows/win.ini")]
    [DataRow("ftp://download.windowsupdate.com/a.cab")]
    [DataRow("http://user:secret@download.windowsupdate.com/a.cab")]
    [DataRow("download.windowsupdate.com/a.cab")]
    [DataRow("")]
    public void Deserialize_SourceUrlNotPlainHttp_IsRefused(string url)
    {
        var ex = Refused(CreateSut([File(7, "a.cab", url: url)]));

        StringAssert.Contains(ex.Message, "sourceUrl");
    }

    [TestMethod]
    public void Deserialize_SameFileTwiceDifferingOnlyInCase_IsRefused()
    {
        var ex = Refused(CreateSut([File(7, "a.cab"), File(7, "A.CAB")]));

        StringAssert.Contains(ex.Message, "listed twice");
    }

    [TestMethod]
    public void Deserialize_NegativeSizeOrEmptyHashOrZeroContentId_IsRefused()
    {
        StringAssert.Contains(Refused(CreateSut([File(7, "a.cab", size: -1)])).Message, "negative size");
        StringAssert.Contains(Refused(CreateSut([File(7, "a.cab") with { FileHash = "" }])).Message, "no fileHash");
        StringAssert.Contains(Refused(CreateSut([File(0, "a.cab")])).Message, "content ID 0");
        StringAssert.Contains(Refused(CreateSut([File(7, "a.cab", size: long.MaxValue), File(8, "b.cab", size: 1)])).Message, "add up");
    }

    [TestMethod]
    public void Deserialize_BadSiteCodeOrRequestId_IsRefused()
    {
        StringAssert.Contains(Refused(CreateSut() with { SiteCode = "D/S" }).Message, "siteCode");
        StringAssert.Contains(Refused(CreateSut() with { RequestId = "x" }).Message, "requestId");
    }

    [TestMethod]
    public void Serialize_InvalidRequest_IsRefusedBeforeWriting()
    {
        Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.Serialize(CreateSut([File(7, "../x.cab")])));
    }

    [TestMethod]
    public async Task WriteFileAsyncReadFile_Request_RoundTripsAndReportsHashOfBytes()
    {
        using var temp = new TempFolder("request");
        var path = temp.Combine("request.json");

        await ContentRequestSerializer.WriteFileAsync(path, CreateSut(), CancellationToken.None);
        var read = ContentRequestSerializer.ReadFile(path, out var sha256);

        Assert.HasCount(2, read.Files);
        Assert.AreEqual(CMDisconnectedSync.IO.Sha256Hex.OfBytes(System.IO.File.ReadAllBytes(path)), sha256);
    }

    [TestMethod]
    public void ReadFile_Missing_IsUnreadableNamingTheFile()
    {
        using var temp = new TempFolder("request");
        var path = temp.Combine("nope.json");

        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.ReadFile(path));

        Assert.AreEqual(ContentRequestProblem.Unreadable, ex.Problem);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void ReadFile_LargerThanTheCap_IsRefusedWithoutReadingIt()
    {
        using var temp = new TempFolder("request");
        var path = temp.Combine("big.json");
        using (var stream = System.IO.File.Create(path))
        {
            stream.SetLength(ContentRequestSerializer.MaxRequestBytes + 1);
        }

        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.ReadFile(path));

        Assert.AreEqual(ContentRequestProblem.Unreadable, ex.Problem);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void ReadFile_LinkToDevZero_IsRefusedNamingIt()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Linux-only: /dev/zero.");
        }

        using var temp = new TempFolder("request");
        var path = temp.Combine("request.json");
        System.IO.File.CreateSymbolicLink(path, "/dev/zero");

        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.ReadFile(path));

        Assert.AreEqual(ContentRequestProblem.Unreadable, ex.Problem);
        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    [Timeout(20_000, CooperativeCancellation = true)]
    public void ReadFile_Fifo_IsRefusedWithoutBlocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Inconclusive("Linux-only: mkfifo.");
        }

        using var temp = new TempFolder("request");
        var path = temp.Combine("request.json");
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.AreEqual(0, mkfifo.ExitCode);
        }

        var ex = Assert.ThrowsExactly<ContentRequestFormatException>(() => ContentRequestSerializer.ReadFile(path));

        StringAssert.Contains(ex.Message, path);
    }

    [TestMethod]
    public void BundleRelativePath_File_IsDeploymentContentContentIdFileName()
    {
        Assert.AreEqual("deployment-content/17000001/windows10.0-kb5005565-x64_a.cab", ContentRequestSerializer.BundleRelativePath(File(17000001, "windows10.0-kb5005565-x64_a.cab")));
    }
}
