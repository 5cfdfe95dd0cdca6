using System.Diagnostics;
using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Lab;
using CMDisconnectedSync.Workflows;

namespace CMDisconnectedSync.Cli.Demo;

/// <summary>
/// Prints what an admin would see during <c>cmdsync demo</c>: each workflow step as it finishes (with duration, and
/// bytes and rate for the steps that move files), the live ConfigMgr sync states, and each round's summary.
/// Presentation only: every number comes from the workflows' own reports and outcomes.
/// </summary>
internal sealed class DemoNarrator
{
    private readonly TextWriter _out;
    private readonly object _gate = new();
    private readonly Stopwatch _stepWatch = new();
    private readonly List<int> _syncStates = [];
    private long _stepBytes;
    private int _stepFiles;

    public DemoNarrator(TextWriter output) => _out = output;

    /// <summary>Progress sinks for one workflow run; reports are printed synchronously, in the order they happen.</summary>
    public WorkflowProgress ProgressFor(string side) => new(
        new Inline<StepReport>(report => OnStep(side, report)),
        new Inline<TransferProgress>(OnTransfer),
        new Inline<SyncProgress>(OnSync));

    public void Line(string text = "") => _out.WriteLine(text);

    public void Banner(string text)
    {
        Line();
        Line(text);
        Line(new string('-', Math.Min(text.Length, 100)));
    }

    public void LabCreated(LabEnvironment lab, LabContentSpec spec, string wsusUtilPath, int files, long bytes, TimeSpan elapsed)
    {
        Line("  Lab folder          " + lab.Root);
        Line(string.Format(CultureInfo.InvariantCulture, "  Export server       {0}: generated WsusContent, {1} files ({2} of them license terms), {3} in {4}",
            LabEnvironment.ExportServerName, files, spec.LicenseTermsFiles, Bytes(bytes), Seconds(elapsed)));
        Line("  Disconnected server " + LabEnvironment.DisconnectedServerName + ": empty WsusContent, not a replica, same languages (en) and express setting");
        Line("  ConfigMgr site      " + LabEnvironment.SiteCode + " (SMS Provider " + LabEnvironment.DisconnectedServerName + "), sync source: do not synchronize");
        Line("  Signing certificate " + lab.Signer + " (lab PFX " + lab.SigningPfxPath + "), trusted on the disconnected side");
        Line("  wsusutil            " + wsusUtilPath + " (lab stand-in for WsusUtil.exe, run as a child process)");
    }

    public void ExportDone(ExportOutcome export, TimeSpan duration)
    {
        if (!export.Succeeded)
        {
            Line("  EXPORT FAILED at " + export.Failure!.Step + ": " + export.Failure.Message);
            return;
        }

        Line(string.Format(CultureInfo.InvariantCulture, "  Bundle     {0}", export.BundleFolder));
        Line(string.Format(CultureInfo.InvariantCulture, "  Sequence   {0}{1}", export.Sequence,
            export.BaseSequence is { } b ? " (delta against sequence " + b.ToString(CultureInfo.InvariantCulture) + ")" : " (full)"));
        Line(string.Format(CultureInfo.InvariantCulture, "  Files      {0} new or changed ({1}), {2} unchanged left out, {3}",
            export.Files, Bytes(export.Bytes), export.UnchangedFiles,
            export.VolumeCount > 1 ? export.VolumeCount.ToString(CultureInfo.InvariantCulture) + " volumes" : "one folder (not split into volumes)"));
        Line("  Signer     " + export.Signer);
        if (export.DeploymentContentFiles > 0)
        {
            Line(string.Format(CultureInfo.InvariantCulture, "  Deployment {0} requested update files ({1}) fetched, each matched Microsoft's digest before it entered the bundle",
                export.DeploymentContentFiles, Bytes(export.DeploymentContentBytes)));
        }

        Line("  Metadata   wsusutil: " + FirstLine(export.WsusUtilMessage));
        Line(string.Format(CultureInfo.InvariantCulture, "  Export took {0} ({1})", Seconds(duration), Rate(export.Bytes, duration)));
    }

    public void Verified(BundleVerificationResult verification)
    {
        if (!verification.Succeeded)
        {
            Line("  REFUSED (" + verification.Failure + "): " + verification.Cause);
            return;
        }

        var summary = verification.Summary!;
        Line(string.Format(CultureInfo.InvariantCulture, "  Verified: signed by {0}, sequence {1}, {2} files ({3}){4} match their SHA-256, all paths safe",
            summary.Signer, summary.Sequence, summary.Files, Bytes(summary.Bytes),
            summary.DeploymentContentFiles > 0
                ? string.Format(CultureInfo.InvariantCulture, " and {0} deployment content files ({1})", summary.DeploymentContentFiles, Bytes(summary.DeploymentContentBytes))
                : string.Empty));
    }

    public void ImportDone(ImportOutcome import, TimeSpan duration, LabContentComparison? content)
    {
        if (!import.Succeeded)
        {
            Line("  IMPORT FAILED at " + import.Failure!.Step + ": " + import.Failure.Message);
        }

        Line(string.Format(CultureInfo.InvariantCulture, "  Content    {0} files copied ({1}), {2} already present; import took {3} ({4})",
            import.FilesCopied, Bytes(import.BytesCopied), import.FilesAlreadyPresent, Seconds(duration), Rate(import.BytesCopied, duration)));
        Line("  Metadata   wsusutil: " + FirstLine(import.WsusUtilMessage));
        if (import.Sync is { } sync)
        {
            Line(string.Format(CultureInfo.InvariantCulture, "  Sync       {0}: {1} -> {2} after {3}",
                sync.SoftwareUpdatePoint.ServerName, DescribeSyncStates(), sync.Kind, Seconds(sync.Elapsed)));
        }
        else if (import.SyncMessage is { } message)
        {
            Line("  Sync       " + message);
        }

        if (content is not null)
        {
            Line(content.Identical
                ? string.Format(CultureInfo.InvariantCulture, "  Check      WsusContent byte-identical on both servers ({0} files, {1}, SHA-256 each)", content.Files, Bytes(content.Bytes))
                : string.Format(CultureInfo.InvariantCulture, "  CHECK FAILED: WsusContent differs in {0} places, e.g. {1}", content.Differences.Count, content.Differences[0]));
        }
    }

