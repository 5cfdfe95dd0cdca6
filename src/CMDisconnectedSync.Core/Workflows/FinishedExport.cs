using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.IO;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The output folder of an export already holds the bundle of a finished export run: a rerun of the same command
/// must not be told to "resume", and must not run wsusutil only to fail on the full folder.
/// </summary>
/// <param name="BundleFolder">The output folder (full path).</param>
/// <param name="BundleId">The id in the folder's manifest.</param>
/// <param name="Sequence">The sequence in the folder's manifest.</param>
/// <param name="ManifestSha256">The SHA-256 of the folder's manifest, as the finished run's journal recorded it.</param>
/// <param name="FinishedAtUtc">When that export's journal recorded the run as finished.</param>
public sealed record FinishedExport(string BundleFolder, string BundleId, long Sequence, string ManifestSha256, DateTimeOffset FinishedAtUtc)
{
    public string Message => string.Format(CultureInfo.InvariantCulture,
        "An export already finished in {0} (bundle {1}, sequence {2}, {3:yyyy-MM-dd HH:mm} UTC). Carry it across, or choose a new --out folder for the next export.",
        BundleFolder, BundleId, Sequence, FinishedAtUtc.UtcDateTime);

    /// <summary>
    /// The finished export whose bundle is in <paramref name="bundleFolder"/>, or null: the folder's manifest must be
    /// the one an export journal of this state folder (current, or set aside by a later run) recorded when its run for
    /// this same folder finished. A bundle copied in from elsewhere, or a half-written one, is not a finished export.
    /// </summary>
    public static async Task<FinishedExport?> FindAsync(string bundleFolder, string stateFolder, CancellationToken cancellationToken)
    {
        _ = bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder));
        _ = stateFolder ?? throw new ArgumentNullException(nameof(stateFolder));
        var manifestPath = BundleManifestLocator.TryFind(bundleFolder);
        if (manifestPath is null)
        {
            return null;
        }

        var bytes = await Task.Run(() => File.ReadAllBytes(manifestPath), cancellationToken).ConfigureAwait(false);
        var sha256 = Sha256Hex.OfBytes(bytes);
        var folder = Path.GetFullPath(bundleFolder);
        var finished = WorkflowJournal.PeekHistory(WorkflowJournalFiles.ExportJournal(stateFolder))
            .Where(j => j.Workflow == WorkflowJournalFiles.ExportWorkflowName && ExportWorkflow.IsRunKeyFor(j.RunKey, folder))
            .Select(j => j.FinishedEntry)
            .FirstOrDefault(e => e is not null && string.Equals(e.Detail, sha256, StringComparison.OrdinalIgnoreCase));
        if (finished is null)
        {
            return null;
        }

        var manifest = ManifestSerializer.Deserialize(bytes, manifestPath);
        return new FinishedExport(folder, manifest.BundleId, manifest.Sequence, sha256, finished.AtUtc);
    }
}
