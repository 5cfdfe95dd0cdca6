namespace CMDisconnectedSync.Host;

/// <summary>Reads facts about the disk volume that holds a path, without changing anything on it.</summary>
public interface IVolumeInspector
{
    /// <summary>
    /// Describes the volume holding <paramref name="path"/> (the path itself need not exist yet: its nearest existing
    /// parent decides). Throws <see cref="IOException"/> naming the path when no volume can be found.
    /// </summary>
    VolumeState Inspect(string path);
}

/// <summary>A disk volume as seen from one path.</summary>
/// <param name="RootPath">The volume root, e.g. <c>D:\</c>.</param>
/// <param name="FreeBytes">Bytes available to the current user.</param>
/// <param name="FileSystem">File system name as the OS reports it, e.g. <c>NTFS</c>, <c>FAT32</c>, <c>exFAT</c>, <c>ReFS</c>.</param>
/// <param name="IsWritable">Whether the current user can create files in the inspected folder.</param>
public sealed record VolumeState(string RootPath, long FreeBytes, string FileSystem, bool IsWritable);
