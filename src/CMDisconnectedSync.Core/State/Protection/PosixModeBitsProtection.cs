namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// The state folder port where permissions are an owner and mode bits (Linux, macOS: the lab, the demo, the tests).
/// Trusted: root and the account cmdsync runs as, who owns the lab. Protecting is <c>chmod 0700</c> of the folder.
/// Subclasses only say how this runtime reads <c>stat(2)</c> and changes a mode; the translation is
/// <see cref="PosixPermissions"/>, so every POSIX adapter judges a file the same way.
/// </summary>
public abstract class PosixModeBitsProtection : IStateFolderProtection
{
    protected PosixModeBitsProtection(uint effectiveUserId)
    {
        CurrentUser = PosixPermissions.User(effectiveUserId);
        TrustedPrincipals = [PosixPermissions.User(0), CurrentUser];
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

        var (uid, gid, mode) = Stat(path);
        return PosixPermissions.Describe(uid, gid, mode);
    }

    public void Protect(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(parent))
        {
            Directory.CreateDirectory(parent);
        }

        CreateOwnerOnlyFolder(folder);
    }

    public string FixFor(string path, bool isDirectory) => PosixPermissions.FixFor(CurrentUser, path, isDirectory);

    /// <summary>Owner, group and <c>st_mode</c> of an existing <paramref name="path"/> (links followed, as stat does).</summary>
    /// <exception cref="UnauthorizedAccessException">This account may not stat it.</exception>
    protected abstract (uint Uid, uint Gid, int Mode) Stat(string path);

    /// <summary>Creates <paramref name="folder"/> when missing and sets its mode to 0700.</summary>
    protected abstract void CreateOwnerOnlyFolder(string folder);
}
