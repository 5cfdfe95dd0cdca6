using System.Text;
using CMDisconnectedSync.DeploymentContent;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

[TestClass]
public sealed class MicrosoftFileDigestTests
{
    // Fixture from Microsoft's support article "Track the software update deployment process in Configuration Manager"
    // (MicrosoftDocs/SupportArticles-docs@e18717ea support/mem/configmgr/update-management/track-software-update-deployment-process.md):
    // SMSProv.log during AddUpdateContent logs "ContentFileHash = SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14" for the file
    // whose SourceURL ends "windows6.1-kb2807986-x86_83d5bb38d8c50d924f3dcd024b20fe33afbd9d14.cab".
    private const string SmsProviderForm = "SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14";

    // Fixture from Alsid's WSUSpendu paper (Black Hat USA 2017), listing 3.5: WSUS metadata FileDigest="+woVBgFHAZXEe06Nh/yz9QKSvrI="
    // (base64 SHA-1); the same file is served as Content/B2/FB0A150601470195C47B4E8D87FCB3F50292BEB2.exe in a public WSUS proxy PoC.
    private const string WsusMetadataBase64 = "+woVBgFHAZXEe06Nh/yz9QKSvrI=";

    // FIPS 180-2 test vectors for "abc".
    private const string AbcSha1 = "A9993E364706816ABA3E25717850C26C9CD0D89D";
    private const string AbcSha256 = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";

    [TestMethod]
    public void Parse_SmsProviderForm_ReadsSha1Hex()
    {
        var digest = MicrosoftFileDigest.Parse(SmsProviderForm);

        Assert.AreEqual(MicrosoftDigestAlgorithm.Sha1, digest.Algorithm);
        Assert.AreEqual("83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14", digest.Hex);
        Assert.AreEqual(SmsProviderForm, digest.ToString());
    }

    [TestMethod]
    public void Parse_SourceUrlLowerCaseHexAndPrefixedForm_AreTheSameDigest()
    {
        // The SourceURL of the same content carries the digest in lower case: both spellings must compare equal.
        Assert.AreEqual(MicrosoftFileDigest.Parse(SmsProviderForm), MicrosoftFileDigest.Parse("83d5bb38d8c50d924f3dcd024b20fe33afbd9d14"));
    }

    [TestMethod]
    public void Parse_WsusMetadataBase64_ReadsTheSameBytesAsTheContentFileName()
    {
        var digest = MicrosoftFileDigest.Parse(WsusMetadataBase64);

        Assert.AreEqual(MicrosoftDigestAlgorithm.Sha1, digest.Algorithm);
        Assert.AreEqual("FB0A150601470195C47B4E8D87FCB3F50292BEB2", digest.Hex);
        Assert.AreEqual(WsusMetadataBase64, digest.Base64);
    }

    [TestMethod]
    public void Parse_Sha256PrefixedHexAndBase64_ReadSha256()
    {
        var hex = MicrosoftFileDigest.Parse("SHA256:" + AbcSha256);
        var base64 = MicrosoftFileDigest.Parse(Convert.ToBase64String(hex.Value));

        Assert.AreEqual(MicrosoftDigestAlgorithm.Sha256, hex.Algorithm);
        Assert.AreEqual(hex, base64);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("   ")]
    [DataRow("MD5:900150983CD24FB0D6963F7D28E17F72")]
    [DataRow("SHA1:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")]
    [DataRow("SHA256:A9993E364706816ABA3E25717850C26C9CD0D89D")]
    [DataRow("A9993E364706816ABA3E25717850C26C9CD0D89")]
    [DataRow("A9993E364706816ABA3E25717850C26C9CD0D89DX")]
    [DataRow("G9993E364706816ABA3E25717850C26C9CD0D89D")]
    [DataRow("SHA1:A9993E36-4706816ABA3E25717850C26C9CD0D89")]
    [DataRow("+woVBgFHAZXEe06Nh/yz9QKSvr==")]
    [DataRow("0x83D5BB38D8C50D924F3DCD024B20FE33AFBD9D")]
    public void Parse_AnythingElse_IsRefusedWithTheContext(string text)
    {
        var error = Assert.ThrowsExactly<MicrosoftFileDigestFormatException>(() => MicrosoftFileDigest.Parse(text, "content 471 windows6.1-kb2807986-x86.cab"));

        StringAssert.StartsWith(error.Message, "content 471 windows6.1-kb2807986-x86.cab: ");
        StringAssert.Contains(error.Message, "configmgr.sum.contentFileHash");
        Assert.IsFalse(MicrosoftFileDigest.TryParse(text, out _));
    }

    [TestMethod]
    public async Task ComputeAsync_KnownVectors_MatchFips180()
    {
        var sha1 = await MicrosoftFileDigest.ComputeAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), MicrosoftDigestAlgorithm.Sha1, CancellationToken.None);
        var sha256 = await MicrosoftFileDigest.ComputeAsync(new MemoryStream(Encoding.ASCII.GetBytes("abc")), MicrosoftDigestAlgorithm.Sha256, CancellationToken.None);

        Assert.AreEqual(AbcSha1, sha1.Hex);
        Assert.AreEqual(AbcSha256, sha256.Hex);
        Assert.IsTrue(MicrosoftFileDigest.Parse(AbcSha1).Matches(sha1.Value));
        Assert.IsFalse(MicrosoftFileDigest.Parse(AbcSha1).Matches(sha256.Value));
    }

    [TestMethod]
    public async Task VerifyFileAsync_OneByteFlipped_ThrowsNamingTheLabelAndBothDigests()
    {
        var path = Path.Combine(Path.GetTempPath(), "h18-digest-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, "abd");
        try
        {
            var verifier = new MicrosoftDigestVerifier();
            var error = await Assert.ThrowsExactlyAsync<MicrosoftDigestMismatchException>(
                () => verifier.VerifyFileAsync(path, MicrosoftFileDigest.Parse(AbcSha1), "KB0000001 test.cab", CancellationToken.None));

            StringAssert.Contains(error.Message, "KB0000001 test.cab");
            StringAssert.Contains(error.Message, "SHA1:" + AbcSha1);
            StringAssert.Contains(error.Message, path);

            await File.WriteAllTextAsync(path, "abc");
            await verifier.VerifyFileAsync(path, MicrosoftFileDigest.Parse(AbcSha1), "KB0000001 test.cab", CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
