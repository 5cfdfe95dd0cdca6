using CMDisconnectedSync.Core.Tests.TestSupport;
using CMDisconnectedSync.Paths;

namespace CMDisconnectedSync.Core.Tests.Paths;

[TestClass]
public sealed class BundlePathValidatorTests
{
    private static BundlePathValidator CreateSut() => new();

    [TestMethod]
    [DataRow("", PathRule.EmptySegment)]
    [DataRow("   ", PathRule.EmptySegment)]
    [DataRow("0A//x.cab", PathRule.EmptySegment)]
    [DataRow("0A/", PathRule.EmptySegment)]
    [DataRow(@"0A\x.cab", PathRule.Backslash)]
    [DataRow("../x.cab", PathRule.DotSegment)]
    [DataRow("0A/../../x.cab", PathRule.DotSegment)]
    [DataRow("0A/./x.cab", PathRule.DotSegment)]
    [DataRow("/etc/passwd", PathRule.Rooted)]
    [DataRow("C:/Windows/x.dll", PathRule.DriveLetter)]
    [DataRow("c:x.dll", PathRule.DriveLetter)]
    [DataRow("//server/share/x.cab", PathRule.Unc)]
    [DataRow(@"\\?\C:\x.cab", PathRule.Unc)]
    [DataRow("0A/x.cab:hidden", PathRule.AlternateDataStream)]
    [DataRow("0A/x.cab::$DATA", PathRule.AlternateDataStream)]
    [DataRow("CON", PathRule.ReservedDeviceName)]
    [DataRow("0A/nul.txt", PathRule.ReservedDeviceName)]
    [DataRow("0A/COM1.cab", PathRule.ReservedDeviceName)]
    [DataRow("lpt9/x.cab", PathRule.ReservedDeviceName)]
    [DataRow("0A/COM0", PathRule.ReservedDeviceName)]
    [DataRow("0A/conout$.log", PathRule.ReservedDeviceName)]
    [DataRow("0A/COM\u00B9.txt", PathRule.ReservedDeviceName)]
    [DataRow("0A/Aux .txt", PathRule.ReservedDeviceName)]
    [DataRow("0A/x.cab.", PathRule.TrailingDotOrSpace)]
    [DataRow("0A /x.cab", PathRule.TrailingDotOrSpace)]
    [DataRow("0A/x?.cab", PathRule.InvalidCharacter)]
    [DataRow("0A/x\u0001.cab", PathRule.InvalidCharacter)]
    [DataRow("0A/<x>.cab", PathRule.InvalidCharacter)]
    [DataRow("ab/LONGNA~1.CAB", PathRule.ShortNameAlias)]
    [DataRow("ab/x~12", PathRule.ShortNameAlias)]
    [DataRow("PROGRA~1/x.cab", PathRule.ShortNameAlias)]
    [DataRow("ab/x.cab.cmdsync-partial", PathRule.TemporaryFileName)]
    [DataRow("ab/x.cab.CMDSYNC-PARTIAL", PathRule.TemporaryFileName)]
    [DataRow("ab.cmdsync-partial/x.cab", PathRule.TemporaryFileName)]
    public void Check_UnsafeEntry_NamesEntryAndRule(string entry, PathRule expectedRule)
    {
        var violation = CreateSut().Check(entry);

        Assert.IsNotNull(violation, entry);
        Assert.AreEqual(expectedRule, violation.Rule);
        Assert.AreEqual(entry, violation.Entry);
        StringAssert.Contains(violation.ToString(), expectedRule.ToString());
    }

