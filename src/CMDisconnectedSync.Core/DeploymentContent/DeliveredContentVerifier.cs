using CMDisconnectedSync.DeploymentContent.Authenticode;

namespace CMDisconnectedSync.DeploymentContent;

/// <summary>
/// The second anchor on import (issue 18, item 5): our bundle signature proves who exported a file, not that Microsoft
/// published it, so a file poisoned before export arrives with a valid signature and a matching SHA-256. Each carried
/// deployment file is therefore checked again on this side against what the site itself said: its size and Microsoft's
/// digest (<c>SMS_CIContentFiles.FileSize</c> and <c>FileHash</c> as the site's own kept request lists them), then, for
/// the types Microsoft signs (.cab, .exe, .msu, .msi, .dll), its embedded Authenticode signature. Counts what it saw,
/// so the outcome can say how many signatures were verified and how many could not be read offline.
/// </summary>
public sealed class DeliveredContentVerifier
{
    private readonly IAuthenticodeVerifier? _authenticode;
    private readonly MicrosoftDigestVerifier _digests = new();

    /// <param name="authenticode">
    /// The signature check (<see cref="OfflineAuthenticodeVerifier"/> everywhere; WinVerifyTrust on Windows); null skips it.
    /// </param>
    public DeliveredContentVerifier(IAuthenticodeVerifier? authenticode)
    {
        _authenticode = authenticode;
    }

    /// <summary>Files whose size and Microsoft digest matched.</summary>
    public int DigestsMatched { get; private set; }

    /// <summary>Files whose embedded Authenticode signature verified.</summary>
    public int SignaturesValid { get; private set; }

    /// <summary>Files of a signed type whose signature this check cannot read (an .msi offline, a file that is not a PE or cabinet).</summary>
    public int SignaturesNotChecked { get; private set; }

    /// <summary>
    /// Checks the file at <paramref name="path"/> against <paramref name="expected"/> (the site's own request entry).
    /// Throws <see cref="MicrosoftFileDigestFormatException"/>, <see cref="ContentSizeMismatchException"/>,
    /// <see cref="MicrosoftDigestMismatchException"/> or <see cref="AuthenticodeVerificationException"/>, each naming the
    /// update and the file.
    /// </summary>
    public async Task VerifyAsync(ContentRequestFile expected, string path, CancellationToken cancellationToken)
    {
        _ = expected ?? throw new ArgumentNullException(nameof(expected));
        var label = DeploymentContentUnavailableException.Describe(expected);
        var digest = MicrosoftFileDigest.Parse(expected.FileHash, label);
        var length = new FileInfo(path).Length;
        if (length != expected.FileSize)
        {
            throw new ContentSizeMismatchException(label, path, expected.FileSize, length);
        }

        await _digests.VerifyFileAsync(path, digest, label, cancellationToken).ConfigureAwait(false);
        DigestsMatched++;
        if (_authenticode is null || !OfflineAuthenticodeVerifier.IsSignableExtension(expected.FileName))
        {
            return;
        }

        var check = _authenticode.Verify(path);
        switch (check.Status)
        {
            case AuthenticodeStatus.Valid:
                SignaturesValid++;
                break;
            case AuthenticodeStatus.NotChecked:
                SignaturesNotChecked++;
                break;
            default:
                throw new AuthenticodeVerificationException(label, check);
        }
    }
}
