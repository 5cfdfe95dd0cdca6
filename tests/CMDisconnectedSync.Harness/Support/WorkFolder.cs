namespace CMDisconnectedSync.Harness.Support;

/// <summary>A unique temp folder for one harness run, deleted (with everything under it) on dispose.</summary>
internal sealed class WorkFolder : IDisposable
{
    /// <param name="prefix">Names the run in the folder name.</param>
    /// <param name="inMemory">Place it on /dev/shm when there is one: fuzzing rewrites small files millions of times, and fsync there costs nothing.</param>
    public WorkFolder(string prefix, bool inMemory = false)
    {
        var name = "cmdsync-harness-" + prefix + "-";
        Path = inMemory && Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(System.IO.Path.Combine("/dev/shm", name + Guid.NewGuid().ToString("N")[..8])).FullName
            : Directory.CreateTempSubdirectory(name).FullName;
    }

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
