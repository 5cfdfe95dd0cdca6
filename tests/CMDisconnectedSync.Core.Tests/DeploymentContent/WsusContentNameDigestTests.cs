using System.Text;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class WsusContentNameDigestTests
{
    // Fixtures from Patch My PC's KB "Associating a missing cab file to an Update" (PatchMyPCTeam/kbs.patchmypc.com@26969497
    // configmgr/common-issues-and-error-codes/missing-cab-update.md): PatchDownloader.log content sources on a WSUS server.
    [TestMethod]
    [DataRow(@"F5\316611FD021A120AE9FC6A3534A56DF7656F61F5.cab", "316611FD021A120AE9FC6A3534A56DF7656F61F5")]
    [DataRow("51/F2186E510EA4BD76B93FFBBD686D50D9769F3351.cab", "F2186E510EA4BD76B93FFBBD686D50D9769F3351")]
    [DataRow("48/AE431DC3B6D7F1FC4AC7C80FC6D0570F4B166C48.cab", "AE431DC3B6D7F1FC4AC7C80FC6D0570F4B166C48")]
    public void TryRead_FieldNames_GiveTheSha1(string relativePath, string sha1)
    {
        Assert.AreEqual(MicrosoftFileDigest.Parse(sha1), WsusContentNameDigest.TryRead(relativePath));
    }

    [TestMethod]
    [DataRow("F6/316611FD021A120AE9FC6A3534A56DF7656F61F5.cab")] // folder is not the last byte
    [DataRow("316611FD021A120AE9FC6A3534A56DF7656F61F5.cab")] // no folder
    [DataRow("x/F5/316611FD021A120AE9FC6A3534A56DF7656F61F5.cab")] // too deep
    [DataRow("F5/316611FD021A120AE9FC6A3534A56DF7656F61F.cab")] // 39 digits
    [DataRow("F5/windows10.0-kb5031356-x64.cab")]
    [DataRow("")]
    public void TryRead_OtherNames_CarryNoDigest(string relativePath)
    {
        Assert.IsNull(WsusContentNameDigest.TryRead(relativePath));
    }

    [TestMethod]
    public void PathFor_IsTheInverseOfTryRead()
    {
        var digest = MicrosoftFileDigest.Parse("AE431DC3B6D7F1FC4AC7C80FC6D0570F4B166C48");

        var path = WsusContentNameDigest.PathFor(digest, ".cab");

        Assert.AreEqual("48/AE431DC3B6D7F1FC4AC7C80FC6D0570F4B166C48.cab", path);
        Assert.AreEqual(digest, WsusContentNameDigest.TryRead(path));
    }

    [TestMethod]
    public async Task CheckAsync_ContentAgainstItsName_MatchesOnlyTheRealBytes()
    {
        var bytes = Encoding.ASCII.GetBytes("abc");
        var name = WsusContentNameDigest.PathFor(MicrosoftFileDigest.Parse("A9993E364706816ABA3E25717850C26C9CD0D89D"), ".cab");

        Assert.IsTrue(await WsusContentNameDigest.CheckAsync(name, new MemoryStream(bytes), CancellationToken.None));
        bytes[1] ^= 1;
        Assert.IsFalse(await WsusContentNameDigest.CheckAsync(name, new MemoryStream(bytes), CancellationToken.None));
        Assert.IsNull(await WsusContentNameDigest.CheckAsync("00/readme.txt", new MemoryStream(bytes), CancellationToken.None));
    }

    [TestMethod]
    public void WsusContentLookup_FindsTheFileByDigestAndSize()
    {
        var root = Path.Combine(Path.GetTempPath(), "h18-wsus-" + Guid.NewGuid().ToString("N"));
        var digest = MicrosoftFileDigest.Parse("A9993E364706816ABA3E25717850C26C9CD0D89D");
        var path = Path.Combine(root, WsusContentNameDigest.PathFor(digest, ".cab").Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "abc");
        try
        {
            var lookup = new WsusContentLookup(root);

            Assert.AreEqual(path, lookup.TryFind(digest, 3));
            Assert.IsNull(lookup.TryFind(digest, 4));
            Assert.IsNull(lookup.TryFind(MicrosoftFileDigest.Parse("83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14"), 3));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
