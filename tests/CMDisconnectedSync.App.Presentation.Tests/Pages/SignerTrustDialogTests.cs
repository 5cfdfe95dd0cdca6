using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class SignerTrustDialogTests
{
    private readonly FakeOperations _operations = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));

    [TestMethod]
    public void Details_ShowSubjectIssuerThumbprintValidityAndDaysLeftInOneDateFormatWithTheZone()
    {
        var sut = CreateSut();

        var details = sut.Details.ToDictionary(d => d.Key, d => d.Value);

        Assert.AreEqual("CN=Contoso WSUS transfer", details["Certificate subject"]);
        Assert.AreEqual("itself (self-signed)", details["Issued by"]);
        Assert.AreEqual("3A5F 0C9E 4B7D 21A6 F8E3 C0B5 D9A7 E1F2 C4B6 D8A0", details["Thumbprint"]);
        Assert.AreEqual("2026-01-01 01:00 UTC+01:00", details["Valid from"]);
        Assert.AreEqual("2027-01-01 01:00 UTC+01:00", details["Valid until"]);
        Assert.AreEqual("24 day(s) (expires soon)", details["Days left"]);
    }

    [TestMethod]
    [DataRow("", ThumbprintMatch.Empty, false)]
    [DataRow("3a5f 0c9e", ThumbprintMatch.Incomplete, false)]
    [DataRow("3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A1", ThumbprintMatch.Mismatch, false)]
    [DataRow("3a:5f:0c:9e:4b:7d:21:a6:f8:e3:c0:b5:d9:a7:e1:f2:c4:b6:d8:a0", ThumbprintMatch.Matches, true)]
    [DataRow("3A5F 0C9E 4B7D 21A6 F8E3 C0B5 D9A7 E1F2 C4B6 D8A0", ThumbprintMatch.Matches, true)]
    public void TypedThumbprint_ComparedWithTheCertificate_EnablesTrustOnlyOnAFullMatch(string typed, ThumbprintMatch expected, bool canTrust)
    {
        var sut = CreateSut();

        sut.TypedThumbprint = typed;

        Assert.AreEqual(expected, sut.Match);
        Assert.AreEqual(canTrust, sut.CanTrust);
    }

    [TestMethod]
    public void MatchText_WrongThumbprint_WarnsNotToTrust()
    {
        var sut = CreateSut();

        sut.TypedThumbprint = "FFFF";

        StringAssert.Contains(sut.MatchText, "NOT the thumbprint");
    }

    [TestMethod]
    public async Task TrustAsync_Matching_SendsTheNormalizedThumbprintForThisBundleAndKeepsTheResult()
    {
        var sut = CreateSut();
        sut.TypedThumbprint = "3a5f 0c9e 4b7d 21a6 f8e3 c0b5 d9a7 e1f2 c4b6 d8a0";

        await sut.TrustAsync(CancellationToken.None);

        Assert.AreEqual((@"E:\CMDS-000042", A.Thumbprint), _operations.TrustRequests.Single());
        Assert.IsNotNull(sut.Result);
        Assert.IsNull(sut.Error);
        Assert.IsFalse(sut.CanTrust, "trusted once; the dialog closes");
    }

    [TestMethod]
    public async Task TrustAsync_NotElevated_ShowsTheBackendsReasonAndTrustsNothing()
    {
        _operations.TrustFailure = new UnauthorizedAccessException("Trusting a signer … needs an elevated administrator: … 'Run as administrator' …");
        var sut = CreateSut();
        sut.TypedThumbprint = A.Thumbprint;

        await sut.TrustAsync(CancellationToken.None);

        StringAssert.Contains(sut.Error, "Run as administrator");
        Assert.IsNull(sut.Result);
        Assert.IsTrue(sut.CanTrust, "the admin can try again once elevated");
    }

    [TestMethod]
    public async Task TrustAsync_NotMatching_NeverCallsTheBackend()
    {
        var sut = CreateSut();
        sut.TypedThumbprint = "3A5F0C9E4B7D21A6F8E3C0B5D9A7E1F2C4B6D8A1";

        await sut.TrustAsync(CancellationToken.None);

        Assert.IsEmpty(_operations.TrustRequests);
    }

    [TestMethod]
    public void CanTrust_ExpiredCertificate_IsFalseAndSaysWhy()
    {
        var sut = CreateSut(A.Certificate(notAfter: new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        sut.TypedThumbprint = A.Thumbprint;

        Assert.IsFalse(sut.CanTrust);
        StringAssert.Contains(sut.ValidityProblem, "expired on 2026-12-01 01:00 UTC+01:00");
        Assert.AreEqual("expired 7 day(s) ago", sut.Details.Single(d => d.Key == "Days left").Value);
    }

    private SignerTrustDialog CreateSut(SignerCertificate? certificate = null)
    {
        _clock.SetLocalTimeZone(A.ZonePlusOne);
        return new SignerTrustDialog(_operations, @"E:\CMDS-000042", certificate ?? A.Certificate(), _clock);
    }
}
