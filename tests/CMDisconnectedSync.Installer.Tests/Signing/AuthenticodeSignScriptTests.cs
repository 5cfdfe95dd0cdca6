using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Signing;

/// <summary>
/// eng/authenticode-sign.sh, which build.sh pack and eng/pack-console-extension-cab.sh use for the exes, the cab and
/// the MSI. Each test signs a copy of a real PE file (this test assembly) and checks the result with
/// `osslsigncode verify` (osslsigncode README, github.com/mtrojnar/osslsigncode; options from `osslsigncode -h`, 2.9).
/// The RFC 3161 timestamp comes from <see cref="LocalTimestampAuthority"/> on 127.0.0.1: no internet.
/// </summary>
[TestClass]
public sealed class AuthenticodeSignScriptTests
{
    private static readonly string[] SigningVariables =
    [
        "AUTHENTICODE_PKCS12", "AUTHENTICODE_CERT", "AUTHENTICODE_KEY", "AUTHENTICODE_PASSWORD_FILE", "AUTHENTICODE_TIMESTAMP_URL",
        "AUTHENTICODE_CA_FILE", "AUTHENTICODE_TSA_CA_FILE", "AUTHENTICODE_LAB_DIR", "AUTHENTICODE_DESCRIPTION_URL", "AUTHENTICODE_NO_TIMESTAMP",
    ];

    [TestMethod]
    public void Sign_WithTimestampUrl_Rfc3161TimestampKeepsTheSignatureValidAfterTheCertificateExpires()
    {
        using var folder = new TempFolder();
        using var authority = new LocalTimestampAuthority();
        var (certificate, key) = CodeSigningCertificate(folder, validFor: TimeSpan.FromDays(1));
        var file = CopyOfAPeFile(folder);

        var result = Sign(new()
        {
            ["AUTHENTICODE_CERT"] = certificate, ["AUTHENTICODE_KEY"] = key, ["AUTHENTICODE_TIMESTAMP_URL"] = authority.Url,
            ["AUTHENTICODE_CA_FILE"] = certificate, ["AUTHENTICODE_TSA_CA_FILE"] = authority.RootCaFile,
        }, file);

        Assert.AreEqual(0, result.ExitCode, result.Both);
        // RFC 3161 section 3.4: an RFC 3161 request is application/timestamp-query (the old Authenticode one is not).
        CollectionAssert.AreEqual(new[] { "application/timestamp-query" }, authority.RequestContentTypes.ToList());
        var now = Verify(file, "-CAfile", certificate, "-TSA-CAfile", authority.RootCaFile);
        Assert.AreEqual(0, now.ExitCode, now.Both);
        StringAssert.Contains(now.Output, "Timestamp Server Signature verification: ok");
        StringAssert.Contains(now.Output, "Signature verification: ok");
        // Ten days on, the one-day certificate has expired: the timestamp still proves it signed while valid ...
        var later = (DateTimeOffset.UtcNow.AddDays(10).ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var withTimestamp = Verify(file, "-CAfile", certificate, "-TSA-CAfile", authority.RootCaFile, "-time", later);
        Assert.AreEqual(0, withTimestamp.ExitCode, withTimestamp.Both);
        // ... and without it the same signature is dead.
        var withoutTimestamp = Verify(file, "-CAfile", certificate, "-TSA-CAfile", authority.RootCaFile, "-time", later, "-ignore-timestamp");
        Assert.AreNotEqual(0, withoutTimestamp.ExitCode, withoutTimestamp.Both);
        StringAssert.Contains(withoutTimestamp.Both, "certificate has expired");
    }

    [TestMethod]
    public void Sign_NoCertificateConfigured_SignsWithTheLabCertificate()
    {
        using var folder = new TempFolder();
        var lab = folder.Combine("lab-signing");
        var file = CopyOfAPeFile(folder);

        var result = Sign(new() { ["AUTHENTICODE_LAB_DIR"] = lab }, file);

        Assert.AreEqual(0, result.ExitCode, result.Both);
        var verify = Verify(file, "-CAfile", Path.Combine(lab, "cert.pem"));
        Assert.AreEqual(0, verify.ExitCode, verify.Both);
        StringAssert.Contains(verify.Output, "CN=CMDisconnectedSync Lab Code Signing (not for production)");
        Assert.DoesNotContain("Timestamp time", verify.Output, "no AUTHENTICODE_TIMESTAMP_URL, so no timestamp");
    }

    [TestMethod]
    public void Sign_Pkcs12WithPasswordFile_SignsWithItsCertificate()
    {
        using var folder = new TempFolder();
        var (certificate, key) = CodeSigningCertificate(folder, validFor: TimeSpan.FromDays(30));
        using var pair = X509Certificate2.CreateFromPemFile(certificate, key);
        var pfx = folder.Combine("signing.pfx");
        File.WriteAllBytes(pfx, pair.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, "field-test-password"));
        var password = folder.Write("password.txt", "field-test-password");
        var file = CopyOfAPeFile(folder);

        var result = Sign(new()
        {
            ["AUTHENTICODE_PKCS12"] = pfx, ["AUTHENTICODE_PASSWORD_FILE"] = password, ["AUTHENTICODE_CA_FILE"] = certificate,
            ["AUTHENTICODE_NO_TIMESTAMP"] = "1",
        }, file);

        Assert.AreEqual(0, result.ExitCode, result.Both);
        var verify = Verify(file, "-CAfile", certificate);
        Assert.AreEqual(0, verify.ExitCode, verify.Both);
        StringAssert.Contains(verify.Output, "CN=CMDisconnectedSync Field Test Signing");
    }

