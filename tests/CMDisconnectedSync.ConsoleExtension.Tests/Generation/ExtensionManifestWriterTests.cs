using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

[TestClass]
public sealed class ExtensionManifestWriterTests
{
    private static (ConsoleExtensionDefinition Definition, IReadOnlyList<CabEntry> Entries, XElement Manifest) CreateSut(params CabEntry[] payload)
    {
        var definition = TestRepository.ShippedDefinition();
        var entries = ConsoleExtensionLayout.CabXmlEntries(definition).Concat(payload).ToList();
        var manifest = XDocument.Load(new MemoryStream(ExtensionManifestWriter.Write(definition.Identity, entries))).Root!;
        return (definition, entries, manifest);
    }

    [TestMethod]
    public void Write_Root_CarriesTheFixedIdentityAndTheBuildVersion()
    {
        var (_, _, manifest) = CreateSut();

        Assert.AreEqual("CustomExtensionManifest", manifest.Name.LocalName);
        Assert.AreEqual(ConsoleNodeIds.ExtensionId, (string?)manifest.Attribute("ExtensionID"));
        Assert.AreEqual(TestRepository.VersionPrefix, (string?)manifest.Attribute("Version"));
        Assert.IsTrue(Version.TryParse((string?)manifest.Attribute("Version"), out _), "Version must parse as System.Version (Microsoft's requirement)");
        foreach (var attribute in new[] { "Name", "Description", "Author" })
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace((string?)manifest.Attribute(attribute)), attribute);
        }
    }

    [TestMethod]
    public void Write_Deployments_OneActionDeploymentPerParentAndOneNodeDeployment()
    {
        var (definition, _, manifest) = CreateSut();
        var deployments = manifest.Element("Deployments")!.Elements().ToList();

        var actionParents = deployments.Where(d => d.Name == "ActionExtensionDeployment").Select(d => (string)d.Attribute("ParentNode")!).ToList();
        var nodeParents = deployments.Where(d => d.Name == "NodeExtensionDeployment").Select(d => (string)d.Attribute("ParentNode")!).ToList();

        CollectionAssert.AreEquivalent(definition.ActionFolders.Select(f => f.ParentGuid).ToList(), actionParents);
        CollectionAssert.AreEqual(new[] { ConsoleNodeIds.SoftwareUpdatesFolder }, nodeParents);
    }

    [TestMethod]
    public void Write_FileList_HashesTheExactBytesOfEveryEntry()
    {
        var payload = new CabEntry("CMDisconnectedSync.exe", DeploymentKind.Payload, null, [0x4D, 0x5A, 1, 2, 3]);
        var (_, entries, manifest) = CreateSut(payload);

        var listed = manifest.Descendants("File").ToDictionary(f => (string)f.Attribute("Name")!, f => f.Element("Hash")!);

        Assert.HasCount(entries.Count, listed);
        foreach (var entry in entries)
        {
            Assert.AreEqual("sha256", (string?)listed[entry.FileName].Attribute("Algorithm"));
            Assert.AreEqual(Sha256Hex.OfBytes(entry.Content), listed[entry.FileName].Value, entry.FileName);
        }
    }

    [TestMethod]
    public void Write_Payload_IsListedOnceBesideTheFirstActionDeploymentsXml()
    {
        var payload = new[]
        {
            new CabEntry("CMDisconnectedSync.exe", DeploymentKind.Payload, null, [0x4D, 0x5A, 1]),
            new CabEntry("CMDisconnectedSync.Core.dll", DeploymentKind.Payload, null, [0x4D, 0x5A, 2]),
        };
        var (_, _, manifest) = CreateSut(payload);

        var first = manifest.Element("Deployments")!.Elements("ActionExtensionDeployment").First();
        var names = first.Element("FileList")!.Elements("File").Select(f => (string)f.Attribute("Name")!).ToList();

        CollectionAssert.AreEqual(new[] { "CMDisconnectedSync.exe", "CMDisconnectedSync.Core.dll" }, names.Where(n => !n.EndsWith(".xml", StringComparison.Ordinal)).ToList());
        Assert.IsTrue(names.Take(names.Count - 2).All(n => n.EndsWith(".xml", StringComparison.Ordinal)), "action XML first, then the payload");
        Assert.AreEqual(1, manifest.Descendants("File").Count(f => (string?)f.Attribute("Name") == "CMDisconnectedSync.exe"));
    }

    [TestMethod]
    public void Write_WithPayload_HasTheShapeOfMicrosoftsSignedCabManifest()
    {
        // recoveryKeyExtension.cab lists RecoveryKey.ps1 beside action.xml; ours must use no element or attribute that
        // Microsoft's two signed manifests do not (NodeExtensionDeployment aside, which only the docs article shows,
        // with the same FileList shape as ActionExtensionDeployment).
        var microsoft = RealConsoleFiles.Shape(RealConsoleFiles.Load(RealConsoleFiles.RecoveryKeyManifestPath));
        microsoft.UnionWith(RealConsoleFiles.Shape(RealConsoleFiles.Load(RealConsoleFiles.AllStatusManifestPath)));
        var (_, _, manifest) = CreateSut(new CabEntry("CMDisconnectedSync.exe", DeploymentKind.Payload, null, [0x4D, 0x5A]));

        var ours = RealConsoleFiles.Shape(manifest).Select(p => p.Replace("NodeExtensionDeployment", "ActionExtensionDeployment", StringComparison.Ordinal)).ToList();

        CollectionAssert.AreEquivalent(microsoft.ToList(), ours.Distinct().ToList());
    }

    [TestMethod]
    public void Write_Hashes_AreWrittenLikeMicrosoftsSignedCabs()
    {
        var lowerHex = new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$");
        var microsoft = RealConsoleFiles.Load(RealConsoleFiles.RecoveryKeyManifestPath).Descendants("Hash")
            .Concat(RealConsoleFiles.Load(RealConsoleFiles.AllStatusManifestPath).Descendants("Hash")).Select(h => h.Value).ToList();
        var (_, _, manifest) = CreateSut();

        Assert.IsTrue(microsoft.All(lowerHex.IsMatch), string.Join(", ", microsoft));
        foreach (var hash in manifest.Descendants("Hash").Select(h => h.Value))
        {
            StringAssert.Matches(hash, lowerHex);
        }
    }

    [TestMethod]
    public void MicrosoftFixtures_HashTheFilesTheyShipWith()
    {
        // Proves the fixtures are the cabs' own bytes: each manifest's hash of its action XML matches the copy beside it.
        foreach (var (manifestPath, actionPath) in new[]
        {
            (RealConsoleFiles.RecoveryKeyManifestPath, RealConsoleFiles.RecoveryKeyActionPath),
            (RealConsoleFiles.AllStatusManifestPath, RealConsoleFiles.AllStatusActionPath),
        })
        {
            var listed = RealConsoleFiles.Load(manifestPath).Descendants("File").Single(f => (string?)f.Attribute("Name") == Path.GetFileName(actionPath));
            Assert.AreEqual(listed.Element("Hash")!.Value, Sha256Hex.OfBytes(File.ReadAllBytes(actionPath)), actionPath);
        }
    }

    [TestMethod]
    public void CabXmlEntries_SameActionUnderTwoParents_GetsDistinctNamesAndTheLegacyTwinsContent()
    {
        var definition = TestRepository.ShippedDefinition();
        var cab = ConsoleExtensionLayout.CabXmlEntries(definition);
        var legacy = ConsoleExtensionLayout.LegacyFiles(definition);
        var launch = ConsoleExtensionLayout.CabLaunch(definition.Identity);

        Assert.AreEqual(cab.Count, cab.Select(e => e.FileName.ToUpperInvariant()).Distinct().Count());
        Assert.HasCount(legacy.Count, cab);
        foreach (var entry in cab.Where(e => e.Kind == DeploymentKind.Action))
        {
            // The same action; only how it starts the wizard differs (the cab's own copy instead of the MSI's).
            var stem = entry.FileName.Substring(entry.FileName.IndexOf('.', StringComparison.Ordinal) + 1);
            var twin = RealConsoleFiles.Load(legacy.Single(f => f.RelativePath == $"XmlStorage/Extensions/Actions/{entry.ParentGuid}/{stem}").Content);
            var executable = twin.Element("Executable")!;
            executable.Element("FilePath")!.Value = launch.FilePath;
            executable.SetAttributeValue("UseShellProcessing", "false");
            Assert.AreEqual(twin.ToString(), RealConsoleFiles.Load(entry.Content).ToString(), entry.FileName);
        }
    }
}
