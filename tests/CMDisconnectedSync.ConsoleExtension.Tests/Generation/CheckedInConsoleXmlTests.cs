using CMDisconnectedSync.ConsoleExtension.Generation;

namespace CMDisconnectedSync.ConsoleExtension.Tests.Generation;

/// <summary>The checked-in console-xml/ must be byte-for-byte what the model generates: reviewing it is reviewing the install.</summary>
[TestClass]
public sealed class CheckedInConsoleXmlTests
{
    [TestMethod]
    public void ConsoleXmlFolder_MatchesTheGenerator_RegenerateWithConsoleGenerate()
    {
        var drift = ConsoleExtensionOutput.FindDrift(ConsoleExtensionLayout.ReviewTree(TestRepository.ShippedDefinition()), TestRepository.ConsoleXml);

        Assert.IsEmpty(
            drift,
            "console-xml/ drifted from the model; run: dotnet src/CMDisconnectedSync.Cli/bin/Release/net10.0/cmdsync.dll console generate --out console-xml\n"
            + string.Join("\n", drift.Select(d => $"{d.Kind}: {d.RelativePath}")));
    }

    [TestMethod]
    public void FindDrift_EditedMissingAndExtraFiles_AreEachReported()
    {
        var folder = TestRepository.NewTempFolder();
        try
        {
            var files = ConsoleExtensionOutput.WriteReviewTree(TestRepository.ShippedDefinition(), folder);
            File.AppendAllText(Path.Combine(folder, files[0].RelativePath), " ");
            File.Delete(Path.Combine(folder, files[1].RelativePath));
            File.WriteAllText(Path.Combine(folder, "extension", "Stray.xml"), "<x/>");

            var drift = ConsoleExtensionOutput.FindDrift(files, folder);

            CollectionAssert.AreEquivalent(
                new[]
                {
                    new DriftEntry(files[0].RelativePath, DriftKind.Different),
                    new DriftEntry(files[1].RelativePath, DriftKind.Missing),
                    new DriftEntry("extension/Stray.xml", DriftKind.Unexpected),
                },
                drift.ToArray());
        }
        finally
        {
            TestRepository.DeleteFolder(folder);
        }
    }
}
