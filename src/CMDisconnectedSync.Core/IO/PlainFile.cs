using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CMDisconnectedSync.IO;

/// <summary>
/// Opens the files of the hot loops (bundle create's copy, verify's hashing) with one <c>open(2)</c> on Linux.
/// <c>File.OpenHandle</c> adds, per file, an
/// advisory <c>flock</c> and its release (the FileShare emulation), <c>fstatfs</c>, <c>fstat</c>, <c>lseek</c> and
/// <c>fadvise</c>: <c>strace -c</c> of a 100,000-file bundle create counted 600,034 <c>flock</c> and 100,003
/// <c>fstatfs</c> calls, and 3 opens per file against <c>cp</c>'s 2. These files are private to the running command
/// (a bundle being written, or read-only media being verified), so the advisory lock protects nothing here; the
/// source is opened with <c>O_NOFOLLOW</c>, so a symbolic link put in place of a content file is refused by the
/// open itself instead of by a separate <c>lstat</c>. Elsewhere (Windows, macOS) the runtime's own open is used.
/// </summary>
internal static class PlainFile
{
#if NETFRAMEWORK
    /// <summary>Never on .NET Framework (Windows only).</summary>
    public static bool IsPlain => false;

    /// <summary>Never on .NET Framework: the caller flushes file by file.</summary>
    public static bool TrySyncFileSystem(string folder) => folder.Length < 0;
#else
    // PAL_O_* of the runtime's System.Native shim (dotnet/runtime src/native/libs/System.Native/pal_io.h): the same
    // numbers on every architecture, unlike the kernel's O_NOFOLLOW.
    private const int PalReadOnly = 0x0000;
    private const int PalWriteOnly = 0x0001;
    private const int PalCloseOnExec = 0x0010;
    private const int PalCreate = 0x0020;
    private const int PalExclusive = 0x0040;
    private const int PalNoFollow = 0x0200;

    // Linux errno values (asm-generic/errno-base.h, errno.h): the same on x86-64 and arm64.
    private const int ENOENT = 2;
    private const int EEXIST = 17;
    private const int ELOOP = 40;

    /// <summary>True where <see cref="OpenRead"/> and <see cref="CreateNew"/> use the plain open.</summary>
    public static bool IsPlain { get; } = OperatingSystem.IsLinux();

    /// <summary>Opens <paramref name="path"/> for reading; a symbolic link in its last segment is refused (<see cref="SymbolicLinkException"/>).</summary>
    public static SafeFileHandle OpenRead(string path) =>
        IsPlain
            ? Open(path, PalReadOnly | PalCloseOnExec | PalNoFollow, 0)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);

    /// <summary>Creates <paramref name="path"/>, which must not exist, for writing (mode 0666 less the umask, as File.Create).</summary>
    public static SafeFileHandle CreateNew(string path) =>
        IsPlain
            ? Open(path, PalWriteOnly | PalCreate | PalExclusive | PalCloseOnExec | PalNoFollow, Convert.ToInt32("666", 8))
            : File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);

    /// <summary>
    /// Flushes the whole file system that holds <paramref name="folder"/> to disk with one <c>syncfs(2)</c> (Linux),
    /// instead of opening and flushing each of its files again. Returns false where that is not available or fails,
    /// so the caller flushes file by file (which then names a failing file).
    /// </summary>
    public static bool TrySyncFileSystem(string folder)
    {
        if (!IsPlain)
        {
            return false;
        }

        var fd = NativeMethods.Open(Encode(folder), PalReadOnly | PalCloseOnExec, 0);
        if (fd.ToInt64() < 0)
        {
            return false;
        }

        try
        {
            return NativeMethods.SyncFs((int)fd.ToInt64()) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without syncfs (not glibc or musl): flush file by file.
            return false;
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    private static SafeFileHandle Open(string path, int flags, int mode)
    {
        var fd = NativeMethods.Open(Encode(path), flags, mode);
        if (fd.ToInt64() >= 0)
        {
            return new SafeFileHandle(fd, ownsHandle: true);
        }

        var errno = Marshal.GetLastPInvokeError();
        var message = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            ENOENT => new FileNotFoundException($"Could not find file '{path}' ({message}).", path),
            EEXIST => new IOException($"The file '{path}' already exists.", errno),
            ELOOP => new SymbolicLinkException(path),
            _ => new IOException($"Cannot open '{path}': {message}.", errno),
        };
    }

    private static byte[] Encode(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        var length = Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
        if (path.Contains('\0'))
        {
            throw new ArgumentException($"The path '{path}' contains a NUL character.", nameof(path));
        }

        bytes[length] = 0;
        return bytes;
    }

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr Open(byte[] path, int flags, int mode);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(IntPtr fd);

        [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SyncFs(int fd);
    }
#endif
}

/// <summary>The last segment of a path opened by <see cref="PlainFile"/> is a symbolic link (open with O_NOFOLLOW failed with ELOOP).</summary>
internal sealed class SymbolicLinkException : IOException
{
    public SymbolicLinkException(string path)
        : base($"'{path}' is a symbolic link; content must be real files. Replace it with the file it points to.") => FilePath = path;

    public string FilePath { get; }
}