    [TestMethod]
    public void Sign_RealCertificateWithoutTimestampUrl_RefusedAndFileLeftUnsigned()
    {
        // A release signature without an RFC 3161 timestamp stops verifying when its certificate expires (review finding).
        using var folder = new TempFolder();
        var (certificate, key) = CodeSigningCertificate(folder, validFor: TimeSpan.FromDays(30));
        var file = CopyOfAPeFile(folder);
        var before = File.ReadAllBytes(file);

        var result = Sign(new() { ["AUTHENTICODE_CERT"] = certificate, ["AUTHENTICODE_KEY"] = key, ["AUTHENTICODE_CA_FILE"] = certificate }, file);

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Error, "AUTHENTICODE_TIMESTAMP_URL");
        StringAssert.Contains(result.Error, "AUTHENTICODE_NO_TIMESTAMP=1");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(file));
    }

    [TestMethod]
    public void Sign_TimestampAuthorityUnreachable_FailsNamingTheFileAndLeavesItUnsigned()
    {
        using var folder = new TempFolder();
        var file = CopyOfAPeFile(folder);
        var before = File.ReadAllBytes(file);

        var result = Sign(new() { ["AUTHENTICODE_LAB_DIR"] = folder.Combine("lab"), ["AUTHENTICODE_TIMESTAMP_URL"] = ClosedLocalUrl() }, file);

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Error, file);
        StringAssert.Contains(result.Error, "AUTHENTICODE_TIMESTAMP_URL");
        CollectionAssert.AreEqual(before, File.ReadAllBytes(file));
    }

    [TestMethod]
    public void Sign_CertificateWithoutKey_FailsNamingTheVariable()
    {
        using var folder = new TempFolder();
        var (certificate, _) = CodeSigningCertificate(folder, validFor: TimeSpan.FromDays(1));

        var result = Sign(new() { ["AUTHENTICODE_CERT"] = certificate }, CopyOfAPeFile(folder));

        Assert.AreNotEqual(0, result.ExitCode);
        StringAssert.Contains(result.Error, "AUTHENTICODE_KEY");
    }

    /// <summary>Runs the script with only the given AUTHENTICODE_* variables (the test runner's own are cleared).</summary>
    private static ToolResult Sign(Dictionary<string, string?> variables, params string[] files)
    {
        var environment = SigningVariables.ToDictionary(name => name, name => variables.GetValueOrDefault(name));
        return ToolProcess.Run("bash", [RepositoryRoot.Combine("eng", "authenticode-sign.sh"), "-n", "CMDisconnectedSync test", .. files], environment);
    }

    private static ToolResult Verify(string file, params string[] options) =>
        ToolProcess.Run("osslsigncode", ["verify", .. options, "-in", file]);

    /// <summary>A copy of this test assembly: a real PE file, like the exes build.sh signs.</summary>
    private static string CopyOfAPeFile(TempFolder folder)
    {
        var copy = folder.Combine("Signed.Copy.dll");
        File.Copy(typeof(AuthenticodeSignScriptTests).Assembly.Location, copy);
        return copy;
    }

    /// <summary>A self-signed code-signing certificate (EKU 1.3.6.1.5.5.7.3.3) valid from an hour ago for <paramref name="validFor"/>.</summary>
    private static (string Certificate, string Key) CodeSigningCertificate(TempFolder folder, TimeSpan validFor)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CMDisconnectedSync Field Test Signing", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.3")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddHours(-1), now.Add(validFor));
        return (folder.Write("signing.pem", certificate.ExportCertificatePem()), folder.Write("signing.key", key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>A 127.0.0.1 URL nobody listens on: a port the OS just handed out and took back.</summary>
    private static string ClosedLocalUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}
