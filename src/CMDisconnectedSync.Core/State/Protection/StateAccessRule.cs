using System.Globalization;

namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// The state folder rule, as a pure function over <see cref="SecurityDescriptorModel"/>: a state file or folder is
/// protected when its owner is trusted and no allow entry gives a principal outside the trusted set a right in
/// <see cref="AccessMask.Modifying"/>. Trusted on Windows: SYSTEM, Administrators, TrustedInstaller (the adapter adds
/// the account cmdsync runs as when that account is an elevated administrator, like the POSIX stand-in's "root or me").
/// </summary>
/// <remarks>
/// Why each piece: the owner can always rewrite the DACL (implicit WRITE_DAC), so an untrusted owner fails however the
/// entries read. Deny entries are not credited: whether a deny shadows an allow depends on order and group membership
/// the model does not know, so the rule errs towards refusing. OWNER RIGHTS entries apply to the owner; CREATOR OWNER
/// entries are templates that become the creator's own entry on a new child, and only principals that can already add a
/// file to the folder can be that creator, which the folder's own check refuses. On a folder, entries that inherit to
/// new children count too: every state file cmdsync writes there would carry them.
/// </remarks>
public static class StateAccessRule
{
    /// <summary>Every reason <paramref name="descriptor"/> fails the rule, in words; empty when it passes.</summary>
    public static IReadOnlyList<string> Findings(SecurityDescriptorModel descriptor, bool isDirectory, IReadOnlyCollection<string> trusted)
    {
        _ = descriptor ?? throw new ArgumentNullException(nameof(descriptor));
        _ = trusted ?? throw new ArgumentNullException(nameof(trusted));
        var findings = new List<string>();
        var owner = descriptor.Owner;
        if (owner is null)
        {
            findings.Add("its owner could not be read");
        }
        else if (!trusted.Contains(owner, StringComparer.OrdinalIgnoreCase))
        {
            findings.Add($"it is owned by {WellKnownPrincipals.Describe(owner)}, who can change its permissions at any time");
        }

        if (descriptor.Dacl is null)
        {
            findings.Add("it has no DACL (a NULL DACL), so everyone has full access");
            return findings;
        }

        foreach (var entry in descriptor.Dacl)
        {
            if (!entry.Allow || entry.Principal == WellKnownPrincipals.CreatorOwner)
            {
                continue;
            }

            var appliesHere = !entry.InheritOnly;
            var appliesToNewFiles = isDirectory && entry.InheritsToChildren;
            var modifying = entry.Mask & AccessMask.Modifying;
            if (modifying == 0 || !(appliesHere || appliesToNewFiles))
            {
                continue;
            }

            var principal = entry.Principal == WellKnownPrincipals.OwnerRights && owner is not null ? owner : entry.Principal;
            if (trusted.Contains(principal, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var where = appliesHere ? string.Empty : " on the files created in it";
            findings.Add(string.Format(CultureInfo.InvariantCulture, "{0} may {1}{2} (access mask 0x{3:x})",
                WellKnownPrincipals.Describe(principal), DescribeRights(modifying, isDirectory), where, entry.Mask));
        }

        return findings;
    }

    /// <summary>The modifying rights in <paramref name="mask"/>, in words.</summary>
    public static string DescribeRights(uint mask, bool isDirectory)
    {
        var names = new List<string>();
        void Add(uint bit, string name)
        {
            if ((mask & bit) != 0)
            {
                names.Add(name);
            }
        }

        Add(AccessMask.GenericAll, "do anything (generic all)");
        Add(AccessMask.GenericWrite, "write (generic write)");
        Add(AccessMask.WriteData, isDirectory ? "add files" : "write data");
        Add(AccessMask.AppendData, isDirectory ? "add subfolders" : "append data");
        Add(AccessMask.DeleteChild, "delete files in it");
        Add(AccessMask.Delete, "delete it");
        Add(AccessMask.WriteDac, "change its permissions");
        Add(AccessMask.WriteOwner, "take ownership");
        return string.Join(", ", names);
    }
}
