using System.Xml.Linq;
using CMDisconnectedSync.ConsoleExtension.Model;

namespace CMDisconnectedSync.ConsoleExtension.Tests;

/// <summary>The repository the tests run from: its console-xml/ folder, its VersionPrefix, its eng scripts.</summary>
internal static class TestRepository
{
    public static string Root { get; } = CMDisconnectedSync.Testing.RepositoryRoot.Path;

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

}
