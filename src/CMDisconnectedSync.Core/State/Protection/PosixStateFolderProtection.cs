#if !NETFRAMEWORK
using System.ComponentModel;
using System.Runtime.InteropServices;

namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// The state folder port on Linux and macOS for the modern runtime (the lab, the demo, the tests): see
/// <see cref="PosixModeBitsProtection"/>. This reads the real file system; it is a stand-in for NTFS, not a mock.
/// </summary>
/// <remarks>
/// .NET has no public API for a file's owner, so <c>stat(2)</c> is called through the runtime's own shim
/// <c>SystemNative_Stat</c> (dotnet/runtime src/native/libs/System.Native/pal_io.h: FileStatus begins
/// <c>int32 Flags; int32 Mode; uint32 Uid; uint32 Gid</c>; only those are read, from a larger buffer) and
/// <c>SystemNative_GetEUid</c> (pal_uid.h).
/// </remarks>
public sealed class PosixStateFolderProtection : PosixModeBitsProtection
{
    public PosixStateFolderProtection()
        : base(OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("The POSIX state folder protection reads mode bits; on Windows use the NTFS adapter (WindowsStateFolderProtection).")
            : NativeMethods.SystemNative_GetEUid())
    {
    }

    protected override (uint Uid, uint Gid, int Mode) Stat(string path)
    {
        var status = new FileStatusHead();
        if (NativeMethods.SystemNative_Stat(NullTerminatedUtf8(path), ref status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"stat '{path}' failed: {new Win32Exception(errno).Message}";
            throw errno == 13 ? new UnauthorizedAccessException(message) : new IOException(message);
        }

        return (status.Uid, status.Gid, status.Mode);
    }

    protected override void CreateOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Mode bits do not exist on Windows.");
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static byte[] NullTerminatedUtf8(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    /// <summary>The first fields of System.Native's FileStatus, followed by room for the rest (which is not read).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileStatusHead
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;

        // Size, 12 time/device/inode fields (int64) and UserFlags today; 32 int64s leave room for growth.
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 32)]
        public long[] Rest;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SystemNative_Stat(byte[] path, ref FileStatusHead output);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint SystemNative_GetEUid();
    }
}
#endif
