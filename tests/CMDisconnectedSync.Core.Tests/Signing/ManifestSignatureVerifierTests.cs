using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Signing;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Core.Tests.Signing;

[TestClass]
public sealed class ManifestSignatureVerifierTests
{
    private static readonly byte[] Manifest = "{\"formatVersion\":\"1.0\"}"u8.ToArray();

    private static ManifestSignatureVerifier CreateSut(DateTimeOffset? now = null) => new(new FakeTimeProvider(now ?? LabCertificates.InsideValidity));

    [TestMethod]
    public void Verify_InjectedTimeAfterLabCertificateExpired_IsUntrusted()
    {
        var signature = LabCertificates.ExportServerSigner.Sign(Manifest);

        var check = CreateSut(LabCertificates.ExportServer.NotAfter.ToUniversalTime().AddMinutes(1)).Verify(Manifest, signature, LabCertificates.TrustExportServer);

        Assert.AreEqual(SignatureOutcome.Untrusted, check.Outcome, check.Detail);
        StringAssert.Contains(check.Detail, "valid only from");
    }

    [TestMethod]
    public void Verify_SignedByTrustedCertificate_IsTrustedAndNamesSigner()
    {
        var signature = LabCertificates.ExportServerSigner.Sign(Manifest);

        var check = CreateSut().Verify(Manifest, signature, LabCertificates.TrustExportServer);

        Assert.AreEqual(SignatureOutcome.Trusted, check.Outcome, check.Detail);
        Assert.AreEqual(LabCertificates.ExportServer.Thumbprint, check.Signer!.Thumbprint);
    }

    [TestMethod]
    public void Verify_ValidButUntrustedSigner_IsUntrusted()
    {
        var signature = LabCertificates.StrangerSigner.Sign(Manifest);

        var check = CreateSut().Verify(Manifest, signature, LabCertificates.TrustExportServer);

        Assert.AreEqual(SignatureOutcome.Untrusted, check.Outcome);
        StringAssert.Contains(check.Detail, "cmdsync keys trust");
    }

    [TestMethod]
    public void Verify_ContentChangedAfterSigning_IsInvalid()
    {
        var signature = LabCertificates.ExportServerSigner.Sign(Manifest);
        var edited = (byte[])Manifest.Clone();
        edited[^2] ^= 1;

        Assert.AreEqual(SignatureOutcome.Invalid, CreateSut().Verify(edited, signature, LabCertificates.TrustExportServer).Outcome);
    }

    [TestMethod]
    public void Verify_NotCms_IsInvalid() =>
        Assert.AreEqual(SignatureOutcome.Invalid, CreateSut().Verify(Manifest, [1, 2, 3], LabCertificates.TrustExportServer).Outcome);

    [TestMethod]
    public void Sign_CertificateWithoutPrivateKey_IsRefused()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(LabCertificates.ExportServer.Export(X509ContentType.Cert));

