using CMDisconnectedSync.Testing.Wsus;
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
    public void Read_Utf16LineLogWithBom_FallsBackToTheLineRule()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("cmdsync-log-").FullName, "export.log");
        try
        {
            File.WriteAllText(path, "line one\r\nError: two\r\n", System.Text.Encoding.Unicode);

            var report = WsusUtilLog.Read(path);

            Assert.AreEqual(WsusUtilLogFormat.Lines, report.Format);
            CollectionAssert.AreEqual(new[] { "Error: two" }, report.Errors.ToArray());
            CollectionAssert.AreEqual(new[] { "line one", "Error: two" }, report.LastLines.ToArray());
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    // ---- the real XML log (fixtures: WsusUtilLogFixtures, built from the decompiled BaseApi writer; see there) ----

    [TestMethod]
    public void Fixtures_AreWhatXmlTextWriterWritesForTheDecompiledCallSequence()
    {
        // The calls of ImportLogCallback (ctor, UpdateInserted x2, LogImportError, CloseLogFile), replayed on the real
        // XmlTextWriter class: the fixture must be byte for byte what the real writer produces.
        using var folder = new LogFolder();
        var path = folder.PathOf("written.log");
#pragma warning disable SYSLIB0000
        using (var writer = new System.Xml.XmlTextWriter(path, System.Text.Encoding.UTF8))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("ImportLog");
            writer.WriteAttributeString("Time", "2026-11-25T10:00:00Z");
            writer.WriteStartElement("UpdateInserted");
            writer.WriteAttributeString("UpdateId", "0f3412f2-3405-4d86-a7ff-0ede802227a8");
            writer.WriteAttributeString("RevisionNumber", "201");
            writer.WriteEndElement();
            writer.WriteStartElement("UpdateInserted");
            writer.WriteAttributeString("UpdateId", "e1c1e2f0-7c8b-4f4e-9e0e-5f2b0c7d3a41");
            writer.WriteAttributeString("RevisionNumber", "104");
            writer.WriteAttributeString("ExistingUpdate", true.ToString());
            writer.WriteEndElement();
            writer.WriteStartElement("ImportError");
            writer.WriteAttributeString("Message", WsusUtilLogFixtures.SqlTimeoutMessage);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
#pragma warning restore SYSLIB0000

        var fixture = WsusUtilLogFixtures.Write(folder.PathOf("fixture.log"), WsusUtilLogFixtures.ImportWithError);
        CollectionAssert.AreEqual(File.ReadAllBytes(path), File.ReadAllBytes(fixture));
    }

    [TestMethod]
    public void Read_ImportLogWithImportError_ReturnsItsMessageAndCountsTheUpdates()
    {
        using var folder = new LogFolder();

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("import.log"), WsusUtilLogFixtures.ImportWithError));

        Assert.AreEqual(WsusUtilLogFormat.Xml, report.Format);
        Assert.IsTrue(report.IsImportLog);
        CollectionAssert.AreEqual(new[] { WsusUtilLogFixtures.SqlTimeoutMessage }, report.Errors.ToArray());
        Assert.AreEqual(2, report.Updates);
        Assert.AreEqual(1, report.ExistingUpdates);
    }

    [TestMethod]
    public void Read_CleanImportLog_HasNoErrorsAndDescribesTheCounts()
    {
        using var folder = new LogFolder();

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("import.log"), WsusUtilLogFixtures.ImportClean));

        Assert.AreEqual(0, report.ErrorCount);
        Assert.AreEqual("its log lists 3 update(s) inserted (1 already present) and no ImportError", report.Describe());
    }

    [TestMethod]
    public void Read_ExportLogWithErrorWordsInTitles_IsNoErrorAndCountsOnlyUpdates()
    {
        using var folder = new LogFolder();

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("export.log"), WsusUtilLogFixtures.ExportWithErrorWordsInTitles));

        Assert.AreEqual(0, report.ErrorCount, string.Join("; ", report.Errors));
        Assert.AreEqual(2, report.Updates, "Update elements only, not their Files/File children");
        Assert.AreEqual("its log lists 2 update(s) exported and no ExportError", report.Describe());
        Assert.IsTrue(WsusUtilLog.IsErrorLine(WsusUtilLogFixtures.ExportWithErrorWordsInTitles), "the old word rule would have failed this good export");
    }

    [TestMethod]
    public void Read_ExportLogWithExportError_ReturnsItsMessage()
    {
        using var folder = new LogFolder();

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("export.log"), WsusUtilLogFixtures.ExportWithError));

        CollectionAssert.AreEqual(new[] { WsusUtilLogFixtures.CabErrorMessage }, report.Errors.ToArray());
        Assert.AreEqual(1, report.Updates);
    }

    [TestMethod]
    public void Read_XmlLogCutShort_IsAnErrorSayingWhere()
    {
        using var folder = new LogFolder();
        var cut = WsusUtilLogFixtures.ImportClean.Substring(0, WsusUtilLogFixtures.ImportClean.Length - 40);

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("import.log"), cut));

        Assert.AreEqual(1, report.ErrorCount);
        StringAssert.Contains(report.Errors[0], "not well-formed XML at line 1");
        Assert.AreEqual(2, report.Updates, "what was read before the cut still counts");
    }

    [TestMethod]
    public void Read_XmlLogWithADtd_IsRefusedNotExpanded()
    {
        using var folder = new LogFolder();
        var withDtd = "<?xml version=\"1.0\"?><!DOCTYPE ImportLog [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
            + "<ImportLog><ImportError Message=\"&b;\" /></ImportLog>";

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("import.log"), withDtd));

        Assert.AreEqual(1, report.ErrorCount);
        StringAssert.Contains(report.Errors[0], "not well-formed XML");
    }

    [TestMethod]
    public void Read_HugeOneLineLog_QuotesAShortenedMessage()
    {
        using var folder = new LogFolder();
        var message = new string('x', 100_000);
        var log = WsusUtilLogFixtures.Declaration + "<ExportLog Time=\"2026-11-25T09:00:00Z\">"
            + string.Concat(Enumerable.Repeat("<Update UpdateId=\"0f3412f2-3405-4d86-a7ff-0ede802227a8\" RevisionNumber=\"1\" Title=\"t\"><Files /></Update>", 20_000))
            + "<ExportError Message=\"" + message + "\" /></ExportLog>";

        var report = WsusUtilLog.Read(WsusUtilLogFixtures.Write(folder.PathOf("export.log"), log));

        Assert.AreEqual(20_000, report.Updates);
        Assert.IsLessThan(WsusUtilLog.MaxQuotedChars + 60, report.Errors[0].Length);
        StringAssert.Contains(report.Errors[0], "100,000 characters in all");
    }

    [TestMethod]
    public void Read_NoFile_IsMissing()
    {
        Assert.AreEqual(WsusUtilLogFormat.Missing, WsusUtilLog.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".log")).Format);
    }

    private sealed class LogFolder : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("cmdsync-log-").FullName;

        public string PathOf(string name) => Path.Combine(_root, name);

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
