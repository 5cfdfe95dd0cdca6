using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.State;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// An import of exactly this bundle already finished on this server: a rerun (a scheduled task run twice, the console
/// action pressed again) has nothing to do and says so, instead of reporting the replay refusal as a failure.
/// </summary>
/// <param name="BundleFolder">The bundle folder given to this rerun.</param>
/// <param name="BundleId">The bundle id, the same as the last accepted one's.</param>
/// <param name="Sequence">The sequence, the same as the last accepted one's.</param>
/// <param name="ManifestSha256">The SHA-256 of the signed manifest bytes, the same as the last accepted one's.</param>
/// <param name="FinishedAtUtc">When that import's journal recorded the run as finished.</param>
public sealed record FinishedImport(string BundleFolder, string BundleId, long Sequence, string ManifestSha256, DateTimeOffset FinishedAtUtc)
{
    public string Message => string.Format(CultureInfo.InvariantCulture,
        "Bundle {0} (sequence {1}) in {2} was already imported on {3:yyyy-MM-dd HH:mm} UTC; nothing to do.",
        BundleId, Sequence, BundleFolder, FinishedAtUtc.UtcDateTime);

    /// <summary>
    /// The finished import that <paramref name="verification"/> refused as a replay only because it is that very
    /// bundle; null for every other refusal. The replay check itself is not weakened: the bundle must have passed the
    /// signature and trusted-signer checks (a <see cref="VerificationFailureKind.SequenceReplayed"/> refusal comes
    /// after them), and its bundle id, sequence AND the SHA-256 of its signed manifest must equal the last accepted
    /// bundle recorded in <c>state.json</c>, and an import journal of that manifest (the current one, or one set
    /// aside by a later run) must say the run finished. Content files are not hashed again: nothing will be written.
    /// </summary>
    public static FinishedImport? Find(string bundleFolder, string stateFolder, AcceptedBundle? lastAccepted, BundleVerificationResult verification)
    {
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        _ = verification ?? throw new ArgumentNullException(nameof(verification));
        if (verification.Failure != VerificationFailureKind.SequenceReplayed || lastAccepted is null || verification.Summary is not { } summary
            || summary.ManifestSha256 is null
            || !string.Equals(summary.BundleId, lastAccepted.BundleId, StringComparison.Ordinal)
            || summary.Sequence != lastAccepted.Sequence
            || !string.Equals(summary.ManifestSha256, lastAccepted.ManifestSha256, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var finished = WorkflowJournal.PeekHistory(WorkflowJournalFiles.ImportJournal(stateFolder))
            .Where(j => j.Workflow == WorkflowJournalFiles.ImportWorkflowName
                        && string.Equals(j.RunKey, lastAccepted.ManifestSha256, StringComparison.OrdinalIgnoreCase))
            .Select(j => j.FinishedEntry)
            .Where(e => e is not null)
            .Select(e => e!.AtUtc)
            .DefaultIfEmpty()
            .Max();
        return finished == default
            ? null
            : new FinishedImport(bundleFolder, summary.BundleId, summary.Sequence, summary.ManifestSha256, finished);
    }
}
