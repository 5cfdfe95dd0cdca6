using System.Globalization;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The SHA-1 a WsusContent file's name promises: WSUS stores each update file as <c>&lt;XX&gt;\&lt;SHA-1 hex&gt;.&lt;ext&gt;</c>,
/// the folder being the last byte of the SHA-1 in two upper-case hex digits.
/// </summary>
/// <remarks>
/// Sources (field, not a Microsoft specification; doctor row <c>wsus.content.fileNames</c> samples a real WsusContent):
/// <list type="bullet">
/// <item>Patch My PC KB "Associating a missing cab file to an Update" (PatchMyPCTeam/kbs.patchmypc.com@26969497
/// configmgr/common-issues-and-error-codes/missing-cab-update.md): PatchDownloader.log <c>Contentsource =
/// http://sus01…:8530/Content/F5/316611FD021A120AE9FC6A3534A56DF7656F61F5.cab</c> and <c>…/Content/51/F2186E…9F3351.cab</c>,
/// and SUSDB <c>tbFile.FileDigest</c> (VARBINARY(20)) matched by <c>CONVERT(VARBINARY(20), &lt;name without .cab&gt;, 2)</c>: the
/// name is the hex of the SHA-1 file digest, the folder its last byte. WSUS's IIS <c>Content</c> virtual directory is the
/// WsusContent folder (same KB repository, sccm-update-download-error-0x80070191.md).</item>
/// <item>Alsid, "WSUSpendu" (Black Hat USA 2017) §3.3: files go to <c>&lt;WSUS ROOT&gt;\WsusContent\&lt;XX&gt;\&lt;SHA1&gt;.exe</c>, XX being
/// the last byte, in hex, of the file's SHA-1.</item>
/// <item>Microsoft's microsoft/update-server-server-sync@e63f20dd FileSystemContentStore.GetContentDirectoryName: the
/// directory is the digest's last byte.</item>
/// </list>
/// A name that does not follow the pattern (e.g. other files an admin left there) carries no digest: <see cref="TryRead"/>
/// returns null and callers treat the file as unanchored rather than guess.
/// </remarks>
public static class WsusContentNameDigest
{
    /// <summary>
    /// The SHA-1 a WsusContent-relative path (<c>F5/3166…61F5.cab</c> or with backslashes) promises, or null when the
    /// path does not follow the naming (wrong depth, not 40 hex digits, folder not the digest's last byte).
    /// </summary>
    public static MicrosoftFileDigest? TryRead(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return null;
        }

        var parts = relativePath.Replace('\\', '/').Split('/');
        if (parts.Length != 2 || parts[0].Length != 2)
        {
            return null;
        }

        var name = parts[1];
        var dot = name.IndexOf('.');
        var stem = dot < 0 ? name : name.Substring(0, dot);
        if (stem.Length != 40 || !MicrosoftFileDigest.TryParse(stem, out var digest) || digest is null)
        {
            return null;
        }

        var lastByte = digest.Value[MicrosoftFileDigest.Sha1Length - 1];
        return byte.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var folder) && folder == lastByte
            ? digest
            : null;
    }

    /// <summary>The WsusContent-relative path WSUS uses for a file with this SHA-1 and extension (e.g. ".cab").</summary>
    public static string PathFor(MicrosoftFileDigest sha1, string extension)
    {
        _ = sha1 ?? throw new ArgumentNullException(nameof(sha1));
        if (sha1.Algorithm != MicrosoftDigestAlgorithm.Sha1)
        {
            throw new ArgumentException("WsusContent names files by their SHA-1.", nameof(sha1));
        }

        var hex = sha1.Hex;
        return $"{hex.Substring(38, 2)}/{hex}{extension}";
    }

    /// <summary>
    /// Checks a WsusContent file's bytes against the SHA-1 its name promises. Returns null when the name carries no digest
    /// (nothing to check), otherwise whether it matched.
    /// </summary>
    public static async Task<bool?> CheckAsync(string relativePath, Stream content, CancellationToken cancellationToken)
    {
        if (TryRead(relativePath) is not { } expected)
        {
            return null;
        }

        var actual = await MicrosoftFileDigest.ComputeAsync(content, MicrosoftDigestAlgorithm.Sha1, cancellationToken).ConfigureAwait(false);
        return actual.Equals(expected);
    }
}
