using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class ExportOptionsPageTests
{
    private static readonly string Media = Path.GetFullPath("Transfer");
    private const string Thumbprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    private readonly FakeFileSystem _files = new FakeFileSystem().WithFolder(Media);

    [TestMethod]
    public void TryBuildRequest_ValidStoreCertificate_BuildsTheRequest()
    {
        var sut = CreateSut();

        var request = sut.TryBuildRequest(A.Site());

        Assert.IsNotNull(request);
        Assert.AreEqual(Media, request.TargetFolder);
        Assert.AreEqual(Thumbprint, request.Signing.StoreThumbprint);
        Assert.AreEqual(ExportBaseKind.LastExport, request.Base);
        Assert.IsNull(request.MaxVolumeBytes);
        Assert.IsFalse(request.WhatIf);
    }

    [TestMethod]
    public void TryBuildRequest_ThumbprintPastedWithSpacesAndLowerCase_IsNormalized()
    {
        var sut = CreateSut();
        sut.CertificateThumbprint = "\u200e01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd ef 01 23 45 67";

        var request = sut.TryBuildRequest(A.Site());

        Assert.AreEqual(Thumbprint, request!.Signing.StoreThumbprint);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("0123")]
    [DataRow("XYZ456789ABCDEF0123456789ABCDEF01234567")]
    public void TryBuildRequest_BadThumbprint_FlagsTheField(string thumbprint)
    {
        var sut = CreateSut();
        sut.CertificateThumbprint = thumbprint;

        Assert.IsNull(sut.TryBuildRequest(A.Site()));
        Assert.AreEqual(nameof(ExportOptionsPage.CertificateThumbprint), sut.Issues.Single().Field);
    }

    [TestMethod]
    public void TryBuildRequest_EmptyTarget_AsksForIt()
    {
        var sut = CreateSut();
        sut.TargetFolder = "  ";

        sut.TryBuildRequest(A.Site());

        Assert.AreEqual("Choose the folder or media the bundle is written to.", sut.Issues.Single().Message);
    }

    [TestMethod]
    public void TryBuildRequest_RelativeTarget_AsksForAFullPath()
    {
        var sut = CreateSut();
        sut.TargetFolder = "Transfer";

        sut.TryBuildRequest(A.Site());

        StringAssert.Contains(sut.Issues.Single().Message, "is not a full path");
    }

    [TestMethod]
    public void TryBuildRequest_MissingTarget_SaysToInsertTheMedia()
    {
        var sut = CreateSut();
        sut.TargetFolder = Path.GetFullPath("no-such-media");

        sut.TryBuildRequest(A.Site());

        StringAssert.Contains(sut.Issues.Single().Message, "Insert the media");
    }

    [TestMethod]
    public void TryBuildRequest_PfxThatExists_CarriesPathAndPassword()
    {
        var pfx = Path.GetFullPath("signing.pfx");
        _files.WithFile(pfx);
        var sut = CreateSut();
        sut.Signing = SigningSource.PfxFile;
        sut.PfxPath = pfx;
        sut.PfxPassword = "secret";

        var request = sut.TryBuildRequest(A.Site());

        Assert.AreEqual(pfx, request!.Signing.PfxPath);
        Assert.AreEqual("secret", request.Signing.PfxPassword);
        Assert.DoesNotContain("secret", request.Signing.ToString(), "the password must never reach logs or messages");
        Assert.DoesNotContain("secret", request.ToString(), "not even through the request's generated ToString");
    }

    [TestMethod]
    [DataRow("signing.cer", "is not a .pfx or .p12 file")]
    [DataRow("missing.pfx", "does not exist")]
    [DataRow("", "Choose the PFX file")]
    public void TryBuildRequest_BadPfx_FlagsThePfxField(string file, string expected)
    {
        var sut = CreateSut();
        sut.Signing = SigningSource.PfxFile;
        sut.PfxPath = file.Length == 0 ? file : Path.GetFullPath(file);

        sut.TryBuildRequest(A.Site());

        Assert.AreEqual(nameof(ExportOptionsPage.PfxPath), sut.Issues.Single().Field);
        StringAssert.Contains(sut.Issues.Single().Message, expected);
    }

    [TestMethod]
    public void TryBuildRequest_NoContentRequest_ExportsWithoutDeploymentContent()
    {
        var request = CreateSut().TryBuildRequest(A.Site());

        Assert.IsNull(request!.ContentRequestPath);
    }

    [TestMethod]
    public void TryBuildRequest_ContentRequestThatExists_IsCarriedTrimmed()
    {
        var path = Path.Combine(Media, "request.json");
        _files.WithFile(path);
        var sut = CreateSut();
        sut.ContentRequestPath = "  " + path + " ";

        var request = sut.TryBuildRequest(A.Site());

        Assert.AreEqual(path, request!.ContentRequestPath);
    }

    [TestMethod]
    [DataRow("request.json", "is not a full path")]
    [DataRow("/media/request.txt", "is not a content request")]
    [DataRow("/media/missing.json", "Insert the media it was carried on, or leave the field empty")]
    public void TryBuildRequest_BadContentRequest_FlagsItsFieldWithTheFix(string path, string expected)
    {
        var sut = CreateSut();
        sut.ContentRequestPath = path.StartsWith('/') ? Path.GetFullPath(Path.Combine(Media, path.TrimStart('/'))) : path;

        Assert.IsNull(sut.TryBuildRequest(A.Site()));
        Assert.AreEqual(nameof(ExportOptionsPage.ContentRequestPath), sut.Issues.Single().Field);
        StringAssert.Contains(sut.Issues.Single().Message, expected);
    }

    [TestMethod]
    public void TryBuildRequest_ReceiptBaseWithoutReceipt_AsksForIt()
    {
        var sut = CreateSut();
        sut.Base = ExportBaseKind.Receipt;

        sut.TryBuildRequest(A.Site());

        Assert.AreEqual(nameof(ExportOptionsPage.ReceiptPath), sut.Issues.Single().Field);
    }

    [TestMethod]
    public void TryBuildRequest_ReceiptThatExists_IsPassedOn()
    {
        var receipt = Path.GetFullPath("receipt.json");
        _files.WithFile(receipt);
        var sut = CreateSut();
        sut.Base = ExportBaseKind.Receipt;
        sut.ReceiptPath = receipt;

        Assert.AreEqual(receipt, sut.TryBuildRequest(A.Site())!.ReceiptPath);
    }

    [TestMethod]
    public void TryBuildRequest_ReceiptTypedButBaseIsLastExport_IsNotPassedOn()
    {
        var sut = CreateSut();
        sut.ReceiptPath = "left over";

        Assert.IsNull(sut.TryBuildRequest(A.Site())!.ReceiptPath);
    }

    [TestMethod]
    public void TryBuildRequest_Fat32_SplitsAtFourGibMinusOne()
    {
        var sut = CreateSut();
        sut.Split = VolumeSplit.Fat32;

        Assert.AreEqual(4_294_967_295L, sut.TryBuildRequest(A.Site())!.MaxVolumeBytes);
    }

    [TestMethod]
    [DataRow("700", 734_003_200L)]
    [DataRow("100", 104_857_600L)]
    [DataRow("999999", 4_294_967_295L)]
    public void TryBuildRequest_CustomVolume_ConvertsMegabytesAndCapsAtFat32(string megabytes, long expected)
    {
        var sut = CreateSut();
        sut.Split = VolumeSplit.Custom;
        sut.CustomVolumeMegabytes = megabytes;

        Assert.AreEqual(expected, sut.TryBuildRequest(A.Site())!.MaxVolumeBytes);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("99")]
    [DataRow("-5")]
    [DataRow("1.5")]
    public void TryBuildRequest_CustomVolumeTooSmallOrNotANumber_FlagsIt(string megabytes)
    {
        var sut = CreateSut();
        sut.Split = VolumeSplit.Custom;
        sut.CustomVolumeMegabytes = megabytes;

        sut.TryBuildRequest(A.Site());

        Assert.AreEqual(nameof(ExportOptionsPage.CustomVolumeMegabytes), sut.Issues.Single().Field);
    }

    [TestMethod]
    public void TryBuildRequest_SeveralProblems_ListsThemAll()
    {
        var sut = CreateSut();
        sut.TargetFolder = string.Empty;
        sut.CertificateThumbprint = string.Empty;
        sut.Split = VolumeSplit.Custom;

        sut.TryBuildRequest(A.Site());

        Assert.HasCount(3, sut.Issues);
    }

    [TestMethod]
    public void TryBuildRequest_FixedAfterIssues_ClearsThem()
    {
        var sut = CreateSut();
        sut.TargetFolder = string.Empty;
        sut.TryBuildRequest(A.Site());
        sut.TargetFolder = Media;

        sut.TryBuildRequest(A.Site());

        Assert.IsEmpty(sut.Issues);
    }

    private ExportOptionsPage CreateSut() => new(_files) { TargetFolder = Media, CertificateThumbprint = Thumbprint };
}
