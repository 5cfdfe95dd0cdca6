#if !NETFRAMEWORK
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// The state folder port on Linux and macOS (the lab, the demo, the tests): the owner and the mode bits, translated to
/// the same model the Windows adapter fills. Owner <c>uid:N</c>; one entry per class that has the write bit: the owner
/// (<c>uid:N</c>), the group (<c>gid:N</c>, never trusted: its members are not known) and others
/// (<see cref="WellKnownPrincipals.Everyone"/>). Trusted: root and the account cmdsync runs as, who owns the lab.
/// Protecting is <c>chmod 0700</c> of the folder. This reads the real file system; it is a stand-in for NTFS, not a mock.
/// </summary>
/// <remarks>
/// .NET has no public API for a file's owner, so <c>stat(2)</c> is called through the runtime's own shim
/// <c>SystemNative_Stat</c> (dotnet/runtime src/native/libs/System.Native/pal_io.h: FileStatus begins
/// <c>int32 Flags; int32 Mode; uint32 Uid; uint32 Gid</c>; only those are read, from a larger buffer) and
/// <c>SystemNative_GetEUid</c> (pal_uid.h).
/// </remarks>
public sealed class PosixStateFolderProtection : IStateFolderProtection
{
    private const int OwnerWrite = 0x80; // S_IWUSR 0200
    private const int GroupWrite = 0x10; // S_IWGRP 0020
    private const int OtherWrite = 0x2;  // S_IWOTH 0002
    private const int FileTypeMask = 0xF000;
    private const int DirectoryType = 0x4000;

    public PosixStateFolderProtection()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The POSIX state folder protection reads mode bits; on Windows use the NTFS adapter (WindowsStateFolderProtection).");
        }

        CurrentUser = Principal("uid", NativeMethods.SystemNative_GetEUid());
        TrustedPrincipals = [Principal("uid", 0), CurrentUser];
    }

    /// <summary><c>uid:N</c> of the account this process runs as.</summary>
    public string CurrentUser { get; }

    public IReadOnlyCollection<string> TrustedPrincipals { get; }

    public SecurityDescriptorModel? Read(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }

        var status = new FileStatusHead();
        if (NativeMethods.SystemNative_Stat(NullTerminatedUtf8(path), ref status) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var message = $"stat '{path}' failed: {new Win32Exception(errno).Message}";
            throw errno == 13 ? new UnauthorizedAccessException(message) : new IOException(message);
        }

        var isDirectory = (status.Mode & FileTypeMask) == DirectoryType;
        var write = isDirectory ? AccessMask.WriteData | AccessMask.AppendData | AccessMask.DeleteChild : AccessMask.WriteData | AccessMask.AppendData;
        var owner = Principal("uid", status.Uid);
        var entries = new List<AccessEntry>();
        if ((status.Mode & OwnerWrite) != 0)
        {
            entries.Add(new AccessEntry(owner, true, write));
        }

        if ((status.Mode & GroupWrite) != 0)
        {
            entries.Add(new AccessEntry(Principal("gid", status.Gid), true, write));
        }

        if ((status.Mode & OtherWrite) != 0)
        {
            entries.Add(new AccessEntry(WellKnownPrincipals.Everyone, true, write));
        }

        return new SecurityDescriptorModel(owner, entries);
    }

    public void Protect(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Mode bits do not exist on Windows.");
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(parent))
        {
            Directory.CreateDirectory(parent);
        }

        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string FixFor(string path, bool isDirectory) =>
        string.Format(CultureInfo.InvariantCulture, "Fix: check who changed it and its contents, then run 'chown {0} \"{1}\"' and 'chmod {2} \"{1}\"'.",
            CurrentUser.Substring(4), path, isDirectory ? "0700" : "0600");

    private static byte[] NullTerminatedUtf8(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    private static string Principal(string kind, uint id) => kind + ":" + id.ToString(CultureInfo.InvariantCulture);

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
