using System.Globalization;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Paths;

/// <summary>
/// Decides whether a bundle-relative path (always <c>/</c>-separated) can be written under a destination root on
/// Windows and Linux without escaping it, aliasing another entry, or hitting a device. Pure string rules
/// (<see cref="Check(string)"/>, <see cref="CheckAll"/>) plus file-system rules for links
/// (<see cref="CheckNoReparsePoints"/>).
/// </summary>
public sealed class BundlePathValidator
{
    /// <summary>
    /// The longest bundle-relative path accepted, in UTF-16 code units. Windows without long-path support allows
    /// MAX_PATH = 260 including the terminating NUL, so 259 characters. While a file is written its name carries
    /// <see cref="IO.HashingFileCopier.PartialSuffix"/> (16 characters), leaving 243 for destination root + entry;
    /// 200 keeps 43 characters for the root: <c>D:\WSUS\WsusContent\</c> is 20, a bundle's
    /// <c>E:\Transfer\bundle-0005\volume-001\parts\</c> 41 (a part also gets <c>.000</c>, within the suffix's
    /// room). WSUS content paths are <c>&lt;2 hex&gt;/&lt;40 hex&gt;.&lt;ext&gt;</c>, about 48 characters, so
    /// nothing WSUS writes comes near it. Source: Microsoft Learn, "Maximum Path Length Limitation"
    /// (https://learn.microsoft.com/windows/win32/fileio/maximum-file-path-limitation).
    /// </summary>
    public const int MaxEntryLength = 200;

    /// <summary>
    /// The longest segment NTFS can store: 255 UTF-16 code units per name component (same source,
    /// <c>lpMaximumComponentLength</c> of GetVolumeInformation, 255 on NTFS and exFAT).
    /// </summary>
    public const int MaxSegmentLength = 255;

    // Reserved DOS device names. Source: Microsoft Learn, "Naming Files, Paths, and Namespaces"
    // (https://learn.microsoft.com/windows/win32/fileio/naming-a-file#naming-conventions), which also lists the
    // superscript-digit COM/LPT forms and COM0/LPT0, and forbids names ending in a space or period; CONIN$/CONOUT$
    // are the console names of CreateFile (learn.microsoft.com/windows/win32/api/fileapi/nf-fileapi-createfilea#consoles).
    // COM0/LPT0 may never be assigned in practice (golang/go#67245), but rejecting them costs nothing.
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM\u00B9", "COM\u00B2", "COM\u00B3",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    private static readonly char[] ForbiddenCharacters = ['<', '>', '"', '|', '?', '*'];

    /// <summary>Returns the first rule <paramref name="entry"/> breaks, or null when it is safe.</summary>
    public PathViolation? Check(string entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return new PathViolation(entry ?? string.Empty, PathRule.EmptySegment, "the path is empty.");
        }

        if (entry.StartsWith("//", StringComparison.Ordinal) || entry.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return new PathViolation(entry, PathRule.Unc, "UNC and device paths point outside the destination; entries must be relative.");
        }

        if (entry.IndexOfAny(['\\']) >= 0)
        {
            return new PathViolation(entry, PathRule.Backslash, "bundle paths use '/' only; a '\\' is read differently on Windows and Linux.");
        }

        if (entry[0] == '/')
        {
            return new PathViolation(entry, PathRule.Rooted, "the path is rooted; entries must be relative to the content root.");
        }

        if (entry.Length >= 2 && entry[1] == ':' && IsAsciiLetter(entry[0]))
        {
            return new PathViolation(entry, PathRule.DriveLetter, "the path starts with a drive letter; entries must be relative.");
        }

        if (entry.IndexOfAny([':']) >= 0)
        {
            return new PathViolation(entry, PathRule.AlternateDataStream, "':' names an NTFS alternate data stream, which can hide data.");
        }

        foreach (var c in entry)
        {
            if (c < 0x20 || c == 0x7F || Array.IndexOf(ForbiddenCharacters, c) >= 0)
            {
                return new PathViolation(entry, PathRule.InvalidCharacter, $"character U+{(int)c:X4} is not allowed in Windows file names.");
            }
        }

        foreach (var segment in entry.Split('/'))
        {
            var violation = CheckSegment(entry, segment);
            if (violation is not null)
            {
                return violation;
            }
        }

        if (entry.Length > MaxEntryLength)
        {
            return new PathViolation(entry, PathRule.TooLong, string.Format(CultureInfo.InvariantCulture,
                "the path is {0} characters; at most {1} are accepted so that WsusContent plus the path stays within the 260-character Windows path limit while it is written. Content this deep is not WSUS content; leave it out of the export.",
                entry.Length, MaxEntryLength));
        }

