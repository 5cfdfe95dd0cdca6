using System.Text.Json;
using CMDisconnectedSync.Cli;
using CMDisconnectedSync.Cli.Workflows;

namespace CMDisconnectedSync.Cli.Tests.Commands;

/// <summary>
/// The verbs end to end on a lab: keys new → keys trust → bundle create → verify, then the admin's mistakes and
/// an attacker's edits, each with its documented exit code.
/// </summary>
[TestClass]
public sealed class BundleVerbsTests
{
    private static string _keys = null!;
    private static string _pfx = null!;
    private static string _passwordFile = null!;
    private static string _thumbprint = null!;
    private string _root = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task CreateLabKeyAsync(TestContext context)
    {
        _keys = Directory.CreateTempSubdirectory("cmdsync-cli-keys-").FullName;
        _passwordFile = Path.Combine(_keys, "password.txt");
        await File.WriteAllTextAsync(_passwordFile, "lab-password\n");
        _pfx = Path.Combine(_keys, "export.pfx");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync(["keys", "new", "--out", _pfx, "--password-file", _passwordFile, "--log", Path.Combine(_keys, "log.log")], output, error);
        Assert.AreEqual(ExitCodes.Success, exitCode, error.ToString());
        _thumbprint = output.ToString().Trim();
    }

    [ClassCleanup]
    public static void DeleteLabKey() => Directory.Delete(_keys, recursive: true);

    [TestInitialize]
    public void CreateLab()
    {
        _root = Directory.CreateTempSubdirectory("cmdsync-cli-").FullName;
        Write("WsusContent/0A/update.cab", 2_500_000, seed: 1);
        Write("WsusContent/FF/eula.txt", 100, seed: 2);
        Write("meta/export.xml.gz", 1000, seed: 3);
        Write("meta/export.log", 10, seed: 4);
    }

    [TestCleanup]
    public void DeleteLab() => Directory.Delete(_root, recursive: true);

    private string P(string relative) => Path.Combine(_root, relative);

    private void Write(string relative, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(P(relative))!);
        File.WriteAllBytes(P(relative), bytes);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApplication.RunAsync([.. args, "--log", P("cmdsync.log")], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a verb as if Ctrl+C had been pressed as it started.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunCancelledAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        await ctrlC.CancelAsync();
        var exitCode = await CliApplication.RunAsync([.. args, "--log", P("cmdsync.log")], output, error, new WindowsWorkflowHost(), ctrlC.Token);
        return (exitCode, output.ToString(), error.ToString());
    }

    private Task<(int ExitCode, string Output, string Error)> CreateBundleAsync(string folder, params string[] extra) =>
        RunAsync([
            "bundle", "create", "--content", P("WsusContent"), "--metadata", P("meta/export.xml.gz"), "--metadata-log", P("meta/export.log"),
            "--out", P(folder), "--sign-pfx", _pfx, "--password-file", _passwordFile, .. extra]);

    private async Task TrustLabKeyAsync()
    {
        var (exitCode, _, error) = await RunAsync("keys", "trust", Path.ChangeExtension(_pfx, ".cer"), "--state", P("state"));
        Assert.AreEqual(ExitCodes.Success, exitCode, error);
    }

