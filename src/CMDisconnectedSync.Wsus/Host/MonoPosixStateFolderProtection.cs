using System.Globalization;
using System.Reflection;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// The state folder port for the net48 build running on Mono (Linux): the wizard's Mono + Xvfb screenshot runs of the
/// lab. Mono implements neither the NTFS security API (<c>WindowsIdentity.User</c> throws NotImplementedException) nor
/// .NET's System.Native shim, so owner and mode bits are read through Mono's own POSIX binding, <c>Mono.Posix</c>
/// (<c>Mono.Unix.UnixFileInfo</c> OwnerUserId/OwnerGroupId/Protection, <c>Mono.Unix.Native.Syscall</c> geteuid/chmod;
/// Mono API reference, docs.go-mono.com "Mono.Unix"), loaded from Mono's GAC at run time because no reference
/// assembly for it exists. The verdict is the same <see cref="PosixPermissions"/> translation and
/// <see cref="StateAccessRule"/> as on .NET.
/// </summary>
public sealed class MonoPosixStateFolderProtection : PosixModeBitsProtection
{
    private const string MonoPosix = ", Mono.Posix, Version=4.0.0.0, Culture=neutral, PublicKeyToken=0738eb9f132ed756";
    private const int OwnerOnlyDirectory = 0x1C0; // 0700

    private static readonly Type FileInfo = Load("Mono.Unix.UnixFileInfo");
    private static readonly Type Syscall = Load("Mono.Unix.Native.Syscall");
    private static readonly Type FilePermissions = Load("Mono.Unix.Native.FilePermissions");

    public MonoPosixStateFolderProtection()
        : base(Convert.ToUInt32(Invoke("geteuid"), CultureInfo.InvariantCulture))
    {
    }

    protected override (uint Uid, uint Gid, int Mode) Stat(string path)
    {
        var info = Activator.CreateInstance(FileInfo, path)!;
        var uid = Convert.ToUInt32(Property(info, "OwnerUserId"), CultureInfo.InvariantCulture);
        var gid = Convert.ToUInt32(Property(info, "OwnerGroupId"), CultureInfo.InvariantCulture);
        var permissions = Convert.ToInt32(Property(info, "Protection"), CultureInfo.InvariantCulture) & 0xFFF;
        var type = Directory.Exists(path) ? 0x4000 : 0x8000;
        return (uid, gid, permissions | type);
    }

    protected override void CreateOwnerOnlyFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        var result = Convert.ToInt32(Invoke("chmod", folder, Enum.ToObject(FilePermissions, OwnerOnlyDirectory)), CultureInfo.InvariantCulture);
        if (result != 0)
        {
            throw new IOException($"chmod 0700 '{folder}' failed (Mono.Unix.Native.Syscall.chmod returned {result}).");
        }
    }

    private static Type Load(string typeName) =>
        Type.GetType(typeName + MonoPosix)
        ?? throw new PlatformNotSupportedException($"{typeName} (Mono.Posix) is not installed: apt-get install libmono-posix4.0-cil.");

    private static object? Property(object instance, string name) =>
        instance.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!.GetValue(instance);

    private static object? Invoke(string method, params object[] arguments)
    {
        var types = arguments.Select(argument => argument.GetType()).ToArray();
        var target = Syscall.GetMethod(method, BindingFlags.Public | BindingFlags.Static, null, types, null)
            ?? throw new PlatformNotSupportedException($"Mono.Unix.Native.Syscall.{method} was not found.");
        return target.Invoke(null, arguments);
    }
}
