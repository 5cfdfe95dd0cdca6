namespace CMDisconnectedSync.App.Presentation.Host;

/// <summary>Read-only questions about files the options pages validate (a seam so tests need no real paths).</summary>
public interface IFileSystemProbe
{
    bool FileExists(string path);

    bool DirectoryExists(string path);
}

/// <summary>The real file system.</summary>
public sealed class FileSystemProbe : IFileSystemProbe
{
    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);
}
