namespace CMDisconnectedSync.App.Presentation.Operations;

/// <summary>
/// The certificate embedded in a bundle's signature (<c>manifest.json.p7s</c>), as the admin compares it with the
/// export server's: the fields certmgr shows on its General and Details tabs.
/// </summary>
/// <param name="Subject">Subject distinguished name.</param>
/// <param name="Issuer">Issuer distinguished name (the subject again for a self-signed certificate).</param>
/// <param name="Thumbprint">SHA-1 thumbprint, 40 upper-case hex digits (what trusted-signers.txt records).</param>
/// <param name="NotBeforeUtc">Valid from.</param>
/// <param name="NotAfterUtc">Valid until: after this the verifier refuses the signer's bundles even when trusted.</param>
public sealed record SignerCertificate(string Subject, string Issuer, string Thumbprint, DateTimeOffset NotBeforeUtc, DateTimeOffset NotAfterUtc)
{
    /// <summary>Whole days until <see cref="NotAfterUtc"/> (negative once expired).</summary>
    public int DaysLeft(DateTimeOffset now) => (int)Math.Floor((NotAfterUtc - now).TotalDays);

    public bool IsValidAt(DateTimeOffset now) => now >= NotBeforeUtc && now <= NotAfterUtc;

    /// <summary>The thumbprint in groups of four, as it is easiest to read aloud and compare: <c>3A5F 0C9E …</c>.</summary>
    public string GroupedThumbprint =>
        string.Join(" ", Enumerable.Range(0, (Thumbprint.Length + 3) / 4).Select(i => Thumbprint.Substring(i * 4, Math.Min(4, Thumbprint.Length - (i * 4)))));

    /// <summary>
    /// Upper-case hex without the separators certmgr, openssl and this page print (spaces, colons, the invisible
    /// left-to-right mark certmgr copies); mirrors Core's <c>TrustedSigners.NormalizeThumbprint</c>.
    /// </summary>
    public static string NormalizeThumbprint(string? typed) =>
        new string((typed ?? string.Empty).Where(c => c is not (' ' or ':' or '-' or '\u200E' or '\t' or '\r' or '\n')).ToArray()).ToUpperInvariant();
}

/// <summary>What "Trust this certificate…" did.</summary>
/// <param name="Certificate">The certificate now trusted.</param>
/// <param name="TrustedSignersFile">The <c>trusted-signers.txt</c> it was added to.</param>
/// <param name="LogPath">The log that records the trust change.</param>
public sealed record SignerTrustResult(SignerCertificate Certificate, string TrustedSignersFile, string LogPath);
