using CMDisconnectedSync.ConfigMgr.ConsoleInstallation;
using CMDisconnectedSync.ConsoleExtension.Model;
using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Doctor.Tests;

[TestClass]
public sealed class FieldFactsTests
{
    [TestMethod]
    public void All_EveryFact_HasAUniqueIdAnExpectationAndASource()
    {
        var facts = FieldFacts.All;

        Assert.AreEqual(facts.Count, facts.Select(f => f.Id).Distinct().Count(), "ids are unique");
        foreach (var fact in facts)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(fact.Expected), fact.Id + " has no expected value");
            Assert.IsFalse(string.IsNullOrWhiteSpace(fact.Source), fact.Id + " has no source");
            Assert.IsTrue(fact.Area is FieldFacts.WsusArea or FieldFacts.ConsoleArea or FieldFacts.ConfigMgrArea or FieldFacts.StateArea, fact.Id + " has an unknown area");
        }
    }

    [TestMethod]
    public void ParentNodes_AreTheConsoleExtensionsOwnGuids()
    {
        var folders = ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = "0.1.0" }).ActionFolders
            .Where(f => !f.IsRowLevel)
            .Select(f => f.ParentGuid);

        CollectionAssert.AreEquivalent(folders.ToArray(), FieldFacts.ParentNodes.Select(f => f.Expected).ToArray());
        // No role-pane GUID ships, so the doctor row names the class whose query the admin must pick, not a GUID.
        Assert.IsFalse(Guid.TryParse(FieldFacts.RolePane.Expected, out _), FieldFacts.RolePane.Expected);
        StringAssert.Contains(FieldFacts.RolePane.Expected, FieldFacts.RolePaneWmiClass);
    }

    [TestMethod]
    public void WsusSetupKey_NamesTheKeyTheAdapterReads()
    {
        StringAssert.Contains(FieldFacts.WsusSetupKey.Expected, WsusSetupRegistry.SetupKeyPath);
    }

    [TestMethod]
    public void SdkAssembly_ForEveryCompiledReference_NamesItsFile()
    {
        foreach (var identity in SdkIdentityReader.CompiledAgainst())
        {
            StringAssert.Contains(FieldFacts.SdkAssembly(identity.Name + ".dll").Assumption, identity.Name + ".dll");
        }
    }

    [TestMethod]
    public void Unconfirmed_FactsWithoutAPrimarySource_SaySo()
    {
        foreach (var fact in new[] { FieldFacts.RolePane, FieldFacts.ExtensionPayload, FieldFacts.WriteUpdateCategories, FieldFacts.SyncNowPermission, FieldFacts.StateFolderProtected })
        {
            StringAssert.Contains(fact.Source, "unconfirmed", fact.Id);
        }
    }

    [TestMethod]
    public void ParentNodes_NodeLevelGuids_CiteMicrosoftsOwnConsoleXml()
    {
        // Confirmed against SoftwareLibraryNode.xml (ConsoleExtension.Tests ConsoleNodeIdsTests holds the excerpt).
        foreach (var fact in new[] { FieldFacts.ParentNodes[1], FieldFacts.ParentNodes[2] })
        {
            StringAssert.Contains(fact.Source, "SoftwareLibraryNode.xml", fact.Id);
            Assert.IsFalse(fact.Source.Contains("unconfirmed", StringComparison.OrdinalIgnoreCase), fact.Id);
        }
    }

    [TestMethod]
    public void UnconfirmedFactsDocument_ListsExactlyTheUnconfirmedDoctorRows()
    {
        // docs/unconfirmed-facts.md is the one list of what no public source settles; its first table names doctor rows.
        var document = File.ReadAllText(CMDisconnectedSync.Testing.RepositoryRoot.Combine("docs", "unconfirmed-facts.md"));
        var firstTable = document[document.IndexOf("## Checked by a `cmdsync doctor` row", StringComparison.Ordinal)..document.IndexOf("## Checked by every run", StringComparison.Ordinal)];
        var listed = firstTable.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line[3..line.IndexOf('`', 3)])
            .ToList();

        var unconfirmed = FieldFacts.All
            .Where(fact => fact.Source.Contains("unconfirmed", StringComparison.OrdinalIgnoreCase))
            .Select(fact => fact.Id)
            .ToList();

        CollectionAssert.AreEquivalent(unconfirmed, listed);
    }
}
