using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// Volume facts for paths <see cref="DriveInfo"/> cannot describe: UNC shares (<c>\\server\share\…</c>), a common
/// bundle target. GetDiskFreeSpaceExW — https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getdiskfreespaceexw ;
/// GetVolumeInformationW (root must end with a backslash) — https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getvolumeinformationw ;
/// GetVolumePathNameW (the mount point holding a path: a drive root, a folder a volume is mounted into, or a share
/// root) — https://learn.microsoft.com/en-us/windows/win32/api/fileapi/nf-fileapi-getvolumepathnamew
/// </summary>
[SupportedOSPlatform("windows")]
internal static class NativeMethods
{
    /// <summary>MAX_PATH + 1, the buffer size the GetVolumeInformationW documentation asks for.</summary>
    private const int NameBufferLength = 261;

    public static long AvailableFreeBytes(string folder)
    {
        if (!GetDiskFreeSpaceExW(folder, out var available, out _, out _))
        {
            throw new IOException($"Could not read the free space of {folder}: {new Win32Exception(Marshal.GetLastWin32Error()).Message} "
                                  + "If it is on removable media, an offline disk or a share, reconnect it and rerun.");
        }

        return (long)Math.Min(available, long.MaxValue);
    }

    /// <summary>The mount point of the volume holding <paramref name="path"/>, with a trailing backslash.</summary>
    public static string VolumePathName(string path)
    {
        // The mount point is never longer than the path itself (plus the trailing backslash).
        var buffer = new char[Math.Max(path.Length + 2, NameBufferLength)];
        if (!GetVolumePathNameW(path, buffer, buffer.Length))
        {
            throw new IOException($"Could not find the volume holding {path}: {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
        }

        return new string(buffer).TrimEnd('\0');
    }

    public static string FileSystemName(string root)
    {
        var rootWithSlash = root.Length > 0 && root[root.Length - 1] == '\\' ? root : root + "\\";
        var fileSystem = new char[NameBufferLength];
        if (!GetVolumeInformationW(rootWithSlash, null, 0, out _, out _, out _, fileSystem, fileSystem.Length))
        {
            throw new IOException($"Could not read the file system of {rootWithSlash}: {new Win32Exception(Marshal.GetLastWin32Error()).Message}");
        }

        return new string(fileSystem).TrimEnd('\0');
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetVolumePathNameW(string fileName, [Out] char[] volumePathName, int bufferLength);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetDiskFreeSpaceExW(string directoryName, out ulong freeBytesAvailable, out ulong totalNumberOfBytes, out ulong totalNumberOfFreeBytes);

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetVolumeInformationW(
        string rootPathName,
        [Out] char[]? volumeNameBuffer,
        int volumeNameSize,
        out uint volumeSerialNumber,
        out uint maximumComponentLength,
        out uint fileSystemFlags,
        [Out] char[] fileSystemNameBuffer,
        int fileSystemNameSize);
}
