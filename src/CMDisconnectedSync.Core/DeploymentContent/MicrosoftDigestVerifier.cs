namespace CMDisconnectedSync.DeploymentContent;

/// <summary>Checks a stream or file against Microsoft's digest of it.</summary>
public sealed class MicrosoftDigestVerifier
{
    /// <summary>Reads <paramref name="stream"/> to its end; returns the digest computed with the expected one's algorithm.</summary>
    public async Task<MicrosoftFileDigest> ComputeAsync(Stream stream, MicrosoftFileDigest expected, CancellationToken cancellationToken)
    {
        _ = expected ?? throw new ArgumentNullException(nameof(expected));
        return await MicrosoftFileDigest.ComputeAsync(stream, expected.Algorithm, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the stream's bytes have <paramref name="expected"/>.</summary>
    public async Task<bool> MatchesAsync(Stream stream, MicrosoftFileDigest expected, CancellationToken cancellationToken) =>
        (await ComputeAsync(stream, expected, cancellationToken).ConfigureAwait(false)).Equals(expected);

    /// <summary>Throws <see cref="MicrosoftDigestMismatchException"/> naming <paramref name="label"/> when the file differs.</summary>
    public async Task VerifyFileAsync(string path, MicrosoftFileDigest expected, string label, CancellationToken cancellationToken)
    {
        _ = expected ?? throw new ArgumentNullException(nameof(expected));
        var actual = await MicrosoftFileDigest.ComputeFileAsync(path, expected.Algorithm, cancellationToken).ConfigureAwait(false);
        if (!actual.Equals(expected))
        {
            throw new MicrosoftDigestMismatchException(label, path, expected, actual);
        }
    }
}
