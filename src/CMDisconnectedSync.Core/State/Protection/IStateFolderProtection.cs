namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// Port: the operating system's view of who may change the state folder. Windows: the NTFS owner and DACL
/// (<c>WindowsStateFolderProtection</c> in CMDisconnectedSync.Wsus); Linux (lab, demo, tests): owner and mode bits
/// (<c>PosixStateFolderProtection</c>). The rule itself is <see cref="StateAccessRule"/>, applied by
/// <see cref="StateFolderGuard"/>; an adapter only reads, translates and applies.
/// </summary>
public interface IStateFolderProtection
{
    /// <summary>The principals trusted to own and change state (SID strings, or <c>uid:N</c> on POSIX).</summary>
    IReadOnlyCollection<string> TrustedPrincipals { get; }

    /// <summary>The owner and access entries of an existing file or folder; null when nothing exists at <paramref name="path"/>.</summary>
    /// <exception cref="UnauthorizedAccessException">This account may not read the permissions.</exception>
    SecurityDescriptorModel? Read(string path);

    /// <summary>
    /// Creates <paramref name="folder"/> when missing (parents as usual) and gives the folder itself the protected
    /// permissions: on Windows owner Administrators and a protected DACL of SYSTEM and Administrators, full control, and
    /// Users, read only, inherited by files and subfolders, nothing inherited from the parent; on POSIX mode 0700.
    /// </summary>
    void Protect(string folder);

    /// <summary>What an administrator runs to give <paramref name="path"/> the protected permissions by hand.</summary>
    string FixFor(string path, bool isDirectory);
}