    [TestMethod]
    public async Task KeysTrustThenList_CertificateFile_ListsItsThumbprint()
    {
        await TrustLabKeyAsync();

        var (exitCode, output, _) = await RunAsync("keys", "list", "--state", P("state"));

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, _thumbprint);
    }

    [TestMethod]
    public async Task KeysList_CertificateTrustedFromFile_ShowsItsExpiryWithoutAWarning()
    {
        await TrustLabKeyAsync();
        using var cer = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.ChangeExtension(_pfx, ".cer"));

        var (exitCode, output, error) = await RunAsync("keys", "list", "--state", P("state"));

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        StringAssert.Contains(output, "expires " + cer.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
        Assert.DoesNotContain("WARNING", error, "a two-year lab certificate is far from expiry");
    }

    [TestMethod]
    public async Task KeysList_SignerExpiringInTenDays_WarnsOnStandardErrorAndInJson()
    {
        // A real certificate file, valid for ten more days, trusted as an admin would (keys trust <file>).
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=Expiring export signer", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow.AddDays(10).AddHours(1));
        File.WriteAllBytes(P("expiring.cer"), certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
        var trusted = await RunAsync("keys", "trust", P("expiring.cer"), "--state", P("state"));
        Assert.AreEqual(ExitCodes.Success, trusted.ExitCode, trusted.Error);

        var (exitCode, output, error) = await RunAsync("keys", "list", "--state", P("state"));
        var json = await RunAsync("keys", "list", "--state", P("state"), "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        StringAssert.Contains(output, "(10 days left)");
        StringAssert.Contains(error, "WARNING: the trusted signer CN=Expiring export signer");
        StringAssert.Contains(error, "cmdsync keys trust");
        using var listed = JsonDocument.Parse(json.Output);
        var signer = listed.RootElement.GetProperty("signers")[0];
        Assert.AreEqual(10, signer.GetProperty("daysLeft").GetInt32());
        Assert.AreEqual("ExpiresSoon", signer.GetProperty("expiry").GetString());
        Assert.AreEqual(1, listed.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [TestMethod]
    public async Task KeysList_SignerAddedByThumbprint_SaysTheExpiryIsUnknown()
    {
        var trusted = await RunAsync("keys", "trust", _thumbprint, "--state", P("state"));
        Assert.AreEqual(ExitCodes.Success, trusted.ExitCode, trusted.Error);

        var (exitCode, output, _) = await RunAsync("keys", "list", "--state", P("state"));

        Assert.AreEqual(ExitCodes.Success, exitCode);
        StringAssert.Contains(output, "expiry unknown");
    }

    [TestMethod]
    public async Task Verify_FreshBundleFromTrustedKey_ExitsZeroWithSummary()
    {
        await TrustLabKeyAsync();
        var created = await CreateBundleAsync("bundle", "--max-volume-size", "1MB");
        Assert.AreEqual(ExitCodes.Success, created.ExitCode, created.Error);

        var (exitCode, output, error) = await RunAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.Success, exitCode, output + error);
        StringAssert.Contains(output, "VERIFIED");
        StringAssert.Contains(output, _thumbprint);
        StringAssert.Contains(output, "2 files (2 new, 0 changed)");
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task KeysTrust_FirstUse_CreatesTheStateFolderOwnerOnly()
    {
        await TrustLabKeyAsync();

        // This Linux machine's stand-in for the protected DACL (SYSTEM + Administrators) a server gets.
        Assert.AreEqual((UnixFileMode)0x1C0, File.GetUnixFileMode(P("state")));
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Verify_TrustedSignersWritableByOthers_ExitsStateUnreadableNamingTheFileAndTheFix()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle");
        var signers = Path.Combine(P("state"), "trusted-signers.txt");
        File.SetUnixFileMode(signers, File.GetUnixFileMode(signers) | UnixFileMode.OtherWrite);

        var (exitCode, output, error) = await RunAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.StateUnreadable, exitCode, output + error);
        StringAssert.Contains(error, $"The state file '{signers}' is not protected");
        StringAssert.Contains(error, "Everyone (S-1-1-0) may write data");
        StringAssert.Contains(error, $"chmod 0600 \"{signers}\"");
    }

    [TestMethod]
    public async Task Verify_Json_IsOneParsableObjectWithExitCodeAndSigner()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle");

        var (exitCode, output, _) = await RunAsync("verify", P("bundle"), "--state", P("state"), "--json");

        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(ExitCodes.Success, exitCode);
        Assert.AreEqual("verified", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(_thumbprint, json.RootElement.GetProperty("summary").GetProperty("signerThumbprint").GetString());
    }

    [TestMethod]
    public async Task Verify_NoTrustedSigner_ExitsSignerUntrusted()
    {
        await CreateBundleAsync("bundle");

        var (exitCode, output, _) = await RunAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.BundleSignerUntrusted, exitCode);
        StringAssert.Contains(output, "keys trust");
    }

    [TestMethod]
    public async Task Verify_FlippedContentByte_ExitsHashMismatchNamingFile()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle");
        var stored = P("bundle/content/0A/update.cab");
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[2_000_000] ^= 0x40;
        await File.WriteAllBytesAsync(stored, bytes);

        var (exitCode, output, _) = await RunAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.BundleHashMismatch, exitCode);
        StringAssert.Contains(output, "content/0A/update.cab");
    }

    [TestMethod]
    public async Task Verify_MissingVolume_ExitsVolumeMissing()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle", "--max-volume-size", "1MB");
        Directory.Delete(P("bundle/volume-003"), recursive: true);

        var (exitCode, output, _) = await RunAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.BundleVolumeMissing, exitCode);
        StringAssert.Contains(output, "volume-003");
    }

    // Regression (review): after an override re-applied bundle 1, verify (and import) accepted bundle 2 again without one.
    [TestMethod]
    public async Task Verify_TheHighestAcceptedBundleAfterARollbackOverride_ExitsReplayedUnlessOverriddenAgain()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle1", "--chain", P("chain"));
        Write("WsusContent/0B/new.cab", 500, seed: 9);
        await CreateBundleAsync("bundle2", "--chain", P("chain"));
        var bundle1Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(P("bundle1/manifest.json"))));
        // The state after importing 1 and 2, then 1 again with --allow-rollback: the anchor is 1, the highest is 2.
        await File.WriteAllTextAsync(P("state/state.json"),
            $$"""{"formatVersion":"1.0","lastAccepted":{"sequence":1,"manifestSha256":"{{bundle1Sha256}}","bundleId":"b1","acceptedAtUtc":"2026-11-24T12:00:00.0000000Z"},"highestAcceptedSequence":2,"rollbackOverrides":[{"fromSequence":2,"toSequence":1,"reason":"restore","atUtc":"2026-11-24T12:00:00.0000000Z"}]}""");

        var (exitCode, output, _) = await RunAsync("verify", P("bundle2"), "--state", P("state"));
        var overridden = await RunAsync("verify", P("bundle2"), "--state", P("state"), "--allow-rollback", "--reason", "forward again");

        Assert.AreEqual(ExitCodes.BundleReplayed, exitCode, output);
        StringAssert.Contains(output, "the highest this server ever accepted");
        Assert.AreEqual(ExitCodes.Success, overridden.ExitCode, overridden.Output + overridden.Error);
    }

    [TestMethod]
    public async Task BundleCreate_SecondRunOnChain_IsDeltaWithNextSequence()
    {
        await CreateBundleAsync("bundle1", "--chain", P("chain"));
        Write("WsusContent/0B/new.cab", 500, seed: 9);

        var (exitCode, output, error) = await CreateBundleAsync("bundle2", "--chain", P("chain"));

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        StringAssert.Contains(output, "sequence 2 (delta against 1), 1 files");
        StringAssert.Contains(output, "2 unchanged not sent");
    }

    [TestMethod]
    public async Task BundleCreate_AgainstReceipt_SendsOnlyWhatTheOtherSideLacks()
    {
        Directory.CreateDirectory(P("airgap/WsusContent/FF"));
        File.Copy(P("WsusContent/FF/eula.txt"), P("airgap/WsusContent/FF/eula.txt"));
        var receipt = await RunAsync("receipt", "--state", P("airgap/state"), "--content", P("airgap/WsusContent"), "--out", P("receipt.json"));
        Assert.AreEqual(ExitCodes.Success, receipt.ExitCode, receipt.Error);

        var (exitCode, output, error) = await CreateBundleAsync("bundle", "--receipt", P("receipt.json"));

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        StringAssert.Contains(output, "1 files");
        StringAssert.Contains(output, "1 unchanged not sent");
    }

    [TestMethod]
    public async Task BundleCreate_NoSigner_IsUsageErrorNamingOptions()
    {
        var (exitCode, _, error) = await RunAsync("bundle", "create", "--content", P("WsusContent"), "--metadata", P("meta/export.xml.gz"), "--metadata-log", P("meta/export.log"), "--out", P("bundle"));

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "--sign-pfx");
    }

    [TestMethod]
    public async Task BundleCreate_BadVolumeSize_IsUsageErrorWithExample()
    {
        var (exitCode, _, error) = await CreateBundleAsync("bundle", "--max-volume-size", "huge");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        StringAssert.Contains(error, "4GiB-1");
    }

    [TestMethod]
    public async Task BundleCreate_WrongPfxPassword_ExitsSigningCertificateUnavailable()
    {
        var wrong = P("wrong.txt");
        await File.WriteAllTextAsync(wrong, "nope");

        var (exitCode, _, error) = await RunAsync("bundle", "create", "--content", P("WsusContent"), "--metadata", P("meta/export.xml.gz"), "--metadata-log", P("meta/export.log"),
            "--out", P("bundle"), "--sign-pfx", _pfx, "--password-file", wrong);

        Assert.AreEqual(ExitCodes.SigningCertificateUnavailable, exitCode);
        StringAssert.Contains(error, _pfx);
    }

    [TestMethod]
    public async Task Verify_CtrlC_ExitsCancelledSayingSo()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle");

        var (exitCode, output, error) = await RunCancelledAsync("verify", P("bundle"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output + error);
        StringAssert.StartsWith(error, "Cancelled.");
        Assert.AreEqual(string.Empty, output);
    }

    [TestMethod]
    public async Task Verify_CtrlCWithJson_WritesOneCancelledObject()
    {
        await TrustLabKeyAsync();
        await CreateBundleAsync("bundle");

        var (exitCode, output, error) = await RunCancelledAsync("verify", P("bundle"), "--state", P("state"), "--json");

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output + error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("cancelled", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Cancelled, json.RootElement.GetProperty("exitCode").GetInt32());
    }

    [TestMethod]
    public async Task Receipt_CtrlC_ExitsCancelledSayingSo()
    {
        var (exitCode, output, error) = await RunCancelledAsync("receipt", "--content", P("WsusContent"), "--out", P("receipt.json"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output + error);
        StringAssert.StartsWith(error, "Cancelled.");
        Assert.IsFalse(File.Exists(P("receipt.json")));
    }

    [TestMethod]
    public async Task BundleCreate_CtrlC_ExitsCancelledSayingSo()
    {
        var (exitCode, output, error) = await RunCancelledAsync(
            "bundle", "create", "--content", P("WsusContent"), "--metadata", P("meta/export.xml.gz"), "--metadata-log", P("meta/export.log"),
            "--out", P("bundle"), "--sign-pfx", _pfx, "--password-file", _passwordFile);

        Assert.AreEqual(ExitCodes.Cancelled, exitCode, output + error);
        StringAssert.StartsWith(error, "Cancelled.");
    }

    [TestMethod]
    public async Task KeysNew_Json_WritesOneObjectWithThumbprintAndFiles()
    {
        var (exitCode, output, error) = await RunAsync("keys", "new", "--out", P("keys/lab.pfx"), "--password-file", _passwordFile, "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("created", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(P("keys/lab.pfx"), json.RootElement.GetProperty("pfx").GetString());
        Assert.AreEqual(P("keys/lab.cer"), json.RootElement.GetProperty("cer").GetString());
        Assert.AreEqual(40, json.RootElement.GetProperty("thumbprint").GetString()!.Length);
    }

    [TestMethod]
    public async Task KeysTrustAndList_Json_EachWriteOneObjectWithTheThumbprint()
    {
        var trust = await RunAsync("keys", "trust", Path.ChangeExtension(_pfx, ".cer"), "--state", P("state"), "--json");
        var list = await RunAsync("keys", "list", "--state", P("state"), "--json");

        Assert.AreEqual(ExitCodes.Success, trust.ExitCode, trust.Error);
        using var trusted = JsonDocument.Parse(trust.Output);
        Assert.AreEqual(_thumbprint, trusted.RootElement.GetProperty("thumbprint").GetString());
        Assert.AreEqual(ExitCodes.Success, list.ExitCode, list.Error);
        using var listed = JsonDocument.Parse(list.Output);
        Assert.AreEqual(_thumbprint, listed.RootElement.GetProperty("signers")[0].GetProperty("thumbprint").GetString());
    }

    [TestMethod]
    public async Task KeysTrust_NotACertificateJson_WritesOneFailureObject()
    {
        var (exitCode, output, _) = await RunAsync("keys", "trust", "not-a-thumbprint", "--state", P("state"), "--json");

        Assert.AreEqual(ExitCodes.Usage, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("failed", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(ExitCodes.Usage, json.RootElement.GetProperty("exitCode").GetInt32());
        StringAssert.Contains(json.RootElement.GetProperty("error").GetString(), "not-a-thumbprint");
    }

    [TestMethod]
    public async Task Receipt_Json_WritesOneObjectWithFileCount()
    {
        var (exitCode, output, error) = await RunAsync("receipt", "--content", P("WsusContent"), "--out", P("receipt.json"), "--state", P("state"), "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("written", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(P("receipt.json"), json.RootElement.GetProperty("receipt").GetString());
        Assert.AreEqual(2, json.RootElement.GetProperty("files").GetInt32());
    }

    [TestMethod]
    public async Task BundleCreate_Json_WritesOneObjectWithSequenceAndFiles()
    {
        var (exitCode, output, error) = await CreateBundleAsync("bundle", "--json");

        Assert.AreEqual(ExitCodes.Success, exitCode, error);
        using var json = JsonDocument.Parse(output);
        Assert.AreEqual("created", json.RootElement.GetProperty("result").GetString());
        Assert.AreEqual(P("bundle"), json.RootElement.GetProperty("bundle").GetString());
        Assert.AreEqual(1, json.RootElement.GetProperty("sequence").GetInt32());
        Assert.AreEqual(2, json.RootElement.GetProperty("files").GetInt32());
    }

    [TestMethod]
    public async Task Receipt_ContentFolderMissing_IsUsageErrorNamingTheFolder()
    {
        var (exitCode, _, error) = await RunAsync("receipt", "--content", P("NoSuchContent"), "--out", P("receipt.json"), "--state", P("state"));

        Assert.AreEqual(ExitCodes.Usage, exitCode, error);
        StringAssert.Contains(error, P("NoSuchContent"));
        StringAssert.Contains(error, "--content");
    }
}
