using System.Globalization;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Progress;
using CMDisconnectedSync.Progress;

namespace CMDisconnectedSync.App.Presentation.Pages;

/// <summary>
/// The import's verification page: who signed the bundle, its sequence and file counts, and, for a refused bundle,
/// the reason in red with no way forward. While the bundle is hashed (minutes for a 100 GB bundle on USB) it shows
/// bytes, rate and time left, and Cancel stops the hashing and stays on the page (issue 17).
/// </summary>
public sealed class VerificationPage : ObservablePresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly TimeProvider _clock;
    private readonly TransferRateMeter _meter;
    private CancellationTokenSource? _cancellation;

    /// <param name="operations">Verifies the bundle.</param>
    /// <param name="clock">Its time zone formats dates; its now counts a certificate's days left; it drives the rate/ETA meter.</param>
    public VerificationPage(IDisconnectedSyncOperations operations, TimeProvider? clock = null)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _clock = clock ?? TimeProvider.System;
        _meter = new TransferRateMeter(_clock);
    }

    /// <summary>The bundle last verified (or being verified).</summary>
    public string? BundlePath { get; private set; }

    /// <summary>
    /// The certificate of a bundle refused only because its signer is not trusted here: the page shows it and offers
    /// "Trust this certificate…" (<see cref="SignerTrustDialog"/>). Null otherwise.
    /// </summary>
    public SignerCertificate? UntrustedSigner => IsRunning ? null : Result?.UntrustedSigner;

    public bool IsRunning { get; private set; }

    /// <summary>Cancel was asked for; the hashing stops after the files in flight.</summary>
    public bool IsCancelling { get; private set; }

    /// <summary>0–100 of the bytes hashed; null before the first report (the view shows a marquee).</summary>
    public int? Percent { get; private set; }

    /// <summary>"1.2 GB of 3.4 GB (53 of 214 files)" while hashing; empty otherwise.</summary>
    public string BytesText { get; private set; } = string.Empty;

    public string RateText { get; private set; } = string.Empty;

    public string RemainingText { get; private set; } = string.Empty;

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
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _cancellation = cancellation;
        IsRunning = true;
        BundlePath = bundlePath;
        IsCancelling = false;
        Result = null;
        Error = null;
        Notice = null;
        Details = [];
        Percent = null;
        BytesText = RateText = RemainingText = string.Empty;
        _meter.Reset();
        RaiseChanged();
        // Progress<T> posts to this (UI) thread's synchronization context, so Apply never races the view.
        var progress = new Progress<TransferProgress>(Apply);
        // "?? Error": a refusal the call itself reported stays on screen.
        Error = await FailureOfAsync(async () =>
        {
            var result = await _operations.VerifyBundleAsync(bundlePath, progress, cancellation.Token);
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
        }, "Verification was cancelled: nothing was written. Select Back and Next to verify again.") ?? Error;

        _cancellation = null;
        IsRunning = false;
        IsCancelling = false;
        RateText = RemainingText = string.Empty;
        RaiseChanged();
    }

    /// <summary>Stops a running verification (the page stays, saying it was cancelled). False when none is running.</summary>
    public bool RequestCancel()
    {
        if (!IsRunning || _cancellation is null)
        {
            return false;
        }

        IsCancelling = true;
        RaiseChanged();
        _cancellation.Cancel();
        return true;
    }

    /// <summary>Applies one hashing report (on the UI thread through <see cref="Progress{T}"/>; public for tests).</summary>
    public void Apply(TransferProgress report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        if (!IsRunning || report.BytesTotal <= 0)
        {
            return;
        }

        var done = Math.Min(report.BytesDone, report.BytesTotal);
        Percent = (int)(done * 100 / report.BytesTotal);
        BytesText = $"{DisplayFormat.Bytes(done)} of {DisplayFormat.Bytes(report.BytesTotal)}"
                    + string.Format(CultureInfo.CurrentCulture, " ({0:N0} of {1:N0} files)", report.FilesDone, report.FilesTotal);
        var rate = _meter.Sample(done, report.BytesTotal);
        RateText = rate is { BytesPerSecond: > 0 } ? DisplayFormat.Rate(rate.BytesPerSecond) : string.Empty;
        RemainingText = rate.Remaining is { } left ? DisplayFormat.Duration(left) + " left" : string.Empty;
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
        .. summary.DeploymentContentFiles > 0
            ? [new KeyValuePair<string, string>("Deployment content", string.Format(CultureInfo.CurrentCulture,
                "{0:N0} files ({1}) for this site's content request; the next page puts them into a deployment package",
                summary.DeploymentContentFiles, DisplayFormat.Bytes(summary.DeploymentContentBytes)))]
            : Array.Empty<KeyValuePair<string, string>>(),
    ];
}
