namespace CMDisconnectedSync.Signing;

/// <summary>The certificate thumbprints whose signatures the disconnected side accepts.</summary>
public sealed class TrustedSigners
{
    private readonly Dictionary<string, SignerIdentity> _signers;

    public TrustedSigners(IEnumerable<SignerIdentity> signers)
    {
        _ = signers ?? throw new ArgumentNullException(nameof(signers));
        _signers = new Dictionary<string, SignerIdentity>(StringComparer.OrdinalIgnoreCase);
        foreach (var signer in signers)
        {
            var thumbprint = NormalizeThumbprint(signer.Thumbprint);
            _signers[thumbprint] = signer with { Thumbprint = thumbprint };
        }
    }

    public static TrustedSigners None { get; } = new([]);

    public IReadOnlyList<SignerIdentity> Signers =>
        _signers.Values.OrderBy(s => s.Thumbprint, StringComparer.Ordinal).ToList();

    public bool Contains(string thumbprint) => _signers.ContainsKey(NormalizeThumbprint(thumbprint));

    public TrustedSigners With(SignerIdentity signer) => new(Signers.Append(signer));

    /// <summary>Uppercase hex without spaces or colons (accepts the forms certmgr and openssl print).</summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        _ = thumbprint ?? throw new ArgumentNullException(nameof(thumbprint));
        var chars = thumbprint.Where(c => c is not (' ' or ':' or '\u200E')).ToArray();
        return new string(chars).ToUpperInvariant();
    }

    /// <summary>True for 40 hex digits (SHA-1 thumbprint) after normalization.</summary>
    public static bool IsThumbprint(string value)
    {
        var normalized = NormalizeThumbprint(value);
        return normalized.Length == 40 && normalized.All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'F'));
    }
}
