using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Core.Tests.TestSupport;

/// <summary>Who the process runs as, as the test says.</summary>
internal sealed class FakeElevation(bool elevatedAdministrator) : IElevation
{
    public bool IsElevatedAdministrator() => elevatedAdministrator;
}

/// <summary>One volume for every path, as the test describes it.</summary>
internal sealed class FakeVolumeInspector(long freeBytes, string fileSystem = "NTFS", bool writable = true, string root = @"D:\") : IVolumeInspector
{
    public List<string> InspectedPaths { get; } = [];

    public VolumeState Inspect(string path)
    {
        InspectedPaths.Add(path);
        return new VolumeState(root, freeBytes, fileSystem, writable);
    }
}
