using System.Text;
using System.Xml.Linq;
using CMDisconnectedSync.Lab.WsusUtil;
using Microsoft.Extensions.Time.Testing;

namespace CMDisconnectedSync.Lab.WsusUtil.Tests;

/// <summary>
/// The lab writes wsusutil's real log format (see <see cref="LabLog"/> for the decompiled source it follows) the real
/// way: into a temp file, put at the log path when it ends.
/// </summary>
[TestClass]
public sealed class LabLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private string _folder = null!;

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("cmdsync-lablog-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void Finish_ImportLog_IsOneLineOfUtf8XmlWithTheRealElementsAndLeavesNoTempFile()
    {
        var logPath = Path.Combine(_folder, "import.log");
        string tempPath;
        using (var log = new LabLog(import: true, new FakeTimeProvider(Now)))
        {
            tempPath = log.TempPath;
            log.UpdateInserted("0A/0A1B.cab", existingUpdate: false);
            log.UpdateInserted("B7/eula.txt", existingUpdate: true);
            log.Error("Import failed: broken");
            log.Finish(logPath, replayLogPath: null);
        }

        var bytes = File.ReadAllBytes(logPath);
        CollectionAssert.AreEqual(Encoding.UTF8.GetPreamble(), bytes.Take(3).ToArray(), "XmlTextWriter with Encoding.UTF8 writes a BOM");
        var text = File.ReadAllText(logPath);
        Assert.IsFalse(text.Contains('\n', StringComparison.Ordinal), "one line");
        StringAssert.StartsWith(text, "<?xml version=\"1.0\" encoding=\"utf-8\"?><ImportLog Time=\"2026-11-25T10:00:00Z\"><UpdateInserted UpdateId=\"");
        var root = XDocument.Parse(text).Root!;
        CollectionAssert.AreEqual(new[] { "UpdateInserted", "UpdateInserted", "ImportError" }, root.Elements().Select(e => e.Name.LocalName).ToArray());
        Assert.AreEqual("True", (string?)root.Elements().ElementAt(1).Attribute("ExistingUpdate"));
        Assert.AreEqual("Import failed: broken", (string?)root.Element("ImportError")!.Attribute("Message"));
        Assert.AreEqual(Path.GetFullPath(Path.GetTempPath()).TrimEnd(Path.DirectorySeparatorChar), Path.GetDirectoryName(tempPath), "staged in the temp folder");
        Assert.IsFalse(File.Exists(tempPath));
    }

    [TestMethod]
    public void Finish_ExportLog_HasUpdatesWithTitleAndFiles()
    {
        var logPath = Path.Combine(_folder, "export.log");
        using (var log = new LabLog(import: false, new FakeTimeProvider(Now)))
        {
            log.UpdateExported("0A/0A1B.cab", "Update For Windows Error Reporting");
            log.Finish(logPath, replayLogPath: null);
        }

        var update = XDocument.Load(logPath).Root!.Element("Update")!;
        Assert.AreEqual(LabLog.UpdateIdOf("0A/0A1B.cab"), (string?)update.Attribute("UpdateId"));
        Assert.AreEqual("Update For Windows Error Reporting", (string?)update.Attribute("Title"));
        Assert.AreEqual("0A/0A1B.cab", (string?)update.Element("Files")!.Element("File")!.Attribute("Path"));
    }

    [TestMethod]
    public void Finish_WithAReplayLog_PutsThatFileVerbatim()
    {
        var replay = Path.Combine(_folder, "field.log");
        File.WriteAllBytes(replay, [0xEF, 0xBB, 0xBF, (byte)'<', (byte)'x', (byte)'/', (byte)'>']);
        var logPath = Path.Combine(_folder, "import.log");
        using (var log = new LabLog(import: true, new FakeTimeProvider(Now)))
        {
            log.UpdateInserted("0A/0A1B.cab", existingUpdate: false);
            log.Finish(logPath, replay);
        }

        CollectionAssert.AreEqual(File.ReadAllBytes(replay), File.ReadAllBytes(logPath));
    }
}
