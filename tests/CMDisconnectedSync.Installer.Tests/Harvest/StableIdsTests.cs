using System.Text.RegularExpressions;
using CMDisconnectedSync.Installer.Harvest;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class StableIdsTests
{
    [TestMethod]
    public void Identifier_AnyKey_IsAValidMsiIdentifier()
    {
        var id = StableIds.Identifier("fil", "INSTALLFOLDER/de/System.CommandLine.resources.dll");

        // MSI Identifier: letter or underscore first, then letters, digits, underscores, periods; at most 72.
        StringAssert.Matches(id, new Regex("^fil_[0-9a-f]{32}$"));
        Assert.IsLessThanOrEqualTo(72, id.Length);
    }

    [TestMethod]
    public void Identifier_SamePathDifferentCase_SameId()
    {
        Assert.AreEqual(
            StableIds.Identifier("cmp", "INSTALLFOLDER/cmdsync.exe"),
            StableIds.Identifier("cmp", "installfolder/CMDSYNC.EXE"));
    }

    [TestMethod]
    public void Identifier_DifferentPaths_DifferentIds()
    {
        Assert.AreNotEqual(
            StableIds.Identifier("cmp", "INSTALLFOLDER/cmdsync.exe"),
            StableIds.Identifier("cmp", "INSTALLFOLDER/de/cmdsync.exe"));
    }

    [TestMethod]
    public void NameBasedGuid_SameKey_SameGuidWithVersion8AndRfcVariant()
    {
        var first = StableIds.NameBasedGuid("component/INSTALLFOLDER/cmdsync.exe");
        var text = StableIds.Format(first);

        Assert.AreEqual(first, StableIds.NameBasedGuid("component/INSTALLFOLDER/cmdsync.exe"));
        Assert.AreEqual('8', text[14]);
        StringAssert.Matches(text[19].ToString(), new Regex("[89AB]"));
        Assert.AreEqual(text.ToUpperInvariant(), text);
    }

    [TestMethod]
    public void NameBasedGuid_DifferentKeys_DifferentGuids()
    {
        Assert.AreNotEqual(StableIds.NameBasedGuid("product/X/0.1.0"), StableIds.NameBasedGuid("product/X/0.1.1"));
    }
}
