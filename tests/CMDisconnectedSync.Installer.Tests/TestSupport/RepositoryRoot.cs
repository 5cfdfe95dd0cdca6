namespace CMDisconnectedSync.Installer.Tests.TestSupport;

/// <summary>The repository checkout the tests run from (the folder holding CMDisconnectedSync.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path => CMDisconnectedSync.Testing.RepositoryRoot.Path;

    public static string Combine(params string[] parts) => CMDisconnectedSync.Testing.RepositoryRoot.Combine(parts);

    /// <summary>The MSI that ./build.sh pack (run by ./build.sh test before the tests) writes.</summary>
    public static string ShippedMsi => Combine("artifacts", "CMDisconnectedSync.msi");

    public static string ConsoleXmlFixture => Combine("tests", "CMDisconnectedSync.Installer.Tests", "Fixtures", "console-xml");

}
