using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

namespace CMDisconnectedSync.App.Presentation.Tests.Pages;

[TestClass]
public sealed class VerificationPageTests
{
    private readonly FakeOperations _operations = new();

    [TestMethod]
    public async Task VerifyAsync_TrustedBundle_IsAcceptedAndShowsSignerAndSequence()
    {
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.IsTrue(sut.IsAccepted);
        Assert.AreEqual("CN=Update Signing", sut.Details.Single(d => d.Key == "Signed by").Value);
        StringAssert.StartsWith(sut.Details.Single(d => d.Key == "Sequence").Value, "42");
        Assert.AreEqual(@"VerifyBundle E:\CMDS-000042", _operations.Calls.Single());
    }

    [TestMethod]
    [DataRow(BundleRefusal.UntrustedSigner, "The signer CN=Mallory (AB12…) is not in the trusted signers.")]
    [DataRow(BundleRefusal.Tampered, @"content\3A\x.cab has a different SHA-256 than the manifest.")]
    [DataRow(BundleRefusal.SequenceNotNewer, "Sequence 41 is not newer than the last import (42).")]
    public async Task VerifyAsync_RefusedBundle_ShowsTheReasonAndBlocks(BundleRefusal refusal, string reason)
    {
        _operations.VerificationResult = BundleVerification.Refused(refusal, reason, A.BundleSummary());
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.IsFalse(sut.IsAccepted);
        Assert.AreEqual("This bundle is refused and will not be imported: " + reason, sut.Error);
        Assert.HasCount(9, sut.Details, "the admin still sees who signed what they were handed");
    }

    [TestMethod]
    public async Task VerifyAsync_UnreadableBundle_HasNoDetails()
    {
        _operations.VerificationResult = BundleVerification.Refused(BundleRefusal.Unreadable, "manifest.json is not valid JSON.");
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\x", CancellationToken.None);

        Assert.IsEmpty(sut.Details);
        Assert.IsFalse(sut.IsAccepted);
    }

    [TestMethod]
    public async Task VerifyAsync_BackendThrows_ShowsTheMessage()
    {
        _operations.VerificationFailure = new IOException(@"E:\CMDS-000042\manifest.json could not be read: the device is not ready.");
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.AreEqual(@"E:\CMDS-000042\manifest.json could not be read: the device is not ready.", sut.Error);
        Assert.IsFalse(sut.IsAccepted);
    }

    private VerificationPage CreateSut() => new(_operations);
}
