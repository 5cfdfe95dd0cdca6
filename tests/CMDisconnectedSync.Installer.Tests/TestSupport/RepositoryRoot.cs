namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>The repository checkout the tests run from (the folder holding CMDisconnectedSync.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The MSI that ./build.sh pack (run by ./build.sh test before the tests) writes.</summary>
    public static string ShippedMsi => Combine("artifacts", "CMDisconnectedSync.msi");

    public static string ConsoleXmlFixture => Combine("tests", "CMDisconnectedSync.Installer.Tests", "Fixtures", "console-xml");

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CMDisconnectedSync.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CMDisconnectedSync.sln above {AppContext.BaseDirectory}.");
    }
}