        Assert.ThrowsExactly<ArgumentException>(() => new CmsManifestSigner(publicOnly));
    }

    [TestMethod]
    public void LabCertificateFactory_Create_IsCodeSigningWithKeyAndValidityFromClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

        using var certificate = new LabCertificateFactory(clock).Create("Lab export", TimeSpan.FromDays(365));

        Assert.IsTrue(certificate.HasPrivateKey);
        Assert.AreEqual("CN=Lab export", certificate.Subject);
        Assert.AreEqual(LabCertificateFactory.CodeSigningOid, certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages[0].Value);
        Assert.AreEqual(new DateTime(2027, 11, 25, 12, 0, 0, DateTimeKind.Utc), certificate.NotAfter.ToUniversalTime());
    }

    [TestMethod]
    public void SigningCertificateLoader_PfxWithPassword_LoadsAndSigns()
    {
        using var temp = new TempFolder("pfx");
        var pfx = temp.WriteFile("lab.pfx", LabCertificateFactory.ExportPfx(LabCertificates.ExportServer, "s3cret"));

        using var loaded = new SigningCertificateLoader().LoadFromPfx(pfx, () => "s3cret");

        Assert.AreEqual(LabCertificates.ExportServer.Thumbprint, loaded.Thumbprint);
        Assert.AreEqual(SignatureOutcome.Trusted, CreateSut().Verify(Manifest, new CmsManifestSigner(loaded).Sign(Manifest), LabCertificates.TrustExportServer).Outcome);
    }

    [TestMethod]
    public void SigningCertificateLoader_WrongPassword_NamesFileAndFix()
    {
        using var temp = new TempFolder("pfx");
        var pfx = temp.WriteFile("lab.pfx", LabCertificateFactory.ExportPfx(LabCertificates.ExportServer, "s3cret"));

        var ex = Assert.ThrowsExactly<SigningCertificateException>(() => new SigningCertificateLoader().LoadFromPfx(pfx, () => "wrong"));

        StringAssert.Contains(ex.Message, pfx);
        StringAssert.Contains(ex.Message, "password");
    }

    [TestMethod]
    public void TrustedSigners_ThumbprintForms_AreNormalized()
    {
        var trusted = new TrustedSigners([new SignerIdentity("CN=x", "ab:cd:ef:01:23:45:67:89:ab:cd:ef:01:23:45:67:89:ab:cd:ef:01")]);

        Assert.IsTrue(trusted.Contains("ABCDEF0123456789ABCDEF0123456789ABCDEF01"));
        Assert.IsTrue(TrustedSigners.IsThumbprint("abcdef0123456789abcdef0123456789abcdef01"));
        Assert.IsFalse(TrustedSigners.IsThumbprint("abc"));
    }

    // Regression (harness attack suite): a bundle signed by an expired certificate that was still listed in
    // trusted-signers.txt was accepted; trust now needs the certificate to be valid at verification time.
    [TestMethod]
    public void Verify_TrustedCertificateExpired_IsUntrustedAndSaysUntilWhen()
    {
        using var expired = new LabCertificateFactory(new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero))).Create("CN=Old export key", TimeSpan.FromDays(365));
        var trusted = new TrustedSigners([new SignerIdentity(expired.Subject, expired.Thumbprint)]);
        var signature = new CmsManifestSigner(expired).Sign(Manifest);

        var check = CreateSut().Verify(Manifest, signature, trusted);

        Assert.AreEqual(SignatureOutcome.Untrusted, check.Outcome);
        StringAssert.Contains(check.Detail, "2024-12-31");
        StringAssert.Contains(check.Detail, "cmdsync keys trust");
    }

    [TestMethod]
    public void Verify_TrustedCertificateNotYetValid_IsUntrusted()
    {
        var signature = LabCertificates.ExportServerSigner.Sign(Manifest);

        var check = CreateSut(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).Verify(Manifest, signature, LabCertificates.TrustExportServer);

        Assert.AreEqual(SignatureOutcome.Untrusted, check.Outcome);
    }

    // Regression (harness signature-bits scan): SignedCms.Decode ignores fields no signature covers (SignedData
    // version and digestAlgorithms, SignerInfo version), so 158 single-bit flips of a real signature file still
    // verified as trusted. Every single-bit change of the file must now be refused.
    [TestMethod]
    public void Verify_AnyBitOfSignatureFileFlipped_IsNeverTrusted()
    {
        var signature = LabCertificates.ExportServerSigner.Sign(Manifest);
        var sut = CreateSut();

        var stillTrusted = Enumerable.Range(0, signature.Length)
            .Where(offset =>
            {
                var damaged = (byte[])signature.Clone();
                damaged[offset] ^= 0x01;
                return sut.Verify(Manifest, damaged, LabCertificates.TrustExportServer).Outcome == SignatureOutcome.Trusted;
            })
            .ToList();

        Assert.IsEmpty(stillTrusted, "offsets still trusted: " + string.Join(", ", stillTrusted));
    }

    // Issue 19: the verifier checks the signature over a streamed digest instead of SignedCms over the bytes. These
    // pin it against SignedCms itself (the oracle) for the three forms a detached SHA-256 CMS signature takes: RSA
    // without signed attributes (what CmsSigner writes for us), RSA with signed attributes (what a signer that adds
    // a signing time writes) and ECDSA with signed attributes.
    [TestMethod]
    [DataRow("rsa", false)]
    [DataRow("rsa", true)]
    [DataRow("ecdsa", true)]
    [DataRow("ecdsa", false)]
    public void VerifyDigest_AnyByteOfManifestOrSignatureChanged_AgreesWithSignedCms(string key, bool signingTime)
    {
        using var certificate = CreateCertificate(key);
        var signature = SignWithSignedCms(Manifest, certificate, signingTime);
        var trusted = new TrustedSigners([new SignerIdentity(certificate.Subject, certificate.Thumbprint)]);
        var sut = CreateSut();
        Assert.AreEqual(SignatureOutcome.Trusted, sut.VerifyDigest(SHA256.HashData(Manifest), signature, trusted).Outcome);
        Assert.IsTrue(SignedCmsAccepts(Manifest, signature, certificate.Thumbprint));

        var disagreements = new List<string>();
        for (var offset = 0; offset < signature.Length; offset++)
        {
            var damaged = (byte[])signature.Clone();
            damaged[offset] ^= 0x01;
            // Ours is stricter in shape (DER, versions), never looser: trusted here must mean SignedCms accepts it too.
            if (sut.VerifyDigest(SHA256.HashData(Manifest), damaged, trusted).Outcome == SignatureOutcome.Trusted && !SignedCmsAccepts(Manifest, damaged, certificate.Thumbprint))
            {
                disagreements.Add($"signature byte {offset}");
            }
        }

        for (var offset = 0; offset < Manifest.Length; offset++)
        {
            var edited = (byte[])Manifest.Clone();
            edited[offset] ^= 0x20;
            if (sut.VerifyDigest(SHA256.HashData(edited), signature, trusted).Outcome != SignatureOutcome.Invalid || SignedCmsAccepts(edited, signature, certificate.Thumbprint))
            {
                disagreements.Add($"manifest byte {offset}");
            }
        }

        Assert.IsEmpty(disagreements, string.Join(", ", disagreements));
    }

    [TestMethod]
    public void VerifyDigest_SignedAttributesWithAnotherDigest_IsInvalid()
    {
        using var certificate = CreateCertificate("rsa");
        var signature = SignWithSignedCms(Manifest, certificate, signingTime: true);
        var trusted = new TrustedSigners([new SignerIdentity(certificate.Subject, certificate.Thumbprint)]);

        var check = CreateSut().VerifyDigest(SHA256.HashData("{}"u8.ToArray()), signature, trusted);

        Assert.AreEqual(SignatureOutcome.Invalid, check.Outcome);
        StringAssert.Contains(check.Detail, "message digest");
    }

    private static X509Certificate2 CreateCertificate(string key)
    {
        var notBefore = LabCertificates.IssuedAt;
        var notAfter = LabCertificates.IssuedAt.AddYears(1);
        if (key == "ecdsa")
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return new CertificateRequest("CN=ECDSA export server", ecdsa, HashAlgorithmName.SHA256).CreateSelfSigned(notBefore, notAfter);
        }

        using var rsa = RSA.Create(2048);
        return new CertificateRequest("CN=RSA export server", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(notBefore, notAfter);
    }

    private static byte[] SignWithSignedCms(byte[] content, X509Certificate2 certificate, bool signingTime)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid(CmsManifestSigner.Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        if (signingTime)
        {
            signer.SignedAttributes.Add(new Pkcs9SigningTime(LabCertificates.InsideValidity.UtcDateTime));
        }

        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    private static bool SignedCmsAccepts(byte[] content, byte[] signature, string thumbprint)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        try
        {
            cms.Decode(signature);
            cms.CheckSignature(verifySignatureOnly: true);
            return cms.SignerInfos.Count == 1 && cms.SignerInfos[0].Certificate?.Thumbprint == thumbprint;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
