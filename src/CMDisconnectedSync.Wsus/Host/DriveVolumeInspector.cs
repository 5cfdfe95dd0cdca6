using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// <see cref="IVolumeInspector"/>. On Windows the volume is the one Windows says holds the path (GetVolumePathNameW):
/// a drive, a volume mounted into a folder (e.g. WsusContent on its own disk under D:\WSUS), or a share; its free
/// space and file system are read for that volume, not for the drive letter in front of it. Elsewhere (the lab, tests)
/// <see cref="DriveInfo"/> and the deepest mount. Writability is probed by opening a uniquely named file
/// with <see cref="FileOptions.DeleteOnClose"/> in the nearest existing folder: the OS removes it when the handle
/// closes, so nothing is left behind (the only way to learn what the effective ACL, a read-only volume or a
/// write-protected USB stick really allow).
/// </summary>
public sealed class DriveVolumeInspector : IVolumeInspector
{
    public VolumeState Inspect(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        var folder = NearestExistingFolder(Path.GetFullPath(path))
            ?? throw new IOException($"No part of {path} exists, so its volume cannot be found. Check the drive letter or share name.");
#if NET
        if (OperatingSystem.IsWindows())
#else
        if (Path.DirectorySeparatorChar == '\\')
#endif
        {
            // DriveInfo knows drive letters only: a mounted folder would be judged by its drive, a share not at all.
            var mountPoint = NativeMethods.VolumePathName(folder);
            return new VolumeState(mountPoint, NativeMethods.AvailableFreeBytes(folder), NativeMethods.FileSystemName(mountPoint), WriteProbe.CanCreateFile(folder));
        }

        var drive = new DriveInfo(LongestMatchingRoot(folder));
        if (!drive.IsReady)
        {
            throw new IOException($"The volume {drive.Name} holding {path} is not ready (removed media or offline disk). Reconnect it and rerun.");
        }

        return new VolumeState(drive.Name, drive.AvailableFreeSpace, drive.DriveFormat, WriteProbe.CanCreateFile(folder));
    }

    private static string? NearestExistingFolder(string path)
    {
        for (var current = path; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if (Directory.Exists(current))
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The mount point that holds <paramref name="folder"/> (on Windows the drive root; on Linux the deepest mount).</summary>
    private static string LongestMatchingRoot(string folder)
    {
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return DriveInfo.GetDrives()
            .Select(d => d.Name)
            .Where(root => folder.StartsWith(root, comparison) || string.Equals(folder + Path.DirectorySeparatorChar, root, comparison))
            .OrderByDescending(root => root.Length)
            .FirstOrDefault() ?? Path.GetPathRoot(folder)!;
    }
}
