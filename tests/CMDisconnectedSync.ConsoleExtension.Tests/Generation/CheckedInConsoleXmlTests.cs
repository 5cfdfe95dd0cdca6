using CMDisconnectedSync.ConsoleExtension.Generation;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

/// <summary>The checked-in console-xml/ must be byte-for-byte what the model generates: reviewing it is reviewing the install.</summary>
[TestClass]
public sealed class CheckedInConsoleXmlTests
{
    [TestMethod]
    public void ConsoleXmlFolder_MatchesTheGenerator_RegenerateWithConsoleGenerate()
    {
        var drift = ConsoleExtensionOutput.FindDrift(ConsoleExtensionLayout.ReviewTree(TestRepository.ShippedDefinition()), TestRepository.ConsoleXml);

        Assert.IsEmpty(
            drift,
            "console-xml/ drifted from the model; run: dotnet src/CMDisconnectedSync.Cli/bin/Release/net10.0/cmdsync.dll console generate --out console-xml\n"
            + string.Join("\n", drift.Select(d => $"{d.Kind}: {d.RelativePath}")));
    }

    [TestMethod]
    public void ConsoleXmlFolder_ActionFolders_AreOnlyGuidsWithASource()
    {
        // What the MSI harvests and the cab lists: every Actions\<GUID> must be one the console has (ConsoleNodeIds, each
        // with its source), never a generated placeholder such as the role pane's former 0d6f3c38-….
        string[] known =
        [
            ConsoleNodeIds.SoftwareUpdatesFolder, ConsoleNodeIds.AllSoftwareUpdatesNode, ConsoleNodeIds.SoftwareUpdateGroupsNode,
            ConsoleNodeIds.SoftwareUpdateGroupRows, ConsoleNodeIds.DisconnectedSyncNodeQuery,
        ];
        var actions = Path.Combine(TestRepository.ConsoleXml, "XmlStorage", "Extensions", "Actions");

        var folders = Directory.GetDirectories(actions).Select(Path.GetFileName).ToList();
        var parentNodes = System.Xml.Linq.XDocument.Load(Path.Combine(TestRepository.ConsoleXml, "extension", "manifest.xml"))
            .Descendants("ActionExtensionDeployment").Select(d => (string?)d.Attribute("ParentNode")).ToList();

        CollectionAssert.AreEquivalent(known, folders);
        CollectionAssert.AreEquivalent(known, parentNodes);
        foreach (var file in Directory.EnumerateFiles(TestRepository.ConsoleXml, "*", SearchOption.AllDirectories))
        {
            Assert.IsFalse(File.ReadAllText(file).Contains("0d6f3c38-5b8e-4c7f-9a51-2f0b7e4d6c19", StringComparison.OrdinalIgnoreCase), file);
        }
    }

    [TestMethod]
    public void WriteReviewTree_ParentTheModelNoLongerHas_LeavesNoEmptyFolder()
    {
        var folder = TestRepository.NewTempFolder();
        try
        {
            var stale = Path.Combine(folder, "XmlStorage", "Extensions", "Actions", "0d6f3c38-5b8e-4c7f-9a51-2f0b7e4d6c19");
            Directory.CreateDirectory(stale);
            File.WriteAllText(Path.Combine(stale, "10_ExportForDisconnectedSup.xml"), "<ActionDescription/>");

            ConsoleExtensionOutput.WriteReviewTree(TestRepository.ShippedDefinition(), folder);

            Assert.IsFalse(Directory.Exists(stale), stale);
        }
        finally
        {
            TestRepository.DeleteFolder(folder);
        }
    }

    [TestMethod]
    public void FindDrift_EditedMissingAndExtraFiles_AreEachReported()
    {
        var folder = TestRepository.NewTempFolder();
        try
        {
            var files = ConsoleExtensionOutput.WriteReviewTree(TestRepository.ShippedDefinition(), folder);
            File.AppendAllText(Path.Combine(folder, files[0].RelativePath), " ");
            File.Delete(Path.Combine(folder, files[1].RelativePath));
            File.WriteAllText(Path.Combine(folder, "extension", "Stray.xml"), "<x/>");

            var drift = ConsoleExtensionOutput.FindDrift(files, folder);

            CollectionAssert.AreEquivalent(
                new[]
                {
                    new DriftEntry(files[0].RelativePath, DriftKind.Different),
                    new DriftEntry(files[1].RelativePath, DriftKind.Missing),
                    new DriftEntry("extension/Stray.xml", DriftKind.Unexpected),
                },
                drift.ToArray());
        }
        finally
        {
            TestRepository.DeleteFolder(folder);
        }
    }
}
