using CMDisconnectedSync.Core.Tests.DeploymentContent.Authenticode;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.DeploymentContent.Authenticode;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent;

/// <summary>
/// The second anchor on real files: Microsoft's size and digest as the site's request lists them, then the embedded
/// Authenticode signature (a real cabinet from gcab, a PE signed with the lab certificate by eng/authenticode-sign.sh).
/// </summary>
[TestClass]
public sealed class DeliveredContentVerifierTests
{
    private static DeliveredContentVerifier CreateSut() => new(new OfflineAuthenticodeVerifier());

    /// <summary>The request entry the site would list for the file at <paramref name="path"/>: its size and SHA-1.</summary>
    private static ContentRequestFile EntryFor(TempFolder temp, string path, string fileName, bool poisoned = false) =>
        new DeliveredContentBuilder(temp.Combine("listed")).WithFile(16777301, 1001, fileName, File.ReadAllBytes(path), poisoned: poisoned).Request.Files.Single();

    [TestMethod]
    public async Task VerifyAsync_BytesMicrosoftPublished_PassAndAreCounted()
    {
        using var temp = new TempFolder("second-anchor");
        var path = temp.WriteFile("kb.psf", new byte[] { 1, 2, 3, 4 });
        var sut = CreateSut();

        await sut.VerifyAsync(EntryFor(temp, path, "kb.psf"), path, CancellationToken.None);

        Assert.AreEqual(1, sut.DigestsMatched);
        Assert.AreEqual(0, sut.SignaturesValid + sut.SignaturesNotChecked, ".psf is not a signed type");
    }

    [TestMethod]
    public async Task VerifyAsync_BytesNotThoseMicrosoftPublished_RefusedNamingTheUpdate()
    {
        using var temp = new TempFolder("second-anchor");
        var path = temp.WriteFile("kb.psf", new byte[] { 1, 2, 3, 4 });

        var refusal = await Assert.ThrowsExactlyAsync<MicrosoftDigestMismatchException>(() => CreateSut().VerifyAsync(EntryFor(temp, path, "kb.psf", poisoned: true), path, CancellationToken.None));

        StringAssert.Contains(refusal.Label, "(content 1001) kb.psf");
    }

    [TestMethod]
    public async Task VerifyAsync_SizeOtherThanTheSiteLists_Refused()
    {
        using var temp = new TempFolder("second-anchor");
        var path = temp.WriteFile("kb.psf", new byte[] { 1, 2, 3, 4 });
        var entry = EntryFor(temp, path, "kb.psf");
        File.WriteAllBytes(path, new byte[] { 1, 2, 3, 4, 5 });

        await Assert.ThrowsExactlyAsync<ContentSizeMismatchException>(() => CreateSut().VerifyAsync(entry, path, CancellationToken.None));
    }

    [TestMethod]
    public async Task VerifyAsync_UnsignedCabinetWithMicrosoftsDigest_RefusedAsUnsigned()
    {
        using var temp = new TempFolder("second-anchor");
        var cab = OfflineAuthenticodeVerifierTests.Cabinet(temp, "windows11.0-kb5090001-x64.cab");

        var refusal = await Assert.ThrowsExactlyAsync<AuthenticodeVerificationException>(() => CreateSut().VerifyAsync(EntryFor(temp, cab, "windows11.0-kb5090001-x64.cab"), cab, CancellationToken.None));

        Assert.IsTrue(refusal.IsUnsigned, refusal.Message);
    }

    [TestMethod]
    public async Task VerifyAsync_SignedPe_CountsAVerifiedSignature()
    {
        using var temp = new TempFolder("second-anchor");
        var exe = OfflineAuthenticodeVerifierTests.SignedCopyOfAPeFile(temp);
        var sut = CreateSut();

        await sut.VerifyAsync(EntryFor(temp, exe, "ndp481-kb5090002-x64-enu.exe"), exe, CancellationToken.None);

        Assert.AreEqual(1, sut.SignaturesValid);
    }

    [TestMethod]
    public async Task VerifyAsync_ExeThatIsNoPeFile_CountedAsNotCheckedNotValid()
    {
        using var temp = new TempFolder("second-anchor");
        var path = temp.WriteFile("lab.exe", new byte[] { 0x10, 0x20, 0x30 });
        var sut = CreateSut();

        await sut.VerifyAsync(EntryFor(temp, path, "lab.exe"), path, CancellationToken.None);

        Assert.AreEqual(0, sut.SignaturesValid);
        Assert.AreEqual(1, sut.SignaturesNotChecked);
    }
}
