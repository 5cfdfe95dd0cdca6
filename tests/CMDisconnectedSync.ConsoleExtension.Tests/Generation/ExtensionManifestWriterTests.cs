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
            Assert.AreEqual(Sha256Hex.OfBytes(entry.Content).ToUpperInvariant(), listed[entry.FileName].Value, entry.FileName);
        }

        Assert.AreEqual(ExtensionManifestWriter.PayloadDeploymentElement, listed["CMDisconnectedSync.exe"].Parent!.Parent!.Parent!.Name.LocalName);
    }

    [TestMethod]
    public void CabXmlEntries_SameActionUnderTwoParents_GetsDistinctNamesAndIdenticalBytes()
    {
        var definition = TestRepository.ShippedDefinition();
        var cab = ConsoleExtensionLayout.CabXmlEntries(definition);
        var legacy = ConsoleExtensionLayout.LegacyFiles(definition);

        Assert.AreEqual(cab.Count, cab.Select(e => e.FileName.ToUpperInvariant()).Distinct().Count());
        Assert.HasCount(legacy.Count, cab);
        foreach (var entry in cab.Where(e => e.Kind == DeploymentKind.Action))
        {
            var stem = entry.FileName.Substring(entry.FileName.IndexOf('.', StringComparison.Ordinal) + 1);
            var twin = legacy.Single(f => f.RelativePath == $"XmlStorage/Extensions/Actions/{entry.ParentGuid}/{stem}");
            CollectionAssert.AreEqual(twin.Content, entry.Content, entry.FileName);
        }
    }
}