    /// <summary>The site's content request for the deployment content round.</summary>
    public void ContentRequested(DeploymentContent.ContentRequest request, string group, string path)
    {
        Line(string.Format(CultureInfo.InvariantCulture, "  Request    site {0} asks for {1} update files ({2}) of group '{3}' -> {4} (kept in its state folder for the import)",
            request.SiteCode, request.Files.Count, Bytes(request.Files.Sum(f => f.FileSize)), group, path));
    }

    /// <summary>The import's deployment content step and the byte-for-byte check of the package.</summary>
    public void PackageFilled(ImportOutcome import, LabPackageComparison? package)
    {
        // The step's journal detail: package, files, bytes, checks and distribution, in the import's own words.
        if (import.DeploymentContentMessage is { } message)
        {
            Line("  Package    " + message);
        }

        if (package is not null)
        {
            Line(package.Identical
                ? string.Format(CultureInfo.InvariantCulture, "  Check      the package holds every requested file byte-identical to Microsoft's (lab) download ({0} files, {1})", package.Files, Bytes(package.Bytes))
                : string.Format(CultureInfo.InvariantCulture, "  CHECK FAILED: the deployment package differs in {0} places, e.g. {1}", package.Differences.Count,
                    package.Differences.Count > 0 ? package.Differences[0] : "no file was requested"));
        }
    }

    public void NextSteps(CategoryChanges? changes, IReadOnlyList<UpdateCategory> subscribed)
    {
        if (changes is null)
        {
            Line("  Next steps: none computed (no site).");
            return;
        }

        Line(string.Format(CultureInfo.InvariantCulture, "  Next steps: {0} new products and classifications since the last import ({1} can be subscribed)",
            changes.NewCategories.Count, changes.Subscribable.Count));
        foreach (var group in changes.Groups)
        {
            Line("    " + group.Title);
            foreach (var category in group.Categories)
            {
                Line("      [" + (category.IsSubscribed ? "x" : category.AllowSubscription ? " " : "-") + "] " + category.Name);
            }
        }

        if (subscribed.Count > 0)
        {
            Line(string.Format(CultureInfo.InvariantCulture, "  Subscribed {0} of them, as the admin would on the Next steps page.", subscribed.Count));
        }
    }

    private void OnStep(string side, StepReport report)
    {
        lock (_gate)
        {
            if (report.Outcome == StepOutcome.Running)
            {
                _stepWatch.Restart();
                _stepBytes = 0;
                _stepFiles = 0;
                if (report.Name == ImportWorkflow.SyncStep)
                {
                    _syncStates.Clear();
                }

                return;
            }

            var elapsed = _stepWatch.Elapsed;
            var moved = _stepBytes > 0
                ? string.Format(CultureInfo.InvariantCulture, ", {0} files, {1}, {2}", _stepFiles, Bytes(_stepBytes), Rate(_stepBytes, elapsed))
                : string.Empty;
            var outcome = report.Outcome switch
            {
                StepOutcome.Completed => "done",
                StepOutcome.AlreadyDone => "already done (resumed)",
                StepOutcome.Failed => "FAILED",
                StepOutcome.Cancelled => "cancelled",
                _ => report.Outcome.ToString(),
            };
            var detail = string.IsNullOrWhiteSpace(report.Detail) || report.Name == ExportWorkflow.WsusUtilStep ? string.Empty : ": " + report.Detail;
            Line(string.Format(CultureInfo.InvariantCulture, "  {0} [{1}/{2}] {3} ... {4} in {5}{6}{7}",
                side, report.Index, report.Count, report.Title, outcome, Seconds(elapsed), moved, detail));
        }
    }

    private void OnTransfer(TransferProgress progress)
    {
        lock (_gate)
        {
            _stepBytes = Math.Max(_stepBytes, progress.BytesDone);
            _stepFiles = Math.Max(_stepFiles, progress.FilesDone);
        }
    }

    private void OnSync(SyncProgress progress)
    {
        lock (_gate)
        {
            if (progress.Status is { } status && progress.IsAfterTrigger && (_syncStates.Count == 0 || _syncStates[_syncStates.Count - 1] != status.StateMessageId))
            {
                _syncStates.Add(status.StateMessageId);
            }
        }
    }

    private string DescribeSyncStates()
    {
        lock (_gate)
        {
            return "SMS_SUPSyncStatus " + string.Join(" -> ", _syncStates.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string FirstLine(string? text) => text is null ? "(no message)" : text.Split('\n')[0].Trim();

    internal static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB";

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Rate(long bytes, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 0 ? "n/a" : Bytes((long)(bytes / elapsed.TotalSeconds)) + "/s";

    /// <summary>An <see cref="IProgress{T}"/> that handles each report on the reporting thread, at once.</summary>
    private sealed class Inline<T>(Action<T> handle) : IProgress<T>
    {
        public void Report(T value) => handle(value);
    }
}
