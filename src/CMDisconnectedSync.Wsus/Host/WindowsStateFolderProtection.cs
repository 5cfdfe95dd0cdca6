using System.Globalization;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using CMDisconnectedSync.State.Protection;

namespace CMDisconnectedSync.Wsus.Host;

/// <summary>
/// The state folder port on NTFS. Reading: the owner and DACL as SDDL
/// (<c>ObjectSecurity.GetSecurityDescriptorSddlForm(AccessControlSections.Owner | AccessControlSections.Access)</c>), parsed
/// by Core's <see cref="SddlParser"/>, so the rule sees exactly what Windows reports and the tests run the same parser on
/// Microsoft's published SDDL strings. Protecting: owner BUILTIN\Administrators and a protected DACL
/// (<c>DirectorySecurity.SetAccessRuleProtection(true, false)</c>: no entry inherited from ProgramData, none kept) holding
/// <c>FileSystemAccessRule</c>s for <c>WellKnownSidType.LocalSystemSid</c> and <c>BuiltinAdministratorsSid</c>, full
/// control, and <c>BuiltinUsersSid</c> read and execute only, all inherited by files and subfolders. Users keep read
/// because the status window runs unelevated (app.manifest asInvoker) and shows the last accepted sequence and the
/// journals; reading state lets no one change what this server trusts. SDDL of the result:
/// <c>O:BAD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;0x1200a9;;;BU)</c>. New folder: <c>Directory.CreateDirectory(path, DirectorySecurity)</c> on
/// .NET Framework, <c>FileSystemAclExtensions.CreateDirectory(DirectorySecurity, path)</c> on .NET; existing folder:
/// <c>Directory.SetAccessControl</c> / <c>FileSystemAclExtensions.SetAccessControl</c>, which also re-applies the
/// inheritable entries to the files already inside.
/// </summary>
/// <remarks>
/// Sources (learn.microsoft.com/dotnet/api/…): system.security.accesscontrol.objectsecurity.setaccessruleprotection,
/// …objectsecurity.getsecuritydescriptorsddlform, system.security.accesscontrol.filesystemaccessrule,
/// system.security.principal.wellknownsidtype, system.io.filesystemaclextensions (CreateDirectory, GetAccessControl,
/// SetAccessControl), system.io.directory.createdirectory (String, DirectorySecurity) and system.io.directory.setaccesscontrol
/// (.NET Framework). The fix commands: learn.microsoft.com/windows-server/administration/windows-commands/icacls.
/// </remarks>
[SupportedOSPlatform("windows")]
public sealed class WindowsStateFolderProtection : IStateFolderProtection
{
    private const AccessControlSections OwnerAndAccess = AccessControlSections.Owner | AccessControlSections.Access;
    private const InheritanceFlags Inherited = InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit;
    private readonly SecurityIdentifier? _labUser;

    /// <param name="labUser">
    /// The demo lab only: also grant and trust the account running it (a lab belongs to whoever runs <c>cmdsync demo</c>,
    /// elevated or not, as <c>LabElevation</c> says). Never for a real state folder.
    /// </param>
    public WindowsStateFolderProtection(bool labUser = false)
    {
        using var identity = WindowsIdentity.GetCurrent();
        var trusted = new List<string>(WellKnownPrincipals.WindowsAdministrative);
        // An elevated administrator is not a non-admin: where Windows makes the creator the owner of new files (the
        // "Default owner for objects created by members of the Administrators group" policy), state files it wrote are
        // owned by its own SID, not by Administrators; trust that SID too, as the POSIX stand-in trusts "the current user".
        if (identity.User is { } user && (labUser || new WindowsPrincipal(identity).IsInRole(WindowsBuiltInRole.Administrator)))
        {
            trusted.Add(user.Value);
        }

        _labUser = labUser ? identity.User : null;
        TrustedPrincipals = trusted;
    }

    public IReadOnlyCollection<string> TrustedPrincipals { get; }

