using CMDisconnectedSync.Lab.WsusUtil;

namespace CMDisconnectedSync.Lab.WsusUtil.Tests;

[TestClass]
public sealed class LabFaultCueTests
{
    [TestMethod]
    [DataRow(null, nameof(LabFault.None))]
    [DataRow("", nameof(LabFault.None))]
    [DataRow("none", nameof(LabFault.None))]
    [DataRow("exit-code", nameof(LabFault.ExitCode))]
    [DataRow(" Error-Line \n", nameof(LabFault.ErrorLine))]
    [DataRow("empty-package", nameof(LabFault.EmptyPackage))]
    [DataRow("HANG", nameof(LabFault.Hang))]
    public void Parse_Cue_GivesItsFault(string? cue, string expected)
    {
        Assert.AreEqual(expected, LabFaultCue.Parse(cue).Fault.ToString());
    }

    [TestMethod]
    public void Parse_UnknownCue_ThrowsListingTheValidOnes()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => LabFaultCue.Parse("explode"));

        StringAssert.Contains(exception.Message, "exit-code, error-line, empty-package, hang");
    }

    [TestMethod]
    public void Parse_ReplayLogCue_KeepsThePathAsWritten()
    {
        var folder = Directory.CreateTempSubdirectory("cmdsync-replay-").FullName;
        try
        {
            var log = Path.Combine(folder, "Field Export.log");
            File.WriteAllText(log, "<ExportLog />");

            var cue = LabFaultCue.Parse(" Replay-Log:" + log + "\n");

            Assert.AreEqual(LabFault.ReplayLog, cue.Fault);
            Assert.AreEqual(log, cue.ReplayLogPath);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void Parse_ReplayLogCueForAMissingFile_ThrowsNamingIt()
    {
        var exception = Assert.ThrowsExactly<ArgumentException>(() => LabFaultCue.Parse("replay-log:/no/such/field.log"));

        StringAssert.Contains(exception.Message, "/no/such/field.log");
    }
}
