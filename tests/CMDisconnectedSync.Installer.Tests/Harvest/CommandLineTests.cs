using CMDisconnectedSync.Installer.Harvest;

namespace CMDisconnectedSync.Installer.Tests.Harvest;

[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    public void Parse_BuildShArguments_Request()
    {
        var options = CommandLine.Parse(
        [
            "--version", "0.1.0", "--installer", "installer", "--work", "artifacts/installer", "--out", "artifacts/x.msi",
            "--publish", "App=artifacts/publish/App", "--publish", "Cli=artifacts/publish/Cli",
            "--console-xml", "console-xml", "--cab", "artifacts/x.cab",
        ]);

        Assert.IsFalse(options.SourcesOnly);
        Assert.AreEqual(("0.1.0", "installer", "artifacts/installer", "artifacts/x.msi"), (options.Request.ProductVersion, options.Request.InstallerFolder, options.Request.WorkFolder, options.Request.OutputMsi));
        CollectionAssert.AreEqual(
            new[] { new PublishedArea("App", "artifacts/publish/App"), new PublishedArea("Cli", "artifacts/publish/Cli") },
            options.Request.Published.ToList());
        Assert.AreEqual(("console-xml", "artifacts/x.cab"), (options.Request.ConsoleXmlFolder, options.Request.ConsoleExtensionCab));
    }

    [TestMethod]
    public void Parse_DemoAssemblies_AllKeptInOrder()
    {
        var options = CommandLine.Parse(
            ["--version", "1.0.0", "--installer", "i", "--work", "w", "--out", "o.msi", "--publish", "Cli=p",
             "--demo-assembly", "CMDisconnectedSync.Lab", "--demo-assembly", "wsusutil-lab"]);

        CollectionAssert.AreEqual(new[] { "CMDisconnectedSync.Lab", "wsusutil-lab" }, options.Request.DemoAssemblies!.ToList());
    }

    [TestMethod]
    public void Parse_SourcesOnlyWithoutOut_Accepted()
    {
        var options = CommandLine.Parse(["--sources-only", "--version", "1.0.0", "--installer", "i", "--work", "w", "--publish", "Cli=p"]);

        Assert.IsTrue(options.SourcesOnly);
        Assert.IsNull(options.Request.ConsoleXmlFolder);
    }

    [TestMethod]
    [DataRow("--installer", "i", "--work", "w", "--out", "o.msi", DisplayName = "no --version")]
    [DataRow("--version", "1.0.0", "--installer", "i", "--work", "w", "--out", "o.msi", "--publish", "Cli", DisplayName = "--publish without =")]
    [DataRow("--version", "1.0.0", "stray", DisplayName = "stray argument")]
    public void Parse_InvalidArguments_ArgumentException(params string[] args)
    {
        Assert.ThrowsExactly<ArgumentException>(() => CommandLine.Parse(args));
    }
}
