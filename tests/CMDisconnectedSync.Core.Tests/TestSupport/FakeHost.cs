using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>Who the process runs as, as the test says.</summary>
internal sealed class FakeElevation(bool elevatedAdministrator) : IElevation
{
    public bool IsElevatedAdministrator() => elevatedAdministrator;
}

/// <summary>One volume for every path, as the test describes it, except the folders given their own volume.</summary>
internal sealed class FakeVolumeInspector(long freeBytes, string fileSystem = "NTFS", bool writable = true, string root = @"D:\") : IVolumeInspector
{
    private readonly List<(string Folder, VolumeState Volume)> _volumes = [];

    public List<string> InspectedPaths { get; } = [];

    /// <summary>Paths in or under <paramref name="folder"/> are on a volume of their own (e.g. the system drive holding %TEMP%).</summary>
    public FakeVolumeInspector WithVolume(string folder, long volumeFreeBytes, string volumeRoot)
    {
        _volumes.Add((Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), new VolumeState(volumeRoot, volumeFreeBytes, "NTFS", true)));
        return this;
    }

    public VolumeState Inspect(string path)
    {
        InspectedPaths.Add(path);
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
        foreach (var (folder, volume) in _volumes)
        {
            if (full == folder || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                return volume;
            }
        }

        return new VolumeState(root, freeBytes, fileSystem, writable);
    }
}
