using CMDisconnectedSync.Wsus;

namespace CMDisconnectedSync.Core.Tests.Wsus;

[TestClass]
public sealed class WsusUtilLogTests
{
    [TestMethod]
    [DataRow("2026-11-25 10:00:00.000 UTC\tError\tw3wp.126\tWebServiceCommunicationHelper\tRetry Limit Exceeded")]
    [DataRow("Fatal: the database is not reachable")]
    [DataRow("System.Data.SqlClient.SqlException: Timeout expired.")]
    [DataRow("Export FAILED after 12 minutes")]
    [DataRow("0 errors, then the export failed")]
    public void IsErrorLine_ErrorLine_IsTrue(string line)
    {
        Assert.IsTrue(WsusUtilLog.IsErrorLine(line));
    }

    [TestMethod]
    [DataRow("2026-11-25 10:00:00.000 UTC\tInfo\twsusutil.42\tExportPackage\tExport complete.")]
    [DataRow("Completed with 0 errors")]
    [DataRow("No errors were found")]
    [DataRow("Processing ErrorReporting.cab")]
    [DataRow("")]
    public void IsErrorLine_OrdinaryLine_IsFalse(string line)
    {
        Assert.IsFalse(WsusUtilLog.IsErrorLine(line));
    }

    [TestMethod]
    public void FindErrorLines_MixedLog_ReturnsOnlyErrorLinesTrimmedInOrder()
    {
        string[] log = ["Starting", "  Error: first  ", "fine", "Exception: second"];

        CollectionAssert.AreEqual(new[] { "Error: first", "Exception: second" }, WsusUtilLog.FindErrorLines(log).ToArray());
    }

    [TestMethod]
    public void ReadLines_Utf16LogWithBom_ReadsIt()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cmdsync-log-").FullName, "export.log");
        try
        {
            File.WriteAllText(path, "line one\r\nError: two\r\n", System.Text.Encoding.Unicode);

            CollectionAssert.AreEqual(new[] { "line one", "Error: two" }, WsusUtilLog.ReadLines(path).ToArray());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
