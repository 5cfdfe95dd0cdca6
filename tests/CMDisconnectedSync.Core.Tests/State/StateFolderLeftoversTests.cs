using CMDisconnectedSync.State;
using CMDisconnectedSync.Workflows;
using Serilog.Core;

namespace CMDisconnectedSync.Core.Tests.State;

[TestClass]
public sealed class StateFolderLeftoversTests
{
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-leftovers-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, TimeSpan age)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    // Issue 19: a kill between the export chain's two writes left last-inventory.json.cmdsync-partial, and every
    // interrupted category snapshot a new category-snapshot-*.json.<guid>.tmp that nothing ever removed.
    [TestMethod]
    public void Sweep_Export_DeletesItsOwnTempFilesAtOnceAndOthersOnlyWhenStale()
    {
        var inventoryPartial = Write(ExportChainStore.LastInventoryFileName + ".cmdsync-partial", TimeSpan.Zero);
        var manifestPartial = Write(ExportChainStore.LastManifestFileName + ".cmdsync-partial", TimeSpan.Zero);
        var journalTemp = Write(Path.Combine(WorkflowJournalFiles.FolderName, "export.journal.jsonl.tmp"), TimeSpan.Zero);
        var oldSnapshot = Write("category-snapshot-ABC.json.0123456789abcdef0123456789abcdef.tmp", TimeSpan.FromHours(2));
        var freshSnapshot = Write("category-snapshot-ABC.json.fedcba9876543210fedcba9876543210.tmp", TimeSpan.Zero);
        var freshSigners = Write(DisconnectedStateStore.TrustedSignersFileName + ".cmdsync-partial", TimeSpan.Zero);
        var importState = Write(DisconnectedStateStore.StateFileName + ".cmdsync-partial", TimeSpan.Zero);
        var real = Write(ExportChainStore.LastInventoryFileName, TimeSpan.FromHours(2));

        var swept = StateFolderLeftovers.Sweep(_folder, WorkflowJournalFiles.ExportWorkflowName, TimeProvider.System, Logger.None);

        CollectionAssert.AreEquivalent(new[] { inventoryPartial, manifestPartial, journalTemp, oldSnapshot }, swept.ToArray());
        Assert.IsFalse(File.Exists(inventoryPartial));
        Assert.IsFalse(File.Exists(oldSnapshot));
        Assert.IsTrue(File.Exists(freshSnapshot), "another verb may be writing it right now");
        Assert.IsTrue(File.Exists(freshSigners), "keys trust writes it without the export lock");
        Assert.IsTrue(File.Exists(importState), "the import's file, written under the other lock");
        Assert.IsTrue(File.Exists(real));
    }

    [TestMethod]
    public void Sweep_Import_DeletesTheStateFilesPartials()
    {
        var statePartial = Write(DisconnectedStateStore.StateFileName + ".cmdsync-partial", TimeSpan.Zero);
        var inventoryPartial = Write(DisconnectedStateStore.InventoryFileName + ".cmdsync-partial", TimeSpan.Zero);
        var exportPartial = Write(ExportChainStore.LastInventoryFileName + ".cmdsync-partial", TimeSpan.Zero);

        var swept = StateFolderLeftovers.Sweep(_folder, WorkflowJournalFiles.ImportWorkflowName, TimeProvider.System, Logger.None);

        CollectionAssert.AreEquivalent(new[] { statePartial, inventoryPartial }, swept.ToArray());
        Assert.IsTrue(File.Exists(exportPartial));
    }
}
