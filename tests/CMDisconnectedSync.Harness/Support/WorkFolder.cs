namespace CMDisconnectedSync.Harness.Support;

/// <summary>A unique temp folder for one harness run, deleted (with everything under it) on dispose.</summary>
internal sealed class WorkFolder : IDisposable
{
    public WorkFolder(string prefix) => Path = Directory.CreateTempSubdirectory("cmdsync-harness-" + prefix + "-").FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            TreeCopy.MakeWritable(Path);
            Directory.Delete(Path, recursive: true);
        }
    }
}
