using CMDisconnectedSync.App.Presentation.Host;

namespace CMDisconnectedSync.App.Presentation.Tests.TestDoubles;

/// <summary>Files and folders that "exist" for a test.</summary>
internal sealed class FakeFileSystem : IFileSystemProbe
{
    private readonly HashSet<string> _files = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _folders = new(StringComparer.OrdinalIgnoreCase);

    public FakeFileSystem WithFile(string path)
    {
        _files.Add(path);
        return this;
    }

    public FakeFileSystem WithFolder(string path)
    {
        _folders.Add(path);
        return this;
    }

    /// <summary>A bundle folder with its manifest.json.</summary>
    public FakeFileSystem WithBundle(string folder) => WithFolder(folder).WithFile(Path.Combine(folder, "manifest.json"));

    public bool FileExists(string path) => _files.Contains(path);

    public bool DirectoryExists(string path) => _folders.Contains(path);
}
