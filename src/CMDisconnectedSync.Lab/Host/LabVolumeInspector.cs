using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Lab.Host;

/// <summary>
/// <see cref="IVolumeInspector"/> for the lab: free space and writability of the real disk under the lab folder, with
/// the file system reported as <c>NTFS</c>, the file system a real WsusContent volume has (the lab's folders may be on
/// ext4 or APFS, which the import preflight would rightly refuse on a real server).
/// </summary>
public sealed class LabVolumeInspector : IVolumeInspector
{
    public const string LabFileSystem = "NTFS";

    public VolumeState Inspect(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        var folder = Path.GetFullPath(path);
        while (!Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder)
                ?? throw new IOException($"No part of {path} exists, so its volume cannot be found. Recreate the lab.");
        }

        var drive = new DriveInfo(Path.GetPathRoot(folder)!);
        return new VolumeState(drive.RootDirectory.FullName, drive.AvailableFreeSpace, LabFileSystem, WriteProbe.CanCreateFile(folder));
    }
}
