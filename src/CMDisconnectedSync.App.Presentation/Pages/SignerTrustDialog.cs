using System.Globalization;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>How the typed thumbprint compares with the certificate's.</summary>
public enum ThumbprintMatch
{
    Empty,

    /// <summary>A prefix of the right thumbprint: keep typing.</summary>
    Incomplete,

    /// <summary>Not the certificate's thumbprint: the bundle may not come from the export server.</summary>
    Mismatch,
    Matches,
}

/// <summary>
/// "Trust this certificate…" for a bundle refused because its signer is not trusted: shows the certificate, and trusts
/// it only after the admin typed the thumbprint they read on the export server (an out-of-band comparison, so a bundle
/// from anyone else cannot talk its way in), then the wizard verifies the bundle again.
/// </summary>
public sealed class SignerTrustDialog : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly TimeProvider _clock;
    private string _typed = string.Empty;

    public SignerTrustDialog(IDisconnectedSyncOperations operations, string bundlePath, SignerCertificate certificate, TimeProvider clock)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        BundlePath = bundlePath ?? throw new ArgumentNullException(nameof(bundlePath));
        Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Details = Describe(certificate, clock);
    }

    public static string Title => "Trust this certificate";

    public string BundlePath { get; }

    public SignerCertificate Certificate { get; }

    /// <summary>Subject, issuer, thumbprint, validity and days left.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; }

    public static string Instructions =>
        "Trust a certificate only after matching it with the export server. There, read the thumbprint of the certificate that signs "
        + "the bundles (printed by 'cmdsync keys new', on the export wizard's summary as \"Signed by\", or in certmgr under Details > Thumbprint), "
        + "or have its administrator read it to you, and type it below. Spaces and colons are ignored. Once trusted, every bundle "
        + "this certificate signs is accepted here; the change is logged.";

    /// <summary>Why this certificate cannot be trusted now (expired or not yet valid); null when it can.</summary>
    public string? ValidityProblem
    {
        get
        {
            var now = _clock.GetUtcNow();
            if (now > Certificate.NotAfterUtc)
            {
                return $"This certificate expired on {DisplayFormat.Time(Certificate.NotAfterUtc, _clock)}: bundles it signs are refused even when "
                       + "it is trusted. Ask the export server's administrator to sign with a current certificate and export again.";
            }

            return now < Certificate.NotBeforeUtc
                ? $"This certificate is valid only from {DisplayFormat.Time(Certificate.NotBeforeUtc, _clock)}. Check this server's clock, "
                  + "or ask the export server's administrator why the certificate is dated in the future."
                : null;
        }
    }

    public string TypedThumbprint
    {
        get => _typed;
        set
        {
            _typed = value ?? string.Empty;
            Error = null;
            RaiseChanged();
        }
    }

    public ThumbprintMatch Match
    {
        get
        {
            var typed = SignerCertificate.NormalizeThumbprint(_typed);
            var actual = SignerCertificate.NormalizeThumbprint(Certificate.Thumbprint);
            return typed.Length == 0 ? ThumbprintMatch.Empty
                : typed == actual ? ThumbprintMatch.Matches
                : typed.Length < actual.Length && actual.StartsWith(typed, StringComparison.Ordinal) ? ThumbprintMatch.Incomplete
                : ThumbprintMatch.Mismatch;
        }
    }

    /// <summary>One line under the text box, saying what the typed value means.</summary>
    public string MatchText => Match switch
    {
        ThumbprintMatch.Empty => "Type the thumbprint as shown on the export server (40 hexadecimal digits).",
        ThumbprintMatch.Incomplete => string.Format(CultureInfo.CurrentCulture, "{0} of 40 digits match so far.", SignerCertificate.NormalizeThumbprint(_typed).Length),
        ThumbprintMatch.Mismatch => "This is NOT the thumbprint of the certificate that signed the bundle. Do not trust it: the bundle may not come "
                                    + "from your export server. Check the value with the export server's administrator.",
        _ => "The thumbprint matches the certificate that signed this bundle.",
    };

    public bool IsBusy { get; private set; }

    /// <summary>Why trusting failed (not elevated, state folder unwritable…), naming the fix.</summary>
    public string? Error { get; private set; }

    public SignerTrustResult? Result { get; private set; }

    public bool CanTrust => Match == ThumbprintMatch.Matches && ValidityProblem is null && !IsBusy && Result is null;

    /// <summary>Adds the certificate to the trusted signers; on success <see cref="Result"/> says where and the dialog closes.</summary>
    public async Task TrustAsync(CancellationToken cancellationToken)
    {
        if (!CanTrust)
        {
            return;
        }

        IsBusy = true;
        Error = null;
        RaiseChanged();
        Error = await FailureOfAsync(async () =>
        {
            Result = await _operations.TrustSignerAsync(BundlePath, SignerCertificate.NormalizeThumbprint(_typed), cancellationToken);
        }, "Trusting the certificate was cancelled; nothing was changed.");
        IsBusy = false;
        RaiseChanged();
    }

    /// <summary>The certificate as label/value pairs (also shown on the verification page of a refused bundle).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(SignerCertificate certificate, TimeProvider clock)
    {
        _ = certificate ?? throw new ArgumentNullException(nameof(certificate));
        _ = clock ?? throw new ArgumentNullException(nameof(clock));
        var now = clock.GetUtcNow();
        var days = certificate.DaysLeft(now);
        var left = now > certificate.NotAfterUtc
            ? string.Format(CultureInfo.CurrentCulture, "expired {0:N0} day(s) ago", -days)
            : now < certificate.NotBeforeUtc
                ? "not valid yet"
                : string.Format(CultureInfo.CurrentCulture, "{0:N0} day(s)", days) + (days <= 30 ? " (expires soon)" : string.Empty);
        return
        [
            new("Certificate subject", certificate.Subject),
            new("Issued by", certificate.Issuer == certificate.Subject ? "itself (self-signed)" : certificate.Issuer),
            new("Thumbprint", certificate.GroupedThumbprint),
            new("Valid from", DisplayFormat.Time(certificate.NotBeforeUtc, clock)),
            new("Valid until", DisplayFormat.Time(certificate.NotAfterUtc, clock)),
            new("Days left", left),
        ];
    }
}
