namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// One access control entry, reduced to what the state folder rule needs: who (a SID string such as
/// <c>S-1-5-32-545</c>, or on POSIX <c>uid:1000</c> / <c>gid:1000</c> / <see cref="WellKnownPrincipals.Everyone"/>),
/// allow or deny, the access mask (Windows bit values; the POSIX stand-in maps its write bit to
/// <see cref="AccessMask.WriteData"/>), and whether it applies to the object itself or only to its children.
/// </summary>
/// <param name="Principal">The trustee's SID string (never an alias: the SDDL parser resolves <c>BU</c> etc.).</param>
/// <param name="Allow">True for an access-allowed ACE, false for access-denied.</param>
/// <param name="Mask">The ACE's access mask.</param>
/// <param name="InheritOnly">INHERIT_ONLY_ACE: the entry is a template for children and does not apply to this object.</param>
/// <param name="InheritsToChildren">OBJECT_INHERIT_ACE or CONTAINER_INHERIT_ACE: files or folders created inside get it.</param>
public sealed record AccessEntry(string Principal, bool Allow, uint Mask, bool InheritOnly = false, bool InheritsToChildren = false);

/// <summary>
/// The owner and DACL of one file or folder. <see cref="Dacl"/> null is a NULL DACL (everyone has full access);
/// an empty list is an empty DACL (only the owner, through its implicit rights, can do anything).
/// </summary>
public sealed record SecurityDescriptorModel(string? Owner, IReadOnlyList<AccessEntry>? Dacl, bool DaclProtected = false);

/// <summary>
/// Access mask bits (winnt.h values; learn.microsoft.com "File Security and Access Rights" and "Access Mask Format").
/// On a folder <see cref="WriteData"/> is FILE_ADD_FILE, <see cref="AppendData"/> FILE_ADD_SUBDIRECTORY.
/// </summary>
public static class AccessMask
{
    public const uint ReadData = 0x1;
    public const uint WriteData = 0x2;
    public const uint AppendData = 0x4;
    public const uint ReadEa = 0x8;
    public const uint WriteEa = 0x10;
    public const uint Execute = 0x20;
    public const uint DeleteChild = 0x40;
    public const uint ReadAttributes = 0x80;
    public const uint WriteAttributes = 0x100;
    public const uint Delete = 0x10000;
    public const uint ReadControl = 0x20000;
    public const uint WriteDac = 0x40000;
    public const uint WriteOwner = 0x80000;
    public const uint Synchronize = 0x100000;
    public const uint GenericAll = 0x10000000;
    public const uint GenericExecute = 0x20000000;
    public const uint GenericWrite = 0x40000000;
    public const uint GenericRead = 0x80000000;

    /// <summary>FILE_ALL_ACCESS (STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF), SDDL <c>FA</c>.</summary>
    public const uint FileAllAccess = 0x1F01FF;

    /// <summary>FILE_GENERIC_READ, SDDL <c>FR</c>.</summary>
    public const uint FileGenericRead = 0x120089;

    /// <summary>FILE_GENERIC_WRITE, SDDL <c>FW</c>.</summary>
    public const uint FileGenericWrite = 0x120116;

    /// <summary>FILE_GENERIC_EXECUTE, SDDL <c>FX</c>.</summary>
    public const uint FileGenericExecute = 0x1200A0;

    /// <summary>
    /// The rights that let a holder change a state file's bytes, replace or delete it, or change who may: write or
    /// append data (on a folder: add a file or subfolder), delete, delete a child (folder), change permissions, take
    /// ownership, and the generic write/all rights that map onto them. Not counted: write attributes and extended
    /// attributes (they change neither the bytes nor the permissions) and read/execute rights.
    /// </summary>
    public const uint Modifying = WriteData | AppendData | DeleteChild | Delete | WriteDac | WriteOwner | GenericWrite | GenericAll;
}

/// <summary>SID strings of the principals the rule knows (learn.microsoft.com "Well-known SIDs").</summary>
public static class WellKnownPrincipals
{
    public const string LocalSystem = "S-1-5-18";
    public const string Administrators = "S-1-5-32-544";
    public const string Users = "S-1-5-32-545";
    public const string AuthenticatedUsers = "S-1-5-11";
    public const string Everyone = "S-1-1-0";
    public const string CreatorOwner = "S-1-3-0";
    public const string OwnerRights = "S-1-3-4";

    /// <summary>NT SERVICE\TrustedInstaller: the service SID of the TrustedInstaller service (owner of Windows' own files).</summary>
    public const string TrustedInstaller = "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464";

    /// <summary>The principals that may own and write a state file on Windows: SYSTEM, Administrators, TrustedInstaller.</summary>
    public static IReadOnlyCollection<string> WindowsAdministrative { get; } = [LocalSystem, Administrators, TrustedInstaller];

    /// <summary>A readable name for the principals an admin meets in a finding, else the SID itself.</summary>
    public static string Describe(string principal) => principal switch
    {
        LocalSystem => "NT AUTHORITY\\SYSTEM",
        Administrators => "BUILTIN\\Administrators",
        Users => "BUILTIN\\Users",
        AuthenticatedUsers => "NT AUTHORITY\\Authenticated Users",
        Everyone => "Everyone",
        CreatorOwner => "CREATOR OWNER",
        OwnerRights => "OWNER RIGHTS",
        TrustedInstaller => "NT SERVICE\\TrustedInstaller",
        _ => principal,
    } is var name && name != principal ? $"{name} ({principal})" : principal;
}