    [TestMethod]
    [DataRow("0A/0A1B2C3D4E5F60718293A4B5C6D7E8F901234567.cab")]
    [DataRow("FF/x.psf")]
    [DataRow("console.exe")]
    [DataRow("COM10.cab")]
    [DataRow("0A/.hidden")]
    [DataRow("0A/x..cab")]
    [DataRow("Ünïcode/日本.txt")]
    [DataRow("0A/x~.cab")]
    [DataRow("0A/x~a1.cab")]
    [DataRow("0A/~1x.cab")]
    [DataRow("0A/x.cab.cmdsync-partial.txt")]
    public void Check_OrdinaryContentPath_IsSafe(string entry) => Assert.IsNull(CreateSut().Check(entry));

    [TestMethod]
    public void Check_SegmentLongerThan255Characters_IsTooLongNamingTheLimit()
    {
        var entry = "ab/" + new string('a', 256);

        var violation = CreateSut().Check(entry);

        Assert.IsNotNull(violation);
        Assert.AreEqual(PathRule.TooLong, violation.Rule);
        Assert.AreEqual(entry, violation.Entry);
        StringAssert.Contains(violation.Detail, "255");
    }

    [TestMethod]
    public void Check_WholePathLongerThanLimit_IsTooLongNamingTheLimit()
    {
        var entry = "0A/" + new string('b', 50) + "/" + new string('b', BundlePathValidator.MaxEntryLength - 57) + ".cab";
        Assert.AreEqual(BundlePathValidator.MaxEntryLength + 1, entry.Length);

        var violation = CreateSut().Check(entry);

        Assert.IsNotNull(violation);
        Assert.AreEqual(PathRule.TooLong, violation.Rule);
        StringAssert.Contains(violation.Detail, BundlePathValidator.MaxEntryLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Check_PathExactlyAtTheLimit_IsSafe()
    {
        var atLimit = "0A/" + new string('c', BundlePathValidator.MaxEntryLength - 7) + ".cab";
        Assert.AreEqual(BundlePathValidator.MaxEntryLength, atLimit.Length);

        Assert.IsNull(CreateSut().Check(atLimit));
    }

    [TestMethod]
    public void CheckAll_PathsDifferingOnlyInCase_ReportsDuplicateNamingBoth()
    {
        var violations = CreateSut().CheckAll(["0A/x.cab", "0B/y.cab", "0a/X.CAB"]);

        Assert.HasCount(1, violations);
        Assert.AreEqual(PathRule.DuplicateIgnoringCase, violations[0].Rule);
        Assert.AreEqual("0a/X.CAB", violations[0].Entry);
        StringAssert.Contains(violations[0].Detail, "0A/x.cab");
    }

    [TestMethod]
    public void EnsureAllSafe_OneBadEntry_ThrowsNamingIt()
    {
        var ex = Assert.ThrowsExactly<UnsafePathException>(() => CreateSut().EnsureAllSafe(["0A/x.cab", "0A/../y.cab"]));

        Assert.AreEqual("0A/../y.cab", ex.Entry);
        Assert.AreEqual(PathRule.DotSegment, ex.Rule);
    }

    [TestMethod]
    public void CheckNoReparsePoints_SymlinkedFolderOnTheWay_ReportsReparsePoint()
    {
        using var temp = new TempFolder("paths");
        Directory.CreateDirectory(temp.Combine("elsewhere"));
        Directory.CreateDirectory(temp.Combine("root"));
        Directory.CreateSymbolicLink(temp.Combine("root", "0A"), temp.Combine("elsewhere"));

        var violation = CreateSut().CheckNoReparsePoints(temp.Combine("root"), "0A/x.cab");

        Assert.IsNotNull(violation);
        Assert.AreEqual(PathRule.ReparsePoint, violation.Rule);
        Assert.AreEqual("0A/x.cab", violation.Entry);
    }

    [TestMethod]
    public void CheckNoReparsePoints_PlainFoldersAndMissingTail_IsSafe()
    {
        using var temp = new TempFolder("paths");
        Directory.CreateDirectory(temp.Combine("root", "0A"));

        Assert.IsNull(CreateSut().CheckNoReparsePoints(temp.Combine("root"), "0A/new/x.cab"));
    }
}