        return null;
    }

    /// <summary>
    /// Checks every entry and also that no two differ only in case. Returns all violations in input order
    /// (empty when everything is safe).
    /// </summary>
    public IReadOnlyList<PathViolation> CheckAll(IEnumerable<string> entries)
    {
        _ = entries ?? throw new ArgumentNullException(nameof(entries));
        var violations = new List<PathViolation>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var violation = Check(entry);
            if (violation is not null)
            {
                violations.Add(violation);
                continue;
            }

            if (seen.TryGetValue(entry, out var first))
            {
                violations.Add(new PathViolation(
                    entry,
                    PathRule.DuplicateIgnoringCase,
                    string.Equals(first, entry, StringComparison.Ordinal)
                        ? "the same path is listed twice."
                        : $"it differs from '{first}' only in letter case; on NTFS one would overwrite the other."));
                continue;
            }

            seen.Add(entry, entry);
        }

        return violations;
    }

    /// <summary>Throws <see cref="UnsafePathException"/> for the first violation in <paramref name="entries"/>.</summary>
    public void EnsureAllSafe(IEnumerable<string> entries)
    {
        var violations = CheckAll(entries);
        if (violations.Count > 0)
        {
            throw violations[0].ToException();
        }
    }

    /// <summary>
    /// Walks from <paramref name="root"/> down to <paramref name="entry"/> and rejects any existing folder or file
    /// on the way that is a symbolic link, junction or other reparse point (it could redirect writes elsewhere).
    /// The root itself is the admin's choice and is not judged.
    /// </summary>
    public PathViolation? CheckNoReparsePoints(string root, string entry) => CheckNoReparsePointsBelow(root, entry, entry);

    /// <summary>
    /// As <see cref="CheckNoReparsePoints(string, string)"/> for the part <paramref name="relative"/> of an entry
    /// whose folders the caller already checked; violations name the whole <paramref name="entry"/>.
    /// </summary>
    internal PathViolation? CheckNoReparsePointsBelow(string root, string relative, string entry)
    {
        _ = root ?? throw new ArgumentNullException(nameof(root));
        _ = relative ?? throw new ArgumentNullException(nameof(relative));
        _ = entry ?? throw new ArgumentNullException(nameof(entry));
        var current = root;
        foreach (var segment in relative.Split('/'))
        {
            current = Path.Combine(current, segment);
            FileAttributes attributes;
            try
            {
                attributes = File.GetAttributes(current);
            }
            catch (FileNotFoundException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }

            if ((attributes & FileAttributes.ReparsePoint) != 0)
            {
                return new PathViolation(entry, PathRule.ReparsePoint,
                    $"'{current}' is a symbolic link, junction or reparse point; replace it with a real folder or file and retry.");
            }
        }

        return null;
    }

    private static PathViolation? CheckSegment(string entry, string segment)
    {
        if (segment.Length == 0)
        {
            return new PathViolation(entry, PathRule.EmptySegment, "the path has an empty segment ('//' or a trailing '/').");
        }

        if (segment is "." or "..")
        {
            return new PathViolation(entry, PathRule.DotSegment, $"the segment '{segment}' could climb out of the destination.");
        }

        var last = segment[segment.Length - 1];
        if (last is '.' or ' ')
        {
            return new PathViolation(entry, PathRule.TrailingDotOrSpace,
                $"the segment '{segment}' ends in a dot or space, which Windows strips, so two names would map to one file.");
        }

        var dot = segment.IndexOf('.');
        var stem = (dot < 0 ? segment : segment.Substring(0, dot)).TrimEnd(' ');
        if (ReservedNames.Contains(stem))
        {
            return new PathViolation(entry, PathRule.ReservedDeviceName,
                $"'{segment}' is a reserved Windows device name; writing it would open the device '{stem}', not a file.");
        }

        if (segment.Length > MaxSegmentLength)
        {
            return new PathViolation(entry, PathRule.TooLong, string.Format(CultureInfo.InvariantCulture,
                "a segment is {0} characters; NTFS allows at most {1} per name, so the install would fail halfway.", segment.Length, MaxSegmentLength));
        }

        if (IsShortNameAlias(segment))
        {
            return new PathViolation(entry, PathRule.ShortNameAlias,
                $"'{segment}' has the form of an NTFS 8.3 short name ('~' and digits); where short names are enabled it would resolve to another, long-named file that the manifest does not list.");
        }

        if (segment.EndsWith(HashingFileCopier.PartialSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return new PathViolation(entry, PathRule.TemporaryFileName,
                $"'{segment}' ends in '{HashingFileCopier.PartialSuffix}', cmdsync's own unfinished-copy suffix; the next import would delete it as a leftover.");
        }

        return null;
    }

    /// <summary>
    /// True when a '~' followed by one or more ASCII digits ends the base name, i.e. is followed by a '.' or the
    /// end of the segment (<c>LONGNA~1.CAB</c>, <c>PROGRA~1</c>, <c>X~12</c>): the shape of the 8.3 aliases NTFS
    /// generates (Microsoft Learn, "Naming Files, Paths, and Namespaces", short vs. long names). WSUS content
    /// names (<c>&lt;2 hex&gt;/&lt;40 hex&gt;.&lt;ext&gt;</c>) and the metadata names never contain '~'.
    /// </summary>
    private static bool IsShortNameAlias(string segment)
    {
        for (var tilde = segment.IndexOf('~'); tilde >= 0; tilde = segment.IndexOf('~', tilde + 1))
        {
            var end = tilde + 1;
            while (end < segment.Length && segment[end] is >= '0' and <= '9')
            {
                end++;
            }

            if (end > tilde + 1 && (end == segment.Length || segment[end] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
