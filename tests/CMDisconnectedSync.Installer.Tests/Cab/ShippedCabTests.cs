using CMDisconnectedSync.Installer.Tests.TestSupport;

namespace CMDisconnectedSync.Installer.Tests.Cab;

/// <summary>
/// Inspects artifacts/CMDisconnectedSync.ConsoleExtension.cab, the signed 2103+ extension ./build.sh pack builds (it
/// packs before testing), by listing it with the real cabextract. A console that imports and approves the cab gets its
/// payload in AdminConsole\Extensions\&lt;ExtensionID&gt;\&lt;Version&gt;\bin\ with no MSI, so the payload is exactly what
/// a production console may run: the wizard, never the demo lab's test pieces (the cab has no Demo feature to hold them).
/// </summary>
[TestClass]
public sealed class ShippedCabTests
{
    private static List<string> CabFileNames()
    {
        var cab = RepositoryRoot.Combine("artifacts", "CMDisconnectedSync.ConsoleExtension.cab");
        Assert.IsTrue(File.Exists(cab), $"{cab} is missing: run ./build.sh pack.");
        var listing = ToolProcess.Run("cabextract", ["-l", cab]);
        Assert.AreEqual(0, listing.ExitCode, listing.Both);

        // cabextract -l prints "   size | date time | name" rows between two separator lines.
        return listing.Output.Split('\n')
            .Select(line => line.Split('|'))
            .Where(columns => columns.Length == 3 && columns[0].Trim().All(char.IsDigit) && columns[0].Trim().Length > 0)
            .Select(columns => columns[2].Trim())
            .ToList();
    }

    [TestMethod]
    public void Payload_ShippedCab_CarriesTheWizard()
    {
        var names = CabFileNames();

        CollectionAssert.Contains(names, "CMDisconnectedSync.exe");
        CollectionAssert.Contains(names, "manifest.xml");
    }

    [TestMethod]
    public void Payload_ShippedCab_HoldsNoDemoAssembly()
    {
        var demoAssemblies = File.ReadAllLines(RepositoryRoot.Combine("installer", "shipped-projects.txt"))
            .Where(line => line.StartsWith("demo:", StringComparison.Ordinal))
            .Select(line => line["demo:".Length..].Trim())
            .Select(DemoAssemblyName)
            .ToList();
        Assert.IsNotEmpty(demoAssemblies, "installer/shipped-projects.txt names no demo: project");

        var names = CabFileNames();

        var shippedDemoFiles = names.Where(name => demoAssemblies.Any(assembly =>
            name.StartsWith(assembly + ".", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.IsEmpty(shippedDemoFiles, string.Join(", ", shippedDemoFiles));
    }

    /// <summary>The AssemblyName a "demo:" project builds (its file name when it sets none), as build.sh reads it.</summary>
    private static string DemoAssemblyName(string projectPath)
    {
        var project = File.ReadAllText(RepositoryRoot.Combine(projectPath.Split('/')));
        var start = project.IndexOf("<AssemblyName>", StringComparison.Ordinal);
        if (start < 0)
        {
            return Path.GetFileNameWithoutExtension(projectPath);
        }

        start += "<AssemblyName>".Length;
        return project[start..project.IndexOf("</AssemblyName>", start, StringComparison.Ordinal)].Trim();
    }
}
