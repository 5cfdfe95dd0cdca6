using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Core.Tests.Wsus;

/// <summary>
/// What wsusutil stages in %TEMP%, per the decompiled <c>ImportExportHandler</c> (sources in
/// <see cref="WsusUtilTempSpace"/>): the log always; the package too for a UNC path; the package and its expansion
/// for a non-<c>.gz</c> (cab) package.
/// </summary>
[TestClass]
public sealed class WsusUtilTempSpaceTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [TestMethod]
    public void Estimate_LocalGzipImport_ReservesOnlyTheLogAtThePackagesSize()
    {
        var need = WsusUtilTempSpace.Estimate(WsusUtilOperation.Import, Path.Combine("D:", "state", "import.xml.gz"), 3 * GiB);

        Assert.AreEqual(3 * GiB, need.Bytes);
        StringAssert.Contains(need.Reason, "wsusutil import stages its log ~3 GiB there");
    }

    [TestMethod]
    public void Estimate_SmallPackage_ReservesTheLogFloor()
    {
        var need = WsusUtilTempSpace.Estimate(WsusUtilOperation.Import, "import.xml.gz", 1024);

        Assert.AreEqual(WsusUtilTempSpace.LogFloorBytes, need.Bytes);
    }

    [TestMethod]
    public void Estimate_GzipOnANetworkShare_AddsTheStagedPackage()
    {
        var need = WsusUtilTempSpace.Estimate(WsusUtilOperation.Export, @"\\FS01\transfer\export.xml.gz", 2 * GiB);

        Assert.AreEqual(4 * GiB, need.Bytes);
        StringAssert.Contains(need.Reason, "network share");
    }

    [TestMethod]
    public void Estimate_CabImport_AddsTheCopyAndTheExpandedMetadata()
    {
        var need = WsusUtilTempSpace.Estimate(WsusUtilOperation.Import, "import.cab", 1 * GiB);

        Assert.AreEqual((1 + 1 + WsusUtilTempSpace.CabExpansionFactor) * GiB, need.Bytes);
        StringAssert.Contains(need.Reason, "expanded metadata");
    }

    [TestMethod]
    public void Estimate_ExportWithNoEarlierPackage_UsesTheFloorAndSaysSo()
    {
        var need = WsusUtilTempSpace.Estimate(WsusUtilOperation.Export, "export.xml.gz", null);

        Assert.AreEqual(WsusUtilTempSpace.ExportPackageFloorBytes, need.Bytes);
        StringAssert.Contains(need.Reason, "no earlier export to go by");
    }

    [TestMethod]
    public void FolderFor_OverriddenTempVariable_IsTheFolderWsusUtilGets()
    {
        var folder = Path.Combine(Path.GetTempPath(), "elsewhere");

        var resolved = WsusUtilTempSpace.FolderFor(new Dictionary<string, string> { [WsusUtilTempSpace.TempVariables[0]] = folder });

        Assert.AreEqual(Path.GetFullPath(folder), resolved);
    }

    [TestMethod]
    public void FolderFor_NoOverrides_IsThisProcesssTempFolder()
    {
        Assert.AreEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd(Path.DirectorySeparatorChar), WsusUtilTempSpace.FolderFor(null).TrimEnd(Path.DirectorySeparatorChar));
    }
}
