namespace CMDisconnectedSync.Wsus.Tests.TestSupport;

/// <summary>A unique temp folder per test, deleted by the test cleanup (MSTest runs classes in parallel).</summary>
internal sealed class TempFolder
{
    public TempFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string WriteFile(string relativePath, string text)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Delete() => Directory.Delete(Path, recursive: true);
}
