namespace CMDisconnectedSync.Testing;

/// <summary>The repository checkout the tests run from: the folder holding CMDisconnectedSync.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CMDisconnectedSync.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Tests must run inside the repository: no CMDisconnectedSync.sln above {AppContext.BaseDirectory}.");
    }
}
