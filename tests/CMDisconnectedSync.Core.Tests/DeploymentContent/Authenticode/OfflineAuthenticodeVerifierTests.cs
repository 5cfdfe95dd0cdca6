using System.Diagnostics;
using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.DeploymentContent.Authenticode;
using CMDisconnectedSync.Testing;

namespace CMDisconnectedSync.Core.Tests.DeploymentContent.Authenticode;

/// <summary>
/// Fixtures are files this repository builds and signs the way it signs what it ships: eng/authenticode-sign.sh
/// (osslsigncode, SHA-256, the lab code-signing certificate) over a copy of a real PE file (CMDisconnectedSync.Core.dll)
/// and a cabinet made by gcab. osslsigncode verify is asked too, so the reference implementation agrees with every verdict.
/// </summary>
[TestClass]
public sealed class OfflineAuthenticodeVerifierTests
{
    private static readonly OfflineAuthenticodeVerifier Sut = new();

    [TestMethod]
    public void Verify_SignedPe_IsValidAndNamesTheSigner()
    {
        using var folder = new TempFolder("authenticode");
        var file = SignedCopyOfAPeFile(folder);

        var check = Sut.Verify(file);

        Assert.AreEqual(AuthenticodeStatus.Valid, check.Status, check.Detail);
        StringAssert.Contains(check.SignerSubject, "CMDisconnectedSync Lab Code Signing");
        Assert.AreEqual("SHA256", check.DigestAlgorithm);
    }

    [TestMethod]
    public void Verify_SignedPeWithOneCodeByteFlipped_IsInvalidAsOsslsigncodeSays()
    {
        using var folder = new TempFolder("authenticode");
        var file = SignedCopyOfAPeFile(folder);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var check = Sut.Verify(file);

        Assert.AreEqual(AuthenticodeStatus.Invalid, check.Status);
        StringAssert.Contains(check.Detail, "Authenticode digest is");
        Assert.AreNotEqual(0, Osslsigncode(folder, file).ExitCode, "osslsigncode must refuse it too");
    }

    [TestMethod]
    public void Verify_SignedPeWithChecksumChanged_StaysValid()
    {
        // The optional header's CheckSum is outside the Authenticode digest (PE format, "Calculating the PE Image Hash").
        using var folder = new TempFolder("authenticode");
        var file = SignedCopyOfAPeFile(folder);
        var bytes = File.ReadAllBytes(file);
        var checksum = BitConverter.ToInt32(bytes, 0x3C) + 24 + 64;
        bytes[checksum] ^= 0x5A;
        File.WriteAllBytes(file, bytes);

        Assert.AreEqual(AuthenticodeStatus.Valid, Sut.Verify(file).Status);
        Assert.AreEqual(0, Osslsigncode(folder, file).ExitCode, "osslsigncode agrees the checksum is not signed");
    }

    [TestMethod]
    public void Verify_SignedPeWithTheSignatureItselfDamaged_IsInvalid()
    {
        using var folder = new TempFolder("authenticode");
        var file = SignedCopyOfAPeFile(folder);
        var bytes = File.ReadAllBytes(file);
        // The signer's RSA signature value is near the end of the PKCS#7 (the last bytes are WIN_CERTIFICATE padding).
        bytes[bytes.Length - 40] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var check = Sut.Verify(file);

        Assert.AreEqual(AuthenticodeStatus.Invalid, check.Status, check.Detail);
    }

    [TestMethod]
    public void Verify_UnsignedPe_IsNotSigned()
    {
        using var folder = new TempFolder("authenticode");
        var file = folder.Combine("unsigned.dll");
        File.Copy(typeof(OfflineAuthenticodeVerifier).Assembly.Location, file);

        Assert.AreEqual(AuthenticodeStatus.NotSigned, Sut.Verify(file).Status);
    }

    [TestMethod]
    public void Verify_SignedCabinet_IsValid_AndAnyDataByteFlippedIsInvalid()
    {
        using var folder = new TempFolder("authenticode");
        var cab = SignedCabinet(folder, "windows10.0-kb0000001-x64.cab");

        var valid = Sut.Verify(cab);
        Assert.AreEqual(AuthenticodeStatus.Valid, valid.Status, valid.Detail);

        var bytes = File.ReadAllBytes(cab);
        var signatureOffset = BitConverter.ToInt32(bytes, 44);
        bytes[60 + ((signatureOffset - 60) / 2)] ^= 0x01;
        File.WriteAllBytes(cab, bytes);

        var check = Sut.Verify(cab);
        Assert.AreEqual(AuthenticodeStatus.Invalid, check.Status);
        Assert.AreNotEqual(0, Osslsigncode(folder, cab).ExitCode, "osslsigncode must refuse it too");
    }

    [TestMethod]
    public void Verify_UnsignedCabinet_IsNotSigned()
    {
        using var folder = new TempFolder("authenticode");
        var cab = Cabinet(folder, "update.msu");

        Assert.AreEqual(AuthenticodeStatus.NotSigned, Sut.Verify(cab).Status);
    }

    [TestMethod]
    public void Verify_WindowsInstallerPackage_IsNotCheckedOffline()
    {
        using var folder = new TempFolder("authenticode");
        // The compound file signature (MS-CFB 2.2): D0 CF 11 E0 A1 B1 1A E1.
        var msi = folder.WriteFile("x.msi", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0]);

        var check = Sut.Verify(msi);

        Assert.AreEqual(AuthenticodeStatus.NotChecked, check.Status);
        StringAssert.Contains(check.Detail, "WinVerifyTrust");
    }

    internal static string SignedCopyOfAPeFile(TempFolder folder)
    {
        var file = folder.Combine("signed.dll");
        File.Copy(typeof(OfflineAuthenticodeVerifier).Assembly.Location, file);
        Sign(folder, file);
        return file;
    }

    internal static string Cabinet(TempFolder folder, string name)
    {
        var payload = folder.WriteFile("payload/update.txt", System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("update payload ", 4000))));
        var cab = folder.Combine(name);
        var result = Run("gcab", ["-c", "-z", cab, payload], Path.GetDirectoryName(payload)!);
        Assert.AreEqual(0, result.ExitCode, result.Output);
        return cab;
    }

    private static string SignedCabinet(TempFolder folder, string name)
    {
        var cab = Cabinet(folder, name);
        Sign(folder, cab);
        return cab;
    }

    private static void Sign(TempFolder folder, string file)
    {
        var result = Run("bash", [RepositoryRoot.Combine("eng", "authenticode-sign.sh"), file], folder.Path, ("AUTHENTICODE_LAB_DIR", folder.Combine("lab-signing")));
        Assert.AreEqual(0, result.ExitCode, result.Output);
    }

    private static (int ExitCode, string Output) Osslsigncode(TempFolder folder, string file) =>
        Run("osslsigncode", ["verify", "-CAfile", folder.Combine("lab-signing", "cert.pem"), "-in", file], folder.Path);

    private static (int ExitCode, string Output) Run(string tool, string[] arguments, string workingDirectory, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "AUTHENTICODE_PKCS12", "AUTHENTICODE_CERT", "AUTHENTICODE_KEY", "AUTHENTICODE_TIMESTAMP_URL", "AUTHENTICODE_CA_FILE" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"'{tool}' is not installed ({ex.Message}): ./build.sh test installs osslsigncode and gcab (DEBIAN_PACKAGES).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.IsTrue(process.WaitForExit(120_000), $"{tool} did not finish in 2 minutes");
            return (process.ExitCode, output.Result + error.Result);
        }
    }
}
