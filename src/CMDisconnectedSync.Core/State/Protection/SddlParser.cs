using System.Globalization;

namespace CMDisconnectedSync.State.Protection;

/// <summary>
/// Reads the owner and DACL of a Security Descriptor Definition Language string (what Windows' own
/// <c>ConvertSecurityDescriptorToStringSecurityDescriptor</c> and .NET's <c>GetSecurityDescriptorSddlForm</c> write) into a
/// <see cref="SecurityDescriptorModel"/>. The Windows adapter reads the real ACL this way, so the same parser runs on a
/// server and in the tests. The group and the SACL are skipped; audit, alarm, label and resource-attribute ACEs are not
/// access entries and are left out; a callback (conditional) allow ACE counts as an allow, because its condition may hold.
/// </summary>
/// <remarks>
/// Grammar and tokens: learn.microsoft.com/windows/win32/secauthz/security-descriptor-string-format, …/ace-strings and
/// …/sid-strings; [MS-DTYP] 2.5.1.1. Aliases relative to a domain or to this computer (DA, DU, LA, …) cannot be resolved
/// without that domain's SID: they are kept as the alias, which the rule never trusts.
/// </remarks>
public static class SddlParser
{
    private static readonly Dictionary<string, string> SidAliases = new(StringComparer.Ordinal)
    {
        ["AC"] = "S-1-15-2-1", ["AN"] = "S-1-5-7", ["AO"] = "S-1-5-32-548", ["AU"] = WellKnownPrincipals.AuthenticatedUsers,
        ["BA"] = WellKnownPrincipals.Administrators, ["BG"] = "S-1-5-32-546", ["BO"] = "S-1-5-32-551", ["BU"] = WellKnownPrincipals.Users,
        ["CG"] = "S-1-3-1", ["CO"] = WellKnownPrincipals.CreatorOwner, ["ED"] = "S-1-5-9", ["IU"] = "S-1-5-4", ["LS"] = "S-1-5-19",
        ["NS"] = "S-1-5-20", ["NU"] = "S-1-5-2", ["OW"] = WellKnownPrincipals.OwnerRights, ["PO"] = "S-1-5-32-550", ["PS"] = "S-1-5-10",
        ["PU"] = "S-1-5-32-547", ["RC"] = "S-1-5-12", ["RD"] = "S-1-5-32-555", ["RE"] = "S-1-5-32-552", ["RU"] = "S-1-5-32-554",
        ["SO"] = "S-1-5-32-549", ["SU"] = "S-1-5-6", ["SY"] = WellKnownPrincipals.LocalSystem, ["WD"] = WellKnownPrincipals.Everyone,
        ["WR"] = "S-1-5-33",
    };

    private static readonly Dictionary<string, uint> Rights = new(StringComparer.Ordinal)
    {
        ["GA"] = AccessMask.GenericAll, ["GR"] = AccessMask.GenericRead, ["GW"] = AccessMask.GenericWrite, ["GX"] = AccessMask.GenericExecute,
        ["RC"] = AccessMask.ReadControl, ["SD"] = AccessMask.Delete, ["WD"] = AccessMask.WriteDac, ["WO"] = AccessMask.WriteOwner,
        // Directory-service rights share the low bits with the file rights (ADS_RIGHTS_ENUM): CC=1, DC=2, LC=4, SW=8,
        // RP=0x10, WP=0x20, DT=0x40, LO=0x80, CR=0x100. On a folder DC (0x2) is FILE_ADD_FILE, LC (0x4) FILE_ADD_SUBDIRECTORY.
        ["CC"] = 0x1, ["DC"] = 0x2, ["LC"] = 0x4, ["SW"] = 0x8, ["RP"] = 0x10, ["WP"] = 0x20, ["DT"] = 0x40, ["LO"] = 0x80, ["CR"] = 0x100,
        ["FA"] = AccessMask.FileAllAccess, ["FR"] = AccessMask.FileGenericRead, ["FW"] = AccessMask.FileGenericWrite, ["FX"] = AccessMask.FileGenericExecute,
        ["KA"] = 0xF003F, ["KR"] = 0x20019, ["KW"] = 0x20006, ["KX"] = 0x20019,
        ["NR"] = 0x2, ["NW"] = 0x1, ["NX"] = 0x4,
    };

