using CMDisconnectedSync.Host;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// <see cref="IVolumeInspector"/> with <see cref="DriveInfo"/>. Writability is probed by opening a uniquely named file
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
        if (OperatingSystem.IsWindows() && IsUncPath(folder))
#else
        if (IsUncPath(folder))
#endif
        {
            // DriveInfo takes drive letters only; a share is described by its root, e.g. \\server\share\.
            var shareRoot = Path.GetPathRoot(folder)!;
            return new VolumeState(shareRoot, NativeMethods.AvailableFreeBytes(folder), NativeMethods.FileSystemName(shareRoot), CanCreateFile(folder));
        }

        var drive = new DriveInfo(LongestMatchingRoot(folder));
        if (!drive.IsReady)
        {
            throw new IOException($"The volume {drive.Name} holding {path} is not ready (removed media or offline disk). Reconnect it and rerun.");
        }

        return new VolumeState(drive.Name, drive.AvailableFreeSpace, drive.DriveFormat, CanCreateFile(folder));
    }

    private static bool IsUncPath(string path) => path.StartsWith(@"\\", StringComparison.Ordinal) && !path.StartsWith(@"\\?\", StringComparison.Ordinal);

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

    private static bool CanCreateFile(string folder)
    {
        var probe = Path.Combine(folder, ".cmdsync-write-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                return true;
            }
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
        catch (IOException)
        {
            // Read-only media, write-protected volume: not writable, which is the answer we were asked for.
            return false;
        }
    }
}
