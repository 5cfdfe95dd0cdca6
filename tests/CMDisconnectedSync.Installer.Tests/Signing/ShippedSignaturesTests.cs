using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Signing;

/// <summary>
/// The artifacts ./build.sh pack writes are Authenticode-signed, and the exes and our DLLs inside the MSI are the signed ones
/// (signed in the publish folder before wixl packed them). Locked-down sites (WDAC/AppLocker) refuse an unsigned exe,
/// even one a signed cab or MSI started. Verified against AUTHENTICODE_CA_FILE when the build had a real certificate,
/// else against the lab certificate the build made (artifacts/lab-signing/cert.pem).
/// </summary>
[TestClass]
public sealed class ShippedSignaturesTests
{
    private static string TrustedCertificates()
    {
        var configured = Environment.GetEnvironmentVariable("AUTHENTICODE_CA_FILE");
        var lab = RepositoryRoot.Combine("artifacts", "lab-signing", "cert.pem");
        var file = string.IsNullOrEmpty(configured) ? lab : configured;
        Assert.IsTrue(File.Exists(file), $"{file} does not exist: run ./build.sh pack (it makes the lab certificate when none is configured).");
        return file;
    }

    private static void AssertSigned(string file)
    {
        Assert.IsTrue(File.Exists(file), $"{file} does not exist: run ./build.sh pack.");
        var result = ToolProcess.Run("osslsigncode", ["verify", "-CAfile", TrustedCertificates(), "-in", file]);
        Assert.AreEqual(0, result.ExitCode, $"{file}: {result.Both}");
        StringAssert.Contains(result.Output, "Signature verification: ok", file);
    }

    [TestMethod]
    public void ShippedMsi_AuthenticodeSigned()
    {
        AssertSigned(new MsiDatabase(RepositoryRoot.ShippedMsi).Path);
    }

    [TestMethod]
    public void ShippedMsi_ExesInside_AreTheSignedOnes()
    {
        using var folder = new TempFolder();
        var extracted = ToolProcess.Run("msiextract", ["-C", folder.Path, new MsiDatabase(RepositoryRoot.ShippedMsi).Path]);
        Assert.AreEqual(0, extracted.ExitCode, extracted.Both);

        var exes = Directory.GetFiles(folder.Path, "*.exe", SearchOption.AllDirectories)
            .Where(path => Path.GetFileName(path) is "cmdsync.exe" or "CMDisconnectedSync.exe").ToList();

        CollectionAssert.AreEquivalent(new[] { "cmdsync.exe", "CMDisconnectedSync.exe" }, exes.Select(Path.GetFileName).ToList());
        exes.ForEach(AssertSigned);
    }

    [TestMethod]
    public void ShippedMsi_OurAssembliesInside_AreSigned()
    {
        // WDAC user-mode code integrity checks every DLL the signed exe loads, not only the exe (review finding).
        using var folder = new TempFolder();
        var extracted = ToolProcess.Run("msiextract", ["-C", folder.Path, new MsiDatabase(RepositoryRoot.ShippedMsi).Path]);
        Assert.AreEqual(0, extracted.ExitCode, extracted.Both);

        var ours = Directory.GetFiles(folder.Path, "CMDisconnectedSync*.dll", SearchOption.AllDirectories).ToList();

        Assert.IsGreaterThan(3, ours.Count, string.Join(", ", ours));
        ours.ForEach(AssertSigned);
    }

    [TestMethod]
    public void ConsoleExtensionCab_AuthenticodeSigned()
    {
        AssertSigned(RepositoryRoot.Combine("artifacts", "CMDisconnectedSync.ConsoleExtension.cab"));
    }
}