    /// <summary>Parses <paramref name="sddl"/>; throws <see cref="FormatException"/> naming what it could not read.</summary>
    public static SecurityDescriptorModel Parse(string sddl)
    {
        _ = sddl ?? throw new ArgumentNullException(nameof(sddl));
        var text = string.Concat(sddl.Where(c => !char.IsWhiteSpace(c)));
        string? owner = null;
        List<AccessEntry>? dacl = null;
        var daclProtected = false;
        var daclPresent = false;
        var position = 0;
        while (position < text.Length)
        {
            if (position + 2 > text.Length || text[position + 1] != ':')
            {
                throw new FormatException($"SDDL '{sddl}': expected O:, G:, D: or S: at position {position}.");
            }

            var part = text[position];
            position += 2;
            switch (part)
            {
                case 'O':
                    owner = Sid(ReadSid(text, ref position), sddl);
                    break;
                case 'G':
                    _ = ReadSid(text, ref position);
                    break;
                case 'D':
                    daclPresent = true;
                    var (flags, aces) = ReadAcl(text, ref position, sddl);
                    var nullDacl = flags.Contains("NO_ACCESS_CONTROL");
                    daclProtected = !nullDacl && flags.Any(c => c == 'P');
                    dacl = nullDacl ? null : aces;
                    break;
                case 'S':
                    _ = ReadAcl(text, ref position, sddl);
                    break;
                default:
                    throw new FormatException($"SDDL '{sddl}': unknown part '{part}:'.");
            }
        }

        // No D: part means no DACL was present: Windows then grants everyone full access, as for a NULL DACL.
        return new SecurityDescriptorModel(owner, daclPresent ? dacl : null, daclProtected);
    }

    private static bool IsPartLetter(char c) => c is 'O' or 'G' or 'D' or 'S';

    private static string ReadSid(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !(position + 1 < text.Length && text[position + 1] == ':' && IsPartLetter(text[position])))
        {
            position++;
        }

        return text.Substring(start, position - start);
    }

    private static (string Flags, List<AccessEntry> Aces) ReadAcl(string text, ref int position, string sddl)
    {
        var start = position;
        while (position < text.Length && text[position] != '(' && !(position + 1 < text.Length && text[position + 1] == ':' && IsPartLetter(text[position])))
        {
            position++;
        }

        var flags = text.Substring(start, position - start);
        var aces = new List<AccessEntry>();
        while (position < text.Length && text[position] == '(')
        {
            var end = ClosingParenthesis(text, position, sddl);
            if (ReadAce(text.Substring(position + 1, end - position - 1), sddl) is { } ace)
            {
                aces.Add(ace);
            }

            position = end + 1;
        }

        return (flags, aces);
    }

    private static int ClosingParenthesis(string text, int open, string sddl)
    {
        var depth = 0;
        var quoted = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')' && --depth == 0)
            {
                return i;
            }
        }

        throw new FormatException($"SDDL '{sddl}': an ACE opened at position {open} is not closed.");
    }

    private static AccessEntry? ReadAce(string ace, string sddl)
    {
        var fields = ace.Split([';'], 7);
        if (fields.Length < 6)
        {
            throw new FormatException($"SDDL '{sddl}': the ACE '({ace})' has fewer than six fields.");
        }

        bool allow;
        switch (fields[0])
        {
            case "A" or "OA" or "XA" or "ZA":
                allow = true;
                break;
            case "D" or "OD" or "XD":
                allow = false;
                break;
            case "AU" or "AL" or "OU" or "OL" or "ML" or "RA" or "SP" or "XU":
                return null;
            default:
                throw new FormatException($"SDDL '{sddl}': unknown ACE type '{fields[0]}'.");
        }

        var flags = Tokens(fields[1], sddl, "ACE flag");
        foreach (var flag in flags)
        {
            if (flag is not ("OI" or "CI" or "NP" or "IO" or "ID" or "SA" or "FA" or "TP" or "CR"))
            {
                throw new FormatException($"SDDL '{sddl}': unknown ACE flag '{flag}'.");
            }
        }

        return new AccessEntry(Sid(fields[5], sddl), allow, Mask(fields[2], sddl), flags.Contains("IO"), flags.Contains("OI") || flags.Contains("CI"));
    }

    private static uint Mask(string rights, string sddl)
    {
        if (rights.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                // Convert.ToUInt32(value, 16) accepts the 0x prefix.
                return Convert.ToUInt32(rights, 16);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw new FormatException($"SDDL '{sddl}': '{rights}' is not a hexadecimal access mask.", ex);
            }
        }

        if (rights.Length > 0 && rights.All(char.IsDigit))
        {
            return uint.Parse(rights, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        uint mask = 0;
        foreach (var token in Tokens(rights, sddl, "access right"))
        {
            mask |= Rights.TryGetValue(token, out var value) ? value : throw new FormatException($"SDDL '{sddl}': unknown access right '{token}'.");
        }

        return mask;
    }

    private static List<string> Tokens(string value, string sddl, string what)
    {
        if (value.Length % 2 != 0)
        {
            throw new FormatException($"SDDL '{sddl}': '{value}' is not a list of two-letter {what} codes.");
        }

        var tokens = new List<string>();
        for (var i = 0; i < value.Length; i += 2)
        {
            tokens.Add(value.Substring(i, 2));
        }

        return tokens;
    }

    private static string Sid(string value, string sddl) =>
        value.StartsWith("S-", StringComparison.OrdinalIgnoreCase) ? value.ToUpperInvariant()
        : SidAliases.TryGetValue(value, out var sid) ? sid
        : value.Length == 2 && value.All(char.IsUpper) ? value
        : throw new FormatException($"SDDL '{sddl}': '{value}' is neither a SID string nor a SID alias.");
}