    public SecurityDescriptorModel? Read(string path)
    {
        _ = path ?? throw new ArgumentNullException(nameof(path));
        if (Directory.Exists(path))
        {
#if NETFRAMEWORK
            var security = Directory.GetAccessControl(path, OwnerAndAccess);
#else
            var security = new DirectoryInfo(path).GetAccessControl(OwnerAndAccess);
#endif
            return SddlParser.Parse(security.GetSecurityDescriptorSddlForm(OwnerAndAccess));
        }

        if (File.Exists(path))
        {
#if NETFRAMEWORK
            var security = File.GetAccessControl(path, OwnerAndAccess);
#else
            var security = new FileInfo(path).GetAccessControl(OwnerAndAccess);
#endif
            return SddlParser.Parse(security.GetSecurityDescriptorSddlForm(OwnerAndAccess));
        }

        return null;
    }

    public void Protect(string folder)
    {
        _ = folder ?? throw new ArgumentNullException(nameof(folder));
        var security = ProtectedSecurity();
        if (Directory.Exists(folder))
        {
#if NETFRAMEWORK
            Directory.SetAccessControl(folder, security);
#else
            new DirectoryInfo(folder).SetAccessControl(security);
#endif
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(parent))
        {
            Directory.CreateDirectory(parent);
        }

#if NETFRAMEWORK
        Directory.CreateDirectory(folder, security);
#else
        security.CreateDirectory(folder);
#endif
    }

    public string FixFor(string path, bool isDirectory) => isDirectory
        ? string.Format(CultureInfo.InvariantCulture,
            "Fix: run 'cmdsync import' or 'cmdsync export' elevated once (it protects the folder), or, elevated: icacls \"{0}\" /setowner *S-1-5-32-544 "
            + "and icacls \"{0}\" /inheritance:r /grant:r *S-1-5-18:(OI)(CI)F *S-1-5-32-544:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX, then icacls \"{0}\" /remove:g for every other name it lists.",
            path)
        : string.Format(CultureInfo.InvariantCulture,
            "Fix: find out who changed it and check its contents; then, elevated: icacls \"{0}\" /setowner *S-1-5-32-544 and icacls \"{0}\" /reset "
            + "(it then has only the protected folder's SYSTEM and Administrators entries).",
            path);

    private DirectorySecurity ProtectedSecurity()
    {
        var administrators = new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null);
        var security = new DirectorySecurity();
        // A lab user who is not elevated cannot make Administrators the owner; the lab folder stays theirs.
        security.SetOwner(_labUser ?? administrators);
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        foreach (var sid in new[] { new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null), administrators, _labUser })
        {
            if (sid is not null)
            {
                security.AddAccessRule(new FileSystemAccessRule(sid, FileSystemRights.FullControl, Inherited, PropagationFlags.None, AccessControlType.Allow));
            }
        }

        // Read only (FILE_GENERIC_READ | FILE_GENERIC_EXECUTE = 0x1200a9): the unelevated status window reads the state.
        security.AddAccessRule(new FileSystemAccessRule(new SecurityIdentifier(WellKnownSidType.BuiltinUsersSid, null),
            FileSystemRights.ReadAndExecute | FileSystemRights.Synchronize, Inherited, PropagationFlags.None, AccessControlType.Allow));

        return security;
    }
}

/// <summary>
/// Picks the state folder port of the computer cmdsync runs on: NTFS on Windows, the POSIX stand-in elsewhere (through
/// .NET's shim, or Mono.Posix for the net48 build under Mono).
/// </summary>
public static class StateFolderProtections
{
    /// <summary>For a real state folder (<c>%ProgramData%\CMDisconnectedSync\State</c> or <c>--state</c>).</summary>
    public static IStateFolderProtection ForThisComputer() =>
#if NETFRAMEWORK
        Environment.OSVersion.Platform == PlatformID.Win32NT ? new WindowsStateFolderProtection() : new MonoPosixStateFolderProtection();
#else
        OperatingSystem.IsWindows() ? new WindowsStateFolderProtection() : new PosixStateFolderProtection();
#endif

    /// <summary>For the demo lab's state folders, which belong to whoever runs the demo.</summary>
    public static IStateFolderProtection ForLab() =>
#if NETFRAMEWORK
        Environment.OSVersion.Platform == PlatformID.Win32NT ? new WindowsStateFolderProtection(labUser: true) : new MonoPosixStateFolderProtection();
#else
        OperatingSystem.IsWindows() ? new WindowsStateFolderProtection(labUser: true) : new PosixStateFolderProtection();
#endif
}
