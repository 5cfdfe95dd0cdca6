using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests;

/// <summary>The repository the tests run from: its console-xml/ folder, its VersionPrefix, its eng scripts.</summary>
internal static class TestRepository
{
    public static string Root { get; } = FindRoot();

    public static string ConsoleXml => Path.Combine(Root, "console-xml");

    public static string VersionPrefix =>
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>The definition the build ships: default options, the repository's version.</summary>
    public static ConsoleExtensionDefinition ShippedDefinition() =>
        ConsoleExtensionDefinition.Create(new ConsoleExtensionOptions { Version = VersionPrefix });

    public static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "cmdsync-console-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteFolder(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CMDisconnectedSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Tests must run inside the repository (no CMDisconnectedSync.sln above " + AppContext.BaseDirectory + ").");
    }
}
