using System.Text;
using CMDisconnectedSync.Doctor.Checks;

namespace CMDisconnectedSync.Doctor.Tests.Checks;

[TestClass]
public sealed class DeploymentContentChecksTests
{
    // Fixture from Microsoft's "Track the software update deployment process" article (SMSProv.log, ContentFileHash).
    private const string SmsProviderHash = "SHA1:83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14";

    private static ContentFileHashFormCheck HashCheck(params string[] hashes) =>
        new((_, _) => Task.FromResult<IReadOnlyList<string>>(hashes), "CM01.corp.example");

    [TestMethod]
    public async Task ContentFileHashForm_SmsProviderForm_Confirmed()
    {
        var finding = (await HashCheck(SmsProviderHash).RunAsync(CancellationToken.None)).Of(FieldFacts.ContentFileHashForm);

        Assert.AreEqual(CheckStatus.Confirmed, finding.Status);
        Assert.AreEqual(SmsProviderHash, finding.Found);
    }

    [TestMethod]
    public async Task ContentFileHashForm_ReadableButOtherForm_DiffersAskingForTheReport()
    {
        var finding = (await HashCheck("g9W7ONjFDZJPPc0CSyD+M6+9nRQ=").RunAsync(CancellationToken.None)).Of(FieldFacts.ContentFileHashForm);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, "send us this report");
    }

    [TestMethod]
    public async Task ContentFileHashForm_Unreadable_DiffersNamingExitCode79()
    {
        var finding = (await HashCheck(SmsProviderHash, "MD5:900150983CD24FB0D6963F7D28E17F72").RunAsync(CancellationToken.None)).Of(FieldFacts.ContentFileHashForm);

        Assert.AreEqual(CheckStatus.Differs, finding.Status);
        StringAssert.Contains(finding.Detail, "exit code 79");
    }

    [TestMethod]
    public async Task ContentFileHashForm_NoReader_NotApplicableWithTheManualQuery()
    {
        var finding = (await new ContentFileHashFormCheck(null, null).RunAsync(CancellationToken.None)).Of(FieldFacts.ContentFileHashForm);

        Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        StringAssert.Contains(finding.Detail, "SMS_CIContentFiles");
    }

    [TestMethod]
    public async Task WsusContentNames_FilesNamedByTheirSha1_Confirmed_AndADamagedOneDiffers()
    {
        var root = Directory.CreateTempSubdirectory("cmdsync-doctor-names-").FullName;
        try
        {
            // SHA-1("abc") = A9993E36…D89D (FIPS 180-2): WSUS would store it as 9D\A9993E36…D89D.cab.
            Directory.CreateDirectory(Path.Combine(root, "9D"));
            var file = Path.Combine(root, "9D", "A9993E364706816ABA3E25717850C26C9CD0D89D.cab");
            File.WriteAllBytes(file, Encoding.ASCII.GetBytes("abc"));
            var sut = new WsusContentNamesCheck(FakeWsus.Installed(root));

            Assert.AreEqual(CheckStatus.Confirmed, (await sut.RunAsync(CancellationToken.None)).Of(FieldFacts.WsusContentFileNames).Status);

            File.WriteAllBytes(file, Encoding.ASCII.GetBytes("abd"));
            var finding = (await sut.RunAsync(CancellationToken.None)).Of(FieldFacts.WsusContentFileNames);
            Assert.AreEqual(CheckStatus.Differs, finding.Status);
            StringAssert.Contains(finding.Found, "another SHA-1");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public async Task WsusContentNames_NoContentYet_NotApplicable()
    {
        var root = Directory.CreateTempSubdirectory("cmdsync-doctor-names-").FullName;
        try
        {
            var finding = (await new WsusContentNamesCheck(FakeWsus.Installed(root)).RunAsync(CancellationToken.None)).Of(FieldFacts.WsusContentFileNames);

            Assert.AreEqual(CheckStatus.NotApplicable, finding.Status);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
