namespace CMDisconnectedSync.Paths;

/// <summary>
/// The rules a relative path from a bundle must satisfy before anything is written under the destination
/// (design.md §3, issue 4 "Path safety"). Each rejection names the entry and one of these rules.
/// </summary>
public enum PathRule
{
    /// <summary>Empty or whitespace-only path, or an empty segment (<c>a//b</c>).</summary>
    EmptySegment,

    /// <summary>Uses <c>\</c>: bundles always separate with <c>/</c>, so a backslash is ambiguous between systems.</summary>
    Backslash,

    /// <summary>A <c>..</c> or <c>.</c> segment that could climb out of (or alias inside) the destination.</summary>
    DotSegment,

    /// <summary>Starts with <c>/</c>: rooted, not relative.</summary>
    Rooted,

    /// <summary>A drive letter such as <c>C:</c> at the start.</summary>
    DriveLetter,

    /// <summary>A UNC or device path (<c>//server/share</c>, <c>\\?\</c>).</summary>
    Unc,

    /// <summary>A <c>:</c> anywhere else: an NTFS alternate data stream (<c>file.cab:hidden</c>).</summary>
    AlternateDataStream,

    /// <summary>A segment named like a DOS device (CON, PRN, AUX, NUL, COM1–9, LPT1–9), with or without extension.</summary>
    ReservedDeviceName,

    /// <summary>A segment ending in <c>.</c> or space, which Windows silently strips (two names, one file).</summary>
    TrailingDotOrSpace,

    /// <summary>Control characters or characters Windows forbids in names (<c>&lt; &gt; " | ? *</c>).</summary>
    InvalidCharacter,

    /// <summary>Two entries that differ only in letter case: one would overwrite the other on NTFS.</summary>
    DuplicateIgnoringCase,

    /// <summary>A symbolic link, junction or other reparse point on the source or destination side.</summary>
    ReparsePoint,

    /// <summary>
    /// A segment shaped like an NTFS 8.3 short name (<c>LONGNA~1.CAB</c>, <c>PROGRA~1</c>): with short names enabled
    /// the volume resolves it to whichever long-named file owns that alias, a file the manifest never listed.
    /// </summary>
    ShortNameAlias,

    /// <summary>
    /// A segment ending in cmdsync's own temp suffix (<c>.cmdsync-partial</c>): it would be installed, then deleted
    /// by the next import's leftovers cleanup while the inventory still lists it.
    /// </summary>
    TemporaryFileName,

    /// <summary>
    /// A segment longer than NTFS allows (255 UTF-16 units) or a whole path longer than
    /// <see cref="BundlePathValidator.MaxEntryLength"/>: verify would pass and the install fail halfway.
    /// </summary>
    TooLong,

    /// <summary>
    /// A device, FIFO, socket or other non-plain file where a bundle or state file was expected: reading one never ends
    /// (<c>/dev/zero</c>) or blocks forever (a FIFO).
    /// </summary>
    NotRegularFile,
}
