using CMDisconnectedSync.Wsus.Processes;

namespace CMDisconnectedSync.Wsus.Tests.Processes;

[TestClass]
public sealed class WindowsCommandLineTests
{
    [TestMethod]
    [DataRow("export", "export")]
    [DataRow(@"D:\Transfer\export 1.xml.gz", "\"D:\\Transfer\\export 1.xml.gz\"")]
    [DataRow("", "\"\"")]
    [DataRow("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [DataRow(@"C:\with space\", "\"C:\\with space\\\\\"")]
    [DataRow(@"C:\no\quotes\needed\", @"C:\no\quotes\needed\")]
    public void Quote_Argument_RoundTripsThroughWindowsParsingRules(string argument, string expected)
    {
        Assert.AreEqual(expected, WindowsCommandLine.Quote(argument));
    }

    [TestMethod]
    public void Join_SeveralArguments_SeparatesWithSpaces()
    {
        Assert.AreEqual("export \"a b.xml.gz\" c.log", WindowsCommandLine.Join(["export", "a b.xml.gz", "c.log"]));
    }
}
