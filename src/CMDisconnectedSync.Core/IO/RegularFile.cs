using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace CMDisconnectedSync.IO;

/// <summary>What a path names, as far as reading it is concerned.</summary>
public enum FileKind
{
    /// <summary>Nothing at that path.</summary>
    Missing,

    /// <summary>A plain file with bytes on a disk: the only kind cmdsync reads from media or a state folder.</summary>
    Regular,

    Directory,

    /// <summary>A symbolic link, junction or other reparse point (not followed).</summary>
    Link,

    /// <summary>A device (<c>/dev/zero</c>), a FIFO (blocks the reader forever), a socket or a console handle.</summary>
    Special,
}

/// <summary>Why <see cref="RegularFile"/> refused a file.</summary>
public enum RegularFileProblem
{
    /// <summary>A link, device, FIFO, socket or folder where a plain file was expected.</summary>
    NotRegular,

    /// <summary>Larger than the cap for that file (or it grew past it while being read).</summary>
    TooLarge,
}

/// <summary>
/// <see cref="RegularFile"/> refused a file: it is not a plain file, or it is larger than its cap. The message names
/// the file; callers turn it into their own refusal (a bundle's unsafe path, a damaged state folder).
/// </summary>
public sealed class RegularFileException : IOException
{
    public RegularFileException()
    {
        FilePath = string.Empty;
    }

    public RegularFileException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    public RegularFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    public RegularFileException(string filePath, RegularFileProblem problem, long length, long limit, string message)
        : base(message)
    {
        FilePath = filePath;
        Problem = problem;
        Length = length;
        Limit = limit;
    }

    public string FilePath { get; }

    public RegularFileProblem Problem { get; }

    /// <summary>The length found (for <see cref="RegularFileProblem.TooLarge"/>: at least this many bytes).</summary>
    public long Length { get; }

    /// <summary>The cap the file broke (for <see cref="RegularFileProblem.TooLarge"/>).</summary>
    public long Limit { get; }
}

/// <summary>
/// Opens files that come from media or a state folder only when they are plain files, and small ones only up to a
/// cap. Without this, <c>manifest.json.p7s</c> or <c>trusted-signers.txt</c> as a link to <c>/dev/zero</c> was read
/// until memory ran out, and <c>manifest.json</c> as a FIFO blocked the open forever (issue 19).
/// </summary>
/// <remarks>
/// <para>Linux: the path is examined with <c>statx(AT_SYMLINK_NOFOLLOW)</c> before it is opened, so a FIFO is never
/// opened (opening one for reading blocks until a writer comes) and a link is never followed; after opening, the
/// handle is examined again (<c>statx(AT_EMPTY_PATH)</c>) and must be the same regular file (device and inode), so a
/// swap between the two calls is refused too. <c>statx</c> (glibc 2.28+) has one structure layout on every
/// architecture, unlike <c>stat</c>; source: man7.org statx(2).</para>
/// <para>Windows: the attributes must show no reparse point, folder or device before opening, and the open handle
/// must be a disk file (<c>GetFileType</c> = <c>FILE_TYPE_DISK</c>; source: learn.microsoft.com, fileapi.h
/// GetFileType). Other systems: the attribute check and a seekable stream.</para>
/// <para>The cap is checked on the open handle's length and again while reading, so a file growing under the reader
/// cannot exceed it either.</para>
/// </remarks>
public static class RegularFile
{
    /// <summary>A 40-digit thumbprint line is ~100 bytes: a list of 10,000 trusted signers still fits.</summary>
    public const long MaxSmallFileBytes = 1024 * 1024;

    /// <summary>What <paramref name="path"/> is, without following a link.</summary>
    public static FileKind KindOf(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
#if NET
        if (OperatingSystem.IsLinux())
        {
            return LinuxStat.TryLStat(path, out var status) ? status.Kind : FileKind.Missing;
        }
#endif
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileKind.Missing;
        }

