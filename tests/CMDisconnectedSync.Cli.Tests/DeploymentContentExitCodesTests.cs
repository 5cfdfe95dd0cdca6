using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.DeploymentContent.Authenticode;

namespace CMDisconnectedSync.Cli.Tests;

/// <summary>Each kind of deployment content mismatch has its own exit code in 75–79, from its typed exception.</summary>
[TestClass]
public sealed class DeploymentContentExitCodesTests
{
    private static readonly MicrosoftFileDigest Abc = MicrosoftFileDigest.Parse("A9993E364706816ABA3E25717850C26C9CD0D89D");
    private static readonly MicrosoftFileDigest Other = MicrosoftFileDigest.Parse("83D5BB38D8C50D924F3DCD024B20FE33AFBD9D14");

    [TestMethod]
    public void ForDeploymentContent_EachKind_HasItsOwnCode()
    {
        var url = new Uri("http://download.windowsupdate.com/x.cab");
        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, ExitCodes.ForDeploymentContent(new MicrosoftDigestMismatchException("KB1 x.cab", url.ToString(), Abc, Other)));
        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, ExitCodes.ForDeploymentContent(new ContentSizeMismatchException("KB1 x.cab", url.ToString(), 3, 4)));
        Assert.AreEqual(ExitCodes.DeploymentContentUnsigned, ExitCodes.ForDeploymentContent(
            new AuthenticodeVerificationException("KB1 x.cab", new AuthenticodeCheck("x.cab", AuthenticodeStatus.NotSigned, "no reserve"))));
        Assert.AreEqual(ExitCodes.DeploymentContentSignatureInvalid, ExitCodes.ForDeploymentContent(
            new AuthenticodeVerificationException("KB1 x.cab", new AuthenticodeCheck("x.cab", AuthenticodeStatus.Invalid, "digest differs"))));
        Assert.AreEqual(ExitCodes.DeploymentContentDownloadFailed, ExitCodes.ForDeploymentContent(
            new ContentDownloadException("KB1 x.cab", url, "the server answered 404 NotFound", System.Net.HttpStatusCode.NotFound, 1)));
        Assert.AreEqual(ExitCodes.DeploymentContentDigestUnreadable, ExitCodes.ForDeploymentContent(
            Assert.ThrowsExactly<MicrosoftFileDigestFormatException>(() => MicrosoftFileDigest.Parse("MD5:00"))));
        Assert.IsNull(ExitCodes.ForDeploymentContent(new IOException("disk full")));
    }

    [TestMethod]
    public void ForWorkflowFailure_DeploymentContentRefused_ExitsWithTheCodeOfEachKindOfRefusal()
    {
        int CodeOf(Exception refusal) => ExitCodes.ForWorkflowFailure(
            new CMDisconnectedSync.Workflows.WorkflowFailure(CMDisconnectedSync.Workflows.WorkflowFailureKind.DeploymentContentRefused, "deployment-content", refusal.Message) { DeploymentContentError = refusal });

        Assert.AreEqual(ExitCodes.DeploymentContentRefused, CodeOf(new DeploymentImportException(DeploymentImportProblem.NotRequested, "not asked for")));
        Assert.AreEqual(ExitCodes.DeploymentContentRefused, CodeOf(new DeploymentImportException(DeploymentImportProblem.UnknownUpdate, "unknown")));
        Assert.AreEqual(ExitCodes.DeploymentPackageUnusable, CodeOf(new DeploymentImportException(DeploymentImportProblem.PackageUnusable, "no source")));
        Assert.AreEqual(ExitCodes.DeploymentContentNotAdded, CodeOf(new DeploymentImportException(DeploymentImportProblem.AddUpdateContentFailed, "provider")));
        Assert.AreEqual(ExitCodes.DeploymentContentDigestMismatch, CodeOf(new MicrosoftDigestMismatchException("KB1 x.cab", "x.cab", Abc, Other)));
        Assert.AreEqual(ExitCodes.DeploymentContentSignatureInvalid, CodeOf(
            new AuthenticodeVerificationException("KB1 x.cab", new AuthenticodeCheck("x.cab", AuthenticodeStatus.Invalid, "digest differs"))));
        Assert.AreEqual(ExitCodes.ContentRequestUnusable, CodeOf(new ContentRequestFormatException(ContentRequestProblem.Unreadable, "r.json", "missing")));
    }

    [TestMethod]
    public void DeploymentContentCodes_AreDistinctAndInTheirRange()
    {
        int[] codes = [ExitCodes.DeploymentContentDigestMismatch, ExitCodes.DeploymentContentUnsigned, ExitCodes.DeploymentContentSignatureInvalid,
            ExitCodes.DeploymentContentDownloadFailed, ExitCodes.DeploymentContentDigestUnreadable];

        Assert.AreEqual(codes.Length, codes.Distinct().Count());
        Assert.IsTrue(codes.All(c => c is >= 75 and <= 79));
    }
}
