using CMDisconnectedSync.Bundles;
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
    [DataRow(VerificationFailureKind.SignerUntrusted, "The signer CN=Mallory (AB12…) is not in the trusted signers.")]
    [DataRow(VerificationFailureKind.HashMismatch, @"content\3A\x.cab has a different SHA-256 than the manifest.")]
    [DataRow(VerificationFailureKind.SequenceRolledBack, "Sequence 41 is not newer than the last import (42).")]
    public async Task VerifyAsync_RefusedBundle_ShowsTheReasonAndBlocks(VerificationFailureKind refusal, string reason)
    {
        _operations.VerificationResult = BundleVerification.Refused(refusal, reason, A.BundleSummary());
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.IsFalse(sut.IsAccepted);
        Assert.AreEqual("This bundle is refused and will not be imported: " + reason, sut.Error);
        Assert.HasCount(9, sut.Details, "the admin still sees who signed what they were handed");
    }

    [TestMethod]
    public async Task VerifyAsync_AlreadyImportedBundle_ShowsANoticeNotARefusalAndOffersNoImport()
    {
        const string Message = @"Bundle 7f3a (sequence 42) in E:\CMDS-000042 was already imported on 2026-11-24 14:00 UTC; nothing to do.";
        _operations.VerificationResult = BundleVerification.AlreadyImportedBefore(Message, A.BundleSummary());
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.IsNull(sut.Error, "an already imported bundle is not refused");
        Assert.AreEqual(Message, sut.Notice);
        Assert.IsFalse(sut.IsAccepted, "there is nothing to import");
        Assert.HasCount(9, sut.Details);
    }

    [TestMethod]
    public async Task VerifyAsync_SeveralProblems_SaysHowManyMoreAreInTheLog()
    {
        _operations.VerificationResult = BundleVerification.Refused(VerificationFailureKind.SizeMismatch, @"content\3A\x.cab is 12 bytes, the manifest says 40.", A.BundleSummary(), problemCount: 3);
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        StringAssert.EndsWith(sut.Error, "the manifest says 40. (2 more problem(s) in the log.)");
    }

    [TestMethod]
    public async Task VerifyAsync_SignatureUnreadable_ShowsTheSignerAsUnknown()
    {
        _operations.VerificationResult = BundleVerification.Refused(
            VerificationFailureKind.SignatureMissing, "manifest.json.p7s is missing.", A.BundleSummary() with { SignerSubject = null, SignerThumbprint = null });
        var sut = CreateSut();

        await sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        Assert.AreEqual("unknown (the signature could not be read)", sut.Details.Single(d => d.Key == "Signed by").Value);
        Assert.AreEqual("1,184 (1,100 new, 84 changed)", sut.Details.Single(d => d.Key == "Files").Value);
    }

    [TestMethod]
    public async Task VerifyAsync_UnreadableBundle_HasNoDetails()
    {
        _operations.VerificationResult = BundleVerification.Refused(VerificationFailureKind.ManifestMalformed, "manifest.json is not valid JSON.");
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

    // Issue 17: hashing a 100 GB bundle takes minutes; the page shows bytes, rate and time left meanwhile.
    [TestMethod]
    public async Task VerifyAsync_WhileHashing_ShowsBytesRateAndTimeLeft()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var release = new TaskCompletionSource<BundleVerification>();
        _operations.VerifyScript = (_, _) => release.Task;
        var sut = new VerificationPage(_operations, clock);
        var verifying = sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        sut.Apply(Hashing(0, 4L << 30));
        clock.Advance(TimeSpan.FromSeconds(10));
        sut.Apply(Hashing(1L << 30, 4L << 30));
        var (running, percent, bytes, rate, left) = (sut.IsRunning, sut.Percent, sut.BytesText, sut.RateText, sut.RemainingText);
        release.SetResult(_operations.VerificationResult);
        await verifying;

        Assert.IsTrue(running);
        Assert.AreEqual(25, percent);
        StringAssert.Contains(bytes, " of ");
        Assert.AreNotEqual(string.Empty, rate);
        StringAssert.Contains(left, "left");
        Assert.IsTrue(sut.IsAccepted);
    }

    [TestMethod]
    public async Task RequestCancel_WhileHashing_StopsTheVerificationAndSaysSo()
    {
        _operations.VerifyScript = async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return _operations.VerificationResult;
        };
        var sut = CreateSut();
        var verifying = sut.VerifyAsync(@"E:\CMDS-000042", CancellationToken.None);

        var cancelled = sut.RequestCancel();
        await verifying.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsTrue(cancelled);
        Assert.IsFalse(sut.IsRunning);
        Assert.IsFalse(sut.IsAccepted);
        StringAssert.Contains(sut.Error, "cancelled");
        Assert.IsFalse(sut.RequestCancel(), "nothing left to cancel");
    }

    private static CMDisconnectedSync.App.Presentation.Operations.TransferProgress Hashing(long done, long total) => new(1, 1, "verify", "Verify every file's SHA-256", StepState.Running, done, total, 0, 100, null);

    private VerificationPage CreateSut() => new(_operations);
}