        return KindOf(attributes);
    }

    /// <summary>
    /// Refuses a link, device, FIFO or socket at <paramref name="path"/> (<see cref="RegularFileException"/> naming it);
    /// nothing there, a plain file or a folder passes. For what is judged before it is read, e.g. its permissions: the
    /// permissions of a link's target say nothing about the link.
    /// </summary>
    public static void RefuseSpecial(string path)
    {
        var kind = KindOf(path);
        if (kind is not (FileKind.Missing or FileKind.Regular or FileKind.Directory))
        {
            throw NotRegular(path, kind);
        }
    }

    /// <summary>
    /// Opens <paramref name="path"/> for reading if it is a plain file of at most <paramref name="maxBytes"/> bytes;
    /// otherwise throws <see cref="RegularFileException"/> naming it. A missing file throws
    /// <see cref="FileNotFoundException"/> as <see cref="File.OpenRead"/> does.
    /// </summary>
    public static FileStream OpenRead(string path, long maxBytes, int bufferSize = 64 * 1024, FileOptions options = FileOptions.SequentialScan)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (maxBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBytes), maxBytes, "The cap cannot be negative.");
        }

        var before = Examine(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options);
        try
        {
            CheckOpened(path, stream, before);
            var length = stream.Length;
            if (length > maxBytes)
            {
                throw TooLarge(path, length, maxBytes);
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The bytes of a plain file of at most <paramref name="maxBytes"/> bytes (see <see cref="OpenRead"/>).</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = OpenRead(path, maxBytes, 4096, FileOptions.SequentialScan);
        return ReadToEnd(stream, path, maxBytes);
    }

    /// <summary>The text of a plain file of at most <paramref name="maxBytes"/> bytes, decoded as <see cref="File.ReadAllText(string)"/> does (UTF-8 unless a BOM says otherwise).</summary>
    public static string ReadAllText(string path, long maxBytes)
    {
        var bytes = ReadAllBytes(path, maxBytes);
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The lines of a plain file of at most <paramref name="maxBytes"/> bytes, split as <see cref="File.ReadAllLines(string)"/> does.</summary>
    public static IReadOnlyList<string> ReadAllLines(string path, long maxBytes)
    {
        var lines = new List<string>();
        using var reader = new StringReader(ReadAllText(path, maxBytes));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Reads <paramref name="stream"/> from its position to the end, refusing more than <paramref name="maxBytes"/> bytes (a file that grew).</summary>
    internal static byte[] ReadToEnd(Stream stream, string path, long maxBytes)
    {
        var expected = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : 0;
        // An array holds at most 2 GiB - 57 bytes; larger caps are for streamed reads, not this one.
        using var buffer = new MemoryStream((int)Math.Min(Math.Min(expected, maxBytes), 0x7FFFFFC6) + 1);
        var chunk = new byte[(int)Math.Min(81920, maxBytes + 1)];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - total))) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw TooLarge(path, total, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static RegularFileException TooLarge(string path, long length, long maxBytes) =>
        new(path, RegularFileProblem.TooLarge, length, maxBytes, string.Format(CultureInfo.InvariantCulture,
            "'{0}' is {1:N0} bytes or more, larger than the {2:N0} bytes cmdsync reads from such a file.", path, length, maxBytes));

    private static RegularFileException NotRegular(string path, FileKind kind) =>
        new(path, RegularFileProblem.NotRegular, 0, 0, string.Format(CultureInfo.InvariantCulture,
            "'{0}' is {1}, not a plain file; cmdsync reads only plain files here. Replace it with the real file (copy it as a plain file, not a link).",
            path, Describe(kind)));

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.Link => "a symbolic link, junction or other reparse point",
        FileKind.Special => "a device, pipe (FIFO) or socket",
        _ => "not a file",
    };

    private static FileKind KindOf(FileAttributes attributes) =>
        (attributes & FileAttributes.ReparsePoint) != 0 ? FileKind.Link
        : (attributes & FileAttributes.Directory) != 0 ? FileKind.Directory
        : (attributes & FileAttributes.Device) != 0 ? FileKind.Special
        : FileKind.Regular;

    /// <summary>Refuses anything but a plain file before it is opened; returns what the open handle must match (Linux).</summary>
    private static object? Examine(string path)
    {
#if NET
        if (OperatingSystem.IsLinux())
        {
            if (!LinuxStat.TryLStat(path, out var status))
            {
                throw new FileNotFoundException($"'{path}' does not exist.", path);
            }

            return status.Kind == FileKind.Regular ? status : throw NotRegular(path, status.Kind);
        }
#endif
        var kind = KindOf(path);
        return kind switch
        {
            FileKind.Missing => throw new FileNotFoundException($"'{path}' does not exist.", path),
            FileKind.Regular => null,
            _ => throw NotRegular(path, kind),
        };
    }

    private static void CheckOpened(string path, FileStream stream, object? before)
    {
#if NET
        if (OperatingSystem.IsLinux())
        {
            var opened = LinuxStat.OfHandle(stream.SafeFileHandle, path);
            var expected = (LinuxStat.Status)before!;
            if (opened.Kind != FileKind.Regular || opened.Device != expected.Device || opened.Inode != expected.Inode)
            {
                throw NotRegular(path, opened.Kind == FileKind.Regular ? FileKind.Link : opened.Kind);
            }

            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            RefuseUnseekable(path, stream);
            return;
        }
#else
        // The net48 build off Windows is Mono (the wizard's Mono + Xvfb runs), which has no kernel32 to ask.
        if (Environment.OSVersion.Platform != PlatformID.Win32NT)
        {
            RefuseUnseekable(path, stream);
            return;
        }
#endif
        if (WindowsFileType.Of(stream.SafeFileHandle) != WindowsFileType.Disk)
        {
            throw NotRegular(path, FileKind.Special);
        }
    }

    /// <summary>Where the file type cannot be asked: a pipe, socket or character device does not seek.</summary>
    private static void RefuseUnseekable(string path, FileStream stream)
    {
        if (!stream.CanSeek)
        {
            throw NotRegular(path, FileKind.Special);
        }
    }

    /// <summary>GetFileType: learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-getfiletype (FILE_TYPE_DISK = 1).</summary>
    private static class WindowsFileType
    {
        public const int Disk = 1;

        public static int Of(SafeFileHandle handle) => GetFileType(handle);

        [DllImport("kernel32.dll", ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        private static extern int GetFileType(SafeFileHandle file);
    }

#if NET
    /// <summary>
    /// <c>statx</c> from the C library. Offsets of struct statx (include/uapi/linux/stat.h, the same on every
    /// architecture): stx_mode u16 at 28, stx_ino u64 at 32, stx_size u64 at 40, stx_dev_major/minor u32 at 136/140;
    /// 256 bytes in all. Flags: AT_FDCWD -100, AT_SYMLINK_NOFOLLOW 0x100, AT_EMPTY_PATH 0x1000; mask STATX_TYPE 1 |
    /// STATX_INO 0x100. File types from S_IFMT (0xF000): S_IFREG 0x8000, S_IFDIR 0x4000, S_IFLNK 0xA000.
    /// </summary>
    private static class LinuxStat
    {
        private const int AtFdCwd = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const int AtEmptyPath = 0x1000;
        private const uint Mask = 0x1 | 0x100;
        private const int ENOENT = 2;
        private const int ENOTDIR = 20;

        public readonly record struct Status(FileKind Kind, ulong Device, ulong Inode);

        public static bool TryLStat(string path, out Status status)
        {
            var buffer = new byte[256];
            if (statx(AtFdCwd, CPath(path), AtSymlinkNoFollow, Mask, buffer) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is ENOENT or ENOTDIR)
                {
                    status = default;
                    return false;
                }

                throw new IOException($"Could not examine '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
            }

            status = Read(buffer);
            return true;
        }

        public static Status OfHandle(SafeFileHandle handle, string path)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var buffer = new byte[256];
                if (statx((int)handle.DangerousGetHandle(), CPath(string.Empty), AtEmptyPath, Mask, buffer) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    throw new IOException($"Could not examine the opened '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
                }

                return Read(buffer);
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }

        private static Status Read(byte[] buffer)
        {
            var mode = BitConverter.ToUInt16(buffer, 28) & 0xF000;
            var kind = mode switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.Link,
                _ => FileKind.Special,
            };
            var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
            return new Status(kind, device, BitConverter.ToUInt64(buffer, 32));
        }

        [DllImport("libc", SetLastError = true, ExactSpelling = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, [Out] byte[] statxbuf);

        /// <summary>The path as the C library takes it: UTF-8, NUL-terminated.</summary>
        private static byte[] CPath(string path) => Encoding.UTF8.GetBytes(path + "\0");
    }
#endif
}
