using System.Globalization;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>
/// The import's verification page: who signed the bundle, its sequence and file counts, and, for a refused bundle,
/// the reason in red with no way forward.
/// </summary>
public sealed class VerificationPage : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly TimeProvider _clock;

    /// <param name="operations">Verifies the bundle.</param>
    /// <param name="clock">Its time zone formats dates; its now counts a certificate's days left.</param>
    public VerificationPage(IDisconnectedSyncOperations operations, TimeProvider? clock = null)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The bundle last verified (or being verified).</summary>
    public string? BundlePath { get; private set; }

    /// <summary>
    /// The certificate of a bundle refused only because its signer is not trusted here: the page shows it and offers
    /// "Trust this certificate…" (<see cref="SignerTrustDialog"/>). Null otherwise.
    /// </summary>
    public SignerCertificate? UntrustedSigner => IsRunning ? null : Result?.UntrustedSigner;

    public bool IsRunning { get; private set; }

    public BundleVerification? Result { get; private set; }

    /// <summary>The refusal reason, or why verification could not run.</summary>
    public string? Error { get; private set; }

    /// <summary>Not an error: the bundle was already imported by a finished run, so there is nothing to do.</summary>
    public string? Notice { get; private set; }

    public bool IsAccepted => !IsRunning && Error is null && Result is { IsAccepted: true };

    /// <summary>Label/value pairs of the manifest for the page's details grid.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Details { get; private set; } = [];

    public async Task VerifyAsync(string bundlePath, CancellationToken cancellationToken)
    {
        IsRunning = true;
        BundlePath = bundlePath;
        Result = null;
        Error = null;
        Notice = null;
        Details = [];
        RaiseChanged();
        // "?? Error": a refusal the call itself reported stays on screen.
        Error = await FailureOfAsync(async () =>
        {
            var result = await _operations.VerifyBundleAsync(bundlePath, cancellationToken);
            Result = result;
            Details = result.Summary is { } summary ? Describe(summary)
                : result.UntrustedSigner is { } certificate ? SignerTrustDialog.Describe(certificate, _clock)
                : [];
            if (result.AlreadyImported)
            {
                Notice = result.Cause;
            }
            else if (!result.IsAccepted)
            {
                var more = result.ProblemCount > 1
                    ? string.Format(CultureInfo.CurrentCulture, " ({0} more problem(s) in the log.)", result.ProblemCount - 1)
                    : string.Empty;
                Error = $"This bundle is refused and will not be imported: {result.Cause}{more}";
                if (result.UntrustedSigner is not null)
                {
                    Error += Environment.NewLine + Environment.NewLine + "The certificate that signed it is shown below. If it is your export server's, "
                             + "compare its thumbprint with the export side and select \"Trust this certificate…\"; the bundle is then verified again.";
                }
            }
        }, "Verification was cancelled.") ?? Error;

        IsRunning = false;
        RaiseChanged();
    }

    private List<KeyValuePair<string, string>> Describe(BundleSummary summary) =>
    [
        new("Signed by", summary.SignerSubject ?? "unknown (the signature could not be read)"),
        new("Signer thumbprint", summary.SignerThumbprint ?? "–"),
        new("Sequence", summary.Sequence.ToString(CultureInfo.CurrentCulture)
                        + (summary.BaseSequence is { } b ? $" (delta against {b.ToString(CultureInfo.CurrentCulture)})" : " (full)")),
        new("Exported from", summary.SourceServer),
        new("Created", DisplayFormat.Time(summary.CreatedAtUtc, _clock)),
        new("Files", string.Format(CultureInfo.CurrentCulture, "{0:N0} ({1:N0} new, {2:N0} changed)", summary.Files, summary.NewFiles, summary.ChangedFiles)),
        new("Size", DisplayFormat.Bytes(summary.Bytes)),
        new("Volumes", summary.VolumeCount.ToString(CultureInfo.CurrentCulture)),
        new("Bundle id", summary.BundleId),
    ];
}
