using CMDisconnectedSync.Installer.Harvest;

namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>One installed file as the MSI describes it: its root directory id and the path below it.</summary>
internal sealed record MsiFile(string FileId, string ComponentId, string RootDirectoryId, string InstallPath)
{
    public string Location => RootDirectoryId + "/" + InstallPath;
}

/// <summary>
/// Reads an MSI with msiinfo (msitools) and answers in installer terms: which file lands where, property values.
/// Fails the test when the MSI does not exist, so a missing build can never pass as "no rows".
/// </summary>
internal sealed class MsiDatabase
{
    private static readonly HashSet<string> Roots = new(StringComparer.Ordinal) { "INSTALLFOLDER", "CONSOLEDIR", "TARGETDIR" };

    public MsiDatabase(string path)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} does not exist: run ./build.sh pack (./build.sh test does it before the tests).");
        }

        Path = path;
    }

    public string Path { get; }

    public IReadOnlyList<string[]> Rows(string table) => MsiTables.Export(Path, table);

    public IReadOnlyList<string> TableNames() => MsiTables.TableNames(Path);

    public string? Property(string name) => Rows("Property").FirstOrDefault(row => row[0] == name)?[1];

    public IReadOnlyList<MsiFile> Files()
    {
        var directories = Rows("Directory").ToDictionary(row => row[0], row => (Parent: row[1], Name: LongName(row[2])), StringComparer.Ordinal);
        var componentDirectory = Rows("Component").ToDictionary(row => row[0], row => row[2], StringComparer.Ordinal);
        return Rows("File").Select(row =>
        {
            var segments = new List<string> { LongName(row[2]) };
            var directory = componentDirectory[row[1]];
            while (!Roots.Contains(directory))
            {
                segments.Insert(0, directories[directory].Name);
                directory = directories[directory].Parent;
            }

            return new MsiFile(row[0], row[1], directory, string.Join('/', segments));
        }).ToList();
    }

    /// <summary>Filename and DefaultDir columns hold "short|long" or just "long".</summary>
    private static string LongName(string value) => value[(value.IndexOf('|', StringComparison.Ordinal) + 1)..];
}
