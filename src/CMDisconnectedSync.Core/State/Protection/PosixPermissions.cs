using System.Globalization;

namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// Owner and mode bits in the model the Windows adapter fills: owner <c>uid:N</c>; one entry per class that has the
/// write bit: the owner (<c>uid:N</c>), the group (<c>gid:N</c>, never trusted: its members are not known) and others
/// (<see cref="WellKnownPrincipals.Everyone"/>). Shared by the POSIX adapters (.NET's own shim, and Mono.Posix for the
/// net48 wizard under Mono), so both judge a file the same way.
/// </summary>
public static class PosixPermissions
{
    private const int OwnerWrite = 0x80; // S_IWUSR 0200
    private const int GroupWrite = 0x10; // S_IWGRP 0020
    private const int OtherWrite = 0x2;  // S_IWOTH 0002
    private const int FileTypeMask = 0xF000;
    private const int DirectoryType = 0x4000;

    /// <summary>The principal string of a user id.</summary>
    public static string User(uint uid) => "uid:" + uid.ToString(CultureInfo.InvariantCulture);

    /// <param name="uid"><c>st_uid</c>: the owner.</param>
    /// <param name="gid"><c>st_gid</c>: the group.</param>
    /// <param name="mode"><c>st_mode</c>: file type and permission bits.</param>
    public static SecurityDescriptorModel Describe(uint uid, uint gid, int mode)
    {
        var isDirectory = (mode & FileTypeMask) == DirectoryType;
        var write = isDirectory ? AccessMask.WriteData | AccessMask.AppendData | AccessMask.DeleteChild : AccessMask.WriteData | AccessMask.AppendData;
        var owner = User(uid);
        var entries = new List<AccessEntry>();
        if ((mode & OwnerWrite) != 0)
        {
            entries.Add(new AccessEntry(owner, true, write));
        }

        if ((mode & GroupWrite) != 0)
        {
            entries.Add(new AccessEntry("gid:" + gid.ToString(CultureInfo.InvariantCulture), true, write));
        }

        if ((mode & OtherWrite) != 0)
        {
            entries.Add(new AccessEntry(WellKnownPrincipals.Everyone, true, write));
        }

        return new SecurityDescriptorModel(owner, entries);
    }

    /// <summary>What to run to give <paramref name="path"/> back to <paramref name="currentUser"/> (<c>uid:N</c>) alone.</summary>
    public static string FixFor(string currentUser, string path, bool isDirectory) =>
        string.Format(CultureInfo.InvariantCulture, "Fix: check who changed it and its contents, then run 'chown {0} \"{1}\"' and 'chmod {2} \"{1}\"'.",
            currentUser.Substring(4), path, isDirectory ? "0700" : "0600");
}
