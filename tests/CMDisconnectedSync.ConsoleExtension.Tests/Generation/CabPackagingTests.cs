using System.Diagnostics;
using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

/// <summary>
/// The real packaging path: stage from the model, pack and sign with eng/pack-console-extension-cab.sh (gcab +
/// osslsigncode + a lab certificate, exactly what build.sh pack runs), then check the cab from the outside.
/// </summary>
[TestClass]
[TestCategory("Packaging")]
public sealed class CabPackagingTests
{
    private string _work = null!;

    [TestInitialize]
    public void CreateWorkFolder()
    {
        foreach (var tool in new[] { "gcab", "cabextract", "osslsigncode", "openssl" })
        {
            if (Run("sh", "-c", "command -v " + tool).ExitCode != 0)
            {
                Assert.Inconclusive($"{tool} is not installed; ./build.sh test installs it.");
            }
        }

        _work = TestRepository.NewTempFolder();
    }

    [TestCleanup]
    public void DeleteWorkFolder() => TestRepository.DeleteFolder(_work);

    /// <summary>Stages and packs with a stand-in for the App's net48 publish folder (exe, config, DLLs, plus files that must stay out).</summary>
    private string CreateSut()
    {
        var payload = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(payload, "de"));
        File.WriteAllBytes(Path.Combine(payload, "CMDisconnectedSync.exe"), [0x4D, 0x5A, 0x90, 0x00, 0x03]);
        File.WriteAllBytes(Path.Combine(payload, "CMDisconnectedSync.Core.dll"), [0x4D, 0x5A, 0x01]);
        File.WriteAllText(Path.Combine(payload, "CMDisconnectedSync.exe.config"), "<configuration/>");
        File.WriteAllText(Path.Combine(payload, "notes.pdb"), "not shipped");
        File.WriteAllText(Path.Combine(payload, "de", "satellite.dll"), "not flat: not shipped");

        var stage = Path.Combine(_work, "stage");
        ConsoleExtensionOutput.WriteCabStage(TestRepository.ShippedDefinition(), stage, payload);
        var cab = Path.Combine(_work, "out", "CMDisconnectedSync.ConsoleExtension.cab");
        Directory.CreateDirectory(Path.GetDirectoryName(cab)!);
        var pack = Run(Path.Combine(TestRepository.Root, "eng", "pack-console-extension-cab.sh"), stage, cab);
        Assert.AreEqual(0, pack.ExitCode, pack.Output);
        return cab;
    }

    [TestMethod]
    public void Pack_WithPayload_ManifestListsEveryCabFileWithItsSha256()
    {
        var cab = CreateSut();
        var extracted = Path.Combine(_work, "extracted");

        var extract = Run("cabextract", "-q", "-d", extracted, cab);

        Assert.AreEqual(0, extract.ExitCode, extract.Output);
        var manifest = XDocument.Load(Path.Combine(extracted, "manifest.xml")).Root!;
        var listed = manifest.Descendants("File").ToDictionary(f => (string)f.Attribute("Name")!, f => f.Element("Hash")!.Value);
        var inCab = Directory.GetFiles(extracted).Select(Path.GetFileName).Where(n => n != "manifest.xml").ToList();
        CollectionAssert.AreEquivalent(listed.Keys.ToList(), inCab);
        CollectionAssert.Contains(inCab, "CMDisconnectedSync.exe");
        CollectionAssert.Contains(inCab, "CMDisconnectedSync.Core.dll");
        CollectionAssert.DoesNotContain(inCab, "notes.pdb");
        foreach (var name in inCab)
        {
            Assert.AreEqual(listed[name!], Sha256Hex.OfBytes(File.ReadAllBytes(Path.Combine(extracted, name!))), name);
        }
    }

    [TestMethod]
    public void Pack_WithPayload_ActionsStartTheExeTheCabCarries()
    {
        var cab = CreateSut();
        var extracted = Path.Combine(_work, "extracted");

        Assert.AreEqual(0, Run("cabextract", "-q", "-d", extracted, cab).ExitCode);

        var manifest = XDocument.Load(Path.Combine(extracted, "manifest.xml")).Root!;
        var (id, version) = ((string)manifest.Attribute("ExtensionID")!, (string)manifest.Attribute("Version")!);
        var actions = Directory.GetFiles(extracted, "*.xml").Where(p => XDocument.Load(p).Root!.Name == "ActionDescription").ToList();
        Assert.IsNotEmpty(actions);
        foreach (var action in actions)
        {
            var filePath = XDocument.Load(action).Root!.Element("Executable")!.Element("FilePath")!.Value;
            Assert.AreEqual($@".\..\Extensions\{id}\{version}\bin\CMDisconnectedSync.exe", filePath, action);
            Assert.IsTrue(File.Exists(Path.Combine(extracted, filePath.Split('\\').Last())), "the exe an action starts is in the cab");
        }
    }

    [TestMethod]
    public void WriteCabStage_WithoutTheWizard_RefusesNamingThePayloadFolder()
    {
        var empty = Path.Combine(_work, "app-not-built");
        Directory.CreateDirectory(empty);

        var ex = Assert.ThrowsExactly<FileNotFoundException>(() =>
            ConsoleExtensionOutput.WriteCabStage(TestRepository.ShippedDefinition(), Path.Combine(_work, "stage"), empty));

        StringAssert.Contains(ex.Message, "CMDisconnectedSync.exe");
        StringAssert.Contains(ex.Message, empty);
        Assert.IsFalse(Directory.Exists(Path.Combine(_work, "stage")), "nothing staged");
    }

    [TestMethod]
    public void Verify_SignedCab_IsAccepted()
    {
        var cab = CreateSut();

        var verify = Run("osslsigncode", "verify", "-CAfile", LabCertificate(), "-in", cab);

        Assert.AreEqual(0, verify.ExitCode, verify.Output);
        StringAssert.Contains(verify.Output, "Signature verification: ok");
    }

    [TestMethod]
    public void Verify_CabWithOneByteChanged_IsRejected()
    {
        var cab = CreateSut();
        var bytes = File.ReadAllBytes(cab);
        bytes[bytes.Length / 3] ^= 0xFF;
        var tampered = Path.Combine(_work, "tampered.cab");
        File.WriteAllBytes(tampered, bytes);

        var verify = Run("osslsigncode", "verify", "-CAfile", LabCertificate(), "-in", tampered);

        Assert.AreNotEqual(0, verify.ExitCode, verify.Output);
    }

    private string LabCertificate() => Path.Combine(_work, "out", "lab-signing", "cert.pem");

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
