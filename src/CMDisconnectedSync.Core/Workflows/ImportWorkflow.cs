using System.Globalization;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.ConfigMgr;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus;
using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The import, end to end (issue 5): verify the bundle → preflight → (site) snapshot the update categories →
/// copy content into WsusContent BEFORE the metadata import → wsusutil import of a local copy of the package →
/// record the accepted sequence → (site) check the sync source, SyncNow and wait → the new products and
/// classifications. Verification and preflight run on every attempt and refuse before WsusContent is touched;
/// the other steps are journaled (run key: the manifest's SHA-256), so rerunning the same command resumes.
/// </summary>
/// <remarks>
/// Issue 17/20: the bundle's content is hashed once per run, after the cheap checks (signature, signer, sequence, files
/// present with their sizes) and the preflight, so a server without WSUS or room stops before a 100 GB bundle is read.
/// A content verification is reused, not repeated, when its stamp still matches (<see cref="ContentVerification"/>):
/// one made earlier in the same session (<see cref="ImportRequest.VerifiedContent"/>, the wizard's Verification page)
/// or one recorded in the journal by an earlier attempt of this run (resume). The copy hashes every byte it writes and
/// renames a file into place only when it matches, so a file altered behind an unchanged size and time is still refused.
/// </remarks>
public sealed class ImportWorkflow
{
    public const string VerifyGate = "verify";
    public const string PreflightGate = "preflight";

    /// <summary>The content hashes (after the preflight); journaled as the run's content verification once the journal opens.</summary>
    public const string ContentGate = "verify-content";

    public const string SnapshotStep = "snapshot-categories";
    public const string CopyStep = "copy-content";
    public const string WsusUtilStep = "wsusutil-import";
    public const string RecordStep = "record-accepted";
    public const string SyncStep = "configmgr-sync";
    public const string NextStepsStep = "next-steps";

    /// <summary>Deployment content into a deployment package (issue 18), last: the site must know the updates first.</summary>
    public const string DeploymentContentStep = "deployment-content";

    /// <summary>The staging folder under the state folder when <see cref="DeploymentContentImport.StagingFolder"/> is not given.</summary>
    public const string DeploymentStagingFolderName = "deployment-content-staging";

    private const int GateCount = 3;
    private const string VerifyTitle = "Check the bundle (signature, signer, sequence, files)";
    private const string PreflightTitle = "Preflight checks";
    private const string ContentTitle = "Verify every file's SHA-256";

    /// <summary>The gates every import passes before its journaled steps, with the titles its progress reports.</summary>
    public static IReadOnlyList<(string Name, string Title)> Gates { get; } =
        [(VerifyGate, VerifyTitle), (PreflightGate, PreflightTitle), (ContentGate, ContentTitle)];
    private readonly WorkflowServices _services;
    private readonly ILogger _logger;

    public ImportWorkflow(WorkflowServices services)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _logger = services.Logger.ForContext<ImportWorkflow>();
    }

    /// <summary>The journaled steps for this composition (ConfigMgr steps only when a site is configured).</summary>
    public IReadOnlyList<(string Name, string Title)> StepsFor(ImportRequest request)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var steps = new List<(string, string)>();
        if (_services.Site is not null)
        {
            steps.Add((SnapshotStep, "Snapshot the site's products and classifications"));
        }

        steps.Add((CopyStep, "Copy content into WsusContent"));
        steps.Add((WsusUtilStep, "Import WSUS metadata (wsusutil import)"));
        steps.Add((RecordStep, "Record the accepted sequence"));
        if (_services.Site is not null && request.SyncAfterImport)
        {
            steps.Add((SyncStep, "ConfigMgr software update sync"));
            steps.Add((NextStepsStep, "Find new products and classifications"));
        }

        if (_services.Site is not null && request.DeploymentContent is not null)
        {
            steps.Add((DeploymentContentStep, "Add deployment content to the deployment package"));
        }

        return steps;
    }

    /// <summary><c>--what-if</c>: verification, preflight, files and bytes to copy, steps; nothing is changed.</summary>
    public async Task<ImportPlan> PlanAsync(ImportRequest request, IProgress<TransferProgress>? verifyProgress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        var store = new DisconnectedStateStore(request.StateFolder, _services.Clock, _services.StateFolders);
        var (check, _, alreadyImported) = await CheckAsync(request, store, cancellationToken).ConfigureAwait(false);
        var verification = check.Refusal ?? await _services.Verifier.VerifyContentAsync(check, ReusableVerification(request, check), verifyProgress, cancellationToken).ConfigureAwait(false);
        if (MissingRollbackReason(request) is { } invalid)
        {
            return new ImportPlan { BundleFolder = request.BundleFolder, Verification = verification, Failure = invalid };
        }

        if (alreadyImported is not null)
        {
            return new ImportPlan { BundleFolder = request.BundleFolder, Verification = verification, AlreadyImported = alreadyImported };
        }

        if (verification.Bundle is not { } bundle)
        {
            return new ImportPlan { BundleFolder = request.BundleFolder, Verification = verification, Failure = Rejected(verification) };
        }

        var lookup = _services.Wsus.LocateInstallation();
        var contentRoot = lookup.Installation?.ContentDirectory;
        var (toCopy, bytes) = contentRoot is null ? (bundle.Manifest.Files.Count, bundle.Manifest.Files.Sum(f => f.Size)) : PendingCopies(bundle.Manifest, contentRoot);
        var preflight = await RunPreflightAsync(request, bundle.Manifest, bundle.ManifestSha256, bytes, cancellationToken).ConfigureAwait(false);
        var journal = WorkflowJournal.Peek(WorkflowJournalFiles.ImportJournal(request.StateFolder));
        var failure = lookup.Installation is null ? NotInstalled(lookup)
            : preflight.HasFailures ? PreflightFailure(preflight) : null;
        return new ImportPlan
        {
            BundleFolder = request.BundleFolder,
            Verification = verification,
            WsusContentFolder = contentRoot,
            FilesToCopy = toCopy,
            BytesToCopy = bytes,
            FilesAlreadyPresent = bundle.Manifest.Files.Count - toCopy,
            Preflight = preflight,
            Failure = failure,
            Steps = StepsFor(request).Select(s => new PlannedStep(s.Name, s.Title,
                journal is not null && journal.RunKey == bundle.ManifestSha256 && journal.IsCompleted(s.Name))).ToList(),
        };
    }

    /// <summary>
    /// The import preflight for a bundle already verified moments ago (the wizard's Verification page): the same checks
    /// <see cref="PlanAsync"/> runs, without hashing the bundle again. The run itself still verifies everything.
    /// </summary>
    public Task<PreflightReport> PreflightAsync(ImportRequest request, VerifiedBundle bundle, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        _ = bundle ?? throw new ArgumentNullException(nameof(bundle));
        var contentRoot = _services.Wsus.LocateInstallation().Installation?.ContentDirectory;
        var bytes = contentRoot is null ? bundle.Manifest.Files.Sum(f => f.Size) : PendingCopies(bundle.Manifest, contentRoot).Bytes;
        return RunPreflightAsync(request, bundle.Manifest, bundle.ManifestSha256, bytes, cancellationToken);
    }

    /// <summary>Runs (or resumes) the import. Failures come back in <see cref="ImportOutcome.Failure"/>; cancellation throws.</summary>
    public async Task<ImportOutcome> RunAsync(ImportRequest request, WorkflowProgress? progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        progress ??= WorkflowProgress.None;
        var journalPath = WorkflowJournalFiles.ImportJournal(request.StateFolder);
        var steps = StepsFor(request);
        var numbering = new StepNumbering(progress.Steps, GateCount, steps.Count);
        var run = new Run(this, request, progress, journalPath);
        WorkflowJournal? journal = null;
        var gate = VerifyGate;
        var lastRun = new LastRunWriter(request.StateFolder, WorkflowJournalFiles.ImportWorkflowName, request.BundleFolder, _services.Clock, _logger,
            [.. Gates, .. steps]);
        try
        {
            if (MissingRollbackReason(request) is { } invalid)
            {
                throw new WorkflowFailedException(invalid);
            }

            if (request.DeploymentContent is not null && _services.Site is null)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.InvalidRequest, VerifyGate,
                    "Importing deployment content into a package needs the ConfigMgr site: give --site-server <SMS Provider server> (or run where the ConfigMgr console last connected to the site). Nothing was run."));
            }

            // First use creates the state folder protected (SYSTEM and Administrators only); a folder or state file a
            // non-administrator can change (trusted-signers.txt, state.json, the journal) is refused before it is read.
            new StateFolderGuard(_services.StateFolders).Prepare(request.StateFolder);
            // Held for the whole run: a second import of this state folder (a scheduled task while an admin runs one)
            // would resume this run's live journal and run wsusutil beside it.
            using var held = StateFolderLock.Acquire(request.StateFolder, WorkflowJournalFiles.ImportWorkflowName, _services.Clock);
            // A wsusutil an earlier, killed run started may still be running: never start a second one beside it (issue 19).
            await EarlierWsusUtilGuard.EnsureNoneRunningAsync(journalPath, WorkflowJournalFiles.ImportWorkflowName, _services.Processes,
                request.WaitForEarlierWsusUtil, _logger, cancellationToken).ConfigureAwait(false);
            StateFolderLeftovers.Sweep(request.StateFolder, WorkflowJournalFiles.ImportWorkflowName, _services.Clock, _logger);
            await lastRun.StartedAsync().ConfigureAwait(false);
            var store = new DisconnectedStateStore(request.StateFolder, _services.Clock, _services.StateFolders);
            numbering.Gate(1, VerifyGate, VerifyTitle, StepOutcome.Running);
            var (check, resuming, alreadyImported) = await CheckAsync(request, store, cancellationToken).ConfigureAwait(false);
            run.Summary = check.Summary;
            if (alreadyImported is not null)
            {
                // A rerun of a finished import (scheduled task run twice, console action pressed again): not a failure.
                numbering.Gate(1, VerifyGate, VerifyTitle, StepOutcome.AlreadyDone, alreadyImported.Message);
                _logger.Information("{Message}", alreadyImported.Message);
                await lastRun.RestoreAsync().ConfigureAwait(false);
                return run.ToOutcome(null) with { ManifestSha256 = alreadyImported.ManifestSha256, Accepted = true, AlreadyImported = alreadyImported };
            }

            if (check.Refusal is { } refusal)
            {
                numbering.Gate(1, VerifyGate, VerifyTitle, StepOutcome.Failed, refusal.Cause);
                throw new WorkflowFailedException(Rejected(refusal));
            }

            var manifest = check.Manifest!;
            numbering.Gate(1, VerifyGate, VerifyTitle, StepOutcome.Completed, $"signed by {check.Summary!.Signer}, sequence {manifest.Sequence}");
            if (request.AllowRollback)
            {
                _logger.Warning("Rollback/replay check overridden for {Bundle} (sequence {Sequence}): {Reason}", request.BundleFolder, manifest.Sequence, request.RollbackReason);
            }

            var lookup = _services.Wsus.LocateInstallation();
            if (lookup.Installation is not { } installation)
            {
                throw new WorkflowFailedException(NotInstalled(lookup));
            }

            run.ContentRoot = installation.ContentDirectory;
            gate = PreflightGate;
            numbering.Gate(2, PreflightGate, PreflightTitle, StepOutcome.Running);
            var (_, bytesToCopy) = PendingCopies(manifest, run.ContentRoot);
            run.Preflight = await RunPreflightAsync(request, manifest, check.ManifestSha256!, bytesToCopy, cancellationToken).ConfigureAwait(false);
            if (run.Preflight.HasFailures)
            {
                numbering.Gate(2, PreflightGate, PreflightTitle, StepOutcome.Failed);
                throw new WorkflowFailedException(PreflightFailure(run.Preflight));
            }

            numbering.Gate(2, PreflightGate, PreflightTitle, StepOutcome.Completed, run.Preflight.HasWarnings ? "passed with warnings" : "passed");

            // The content, hashed once per run (or not at all while an earlier verification of it still holds).
            gate = ContentGate;
            numbering.Gate(3, ContentGate, ContentTitle, StepOutcome.Running);
            var verification = await _services.Verifier.VerifyContentAsync(check, ReusableVerification(request, check), progress.Transfer, cancellationToken).ConfigureAwait(false);
            if (verification.Bundle is not { } bundle)
            {
                numbering.Gate(3, ContentGate, ContentTitle, StepOutcome.Failed, verification.Cause);
                throw new WorkflowFailedException(Rejected(verification) with { Step = ContentGate });
            }

            run.Bundle = bundle;
            numbering.Gate(3, ContentGate, ContentTitle, verification.ContentReused ? StepOutcome.AlreadyDone : StepOutcome.Completed,
                verification.ContentReused
                    ? "hashed earlier in this run; every file has the same size and last-write time since (the copy checks each hash again)"
                    : check.Summary!.DeploymentContentFiles > 0
                        ? $"{check.Summary.Files} WsusContent files and {check.Summary.DeploymentContentFiles} deployment content files match the manifest"
                        : $"{check.Summary.Files} files match the manifest");
            journal = WorkflowJournal.Open(journalPath, WorkflowJournalFiles.ImportWorkflowName, bundle.ManifestSha256, _services.Clock);
            if (journal.RecoveryNote is { } recovered)
            {
                _logger.Warning("{Recovery}", recovered);
            }

            // Recorded under this run's key (the manifest hash), so a resume reuses it while the files are unchanged.
            var content = verification.Content!.ToJournalDetail();
            if (journal.CompletionDetailOf(ContentGate) != content)
            {
                journal.MarkCompleted(ContentGate, content);
            }

            run.Journal = journal;
            run.ResumedSteps = steps.Where(s => journal.IsCompleted(s.Name)).Select(s => s.Name).ToList();
            _logger.Information("Import {Bundle}: sequence {Sequence}, manifest {Sha256}; journal {Journal}{Resume}",
                request.BundleFolder, bundle.Manifest.Sequence, bundle.ManifestSha256, journalPath,
                resuming || run.ResumedSteps.Count > 0 ? " (resuming after " + string.Join(", ", run.ResumedSteps) + ")" : string.Empty);

            await WorkflowRunner.RunAsync(journal, run.CreateSteps(steps), numbering.ForRunner(), cancellationToken).ConfigureAwait(false);
            // Staging goes before the journal says "finished": a kill in between must not leave it behind for good
            // (a rerun of a finished run stops before it reaches this line again).
            run.DeleteStaging();
            journal.MarkCompleted(WorkflowJournalFiles.RunFinishedEntry, bundle.ManifestSha256);
            await lastRun.EndedAsync(LastRunOutcome.Finished, null, null).ConfigureAwait(false);
            return run.ToOutcome(null);
        }
        catch (OperationCanceledException)
        {
            await lastRun.EndedAsync(LastRunOutcome.Cancelled, WorkflowErrors.CancelledStep(journal, gate), null).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (WorkflowErrors.Classify(ex, WorkflowErrors.FailedStep(journal, gate)) is { } failure)
        {
            _logger.Error("Import of {Bundle} stopped at {Step}: {Message}", request.BundleFolder, failure.Step, failure.Message);
            await lastRun.EndedAsync(LastRunOutcome.Failed, failure.Step, failure.Message).ConfigureAwait(false);
            return run.ToOutcome(failure);
        }
    }

    /// <summary>An override needs its reason before anything runs (the reason is only written to state.json at the end).</summary>
    private static WorkflowFailure? MissingRollbackReason(ImportRequest request) =>
        request.AllowRollback && string.IsNullOrWhiteSpace(request.RollbackReason)
            ? new WorkflowFailure(WorkflowFailureKind.InvalidRequest, VerifyGate,
                $"Importing '{request.BundleFolder}' with the rollback/replay check overridden needs a reason: give --reason \"why\" with --allow-rollback (it is logged and kept in state.json). Nothing was run.")
            : null;

    private static WorkflowFailure Rejected(BundleVerificationResult verification) =>
        new(WorkflowFailureKind.BundleRejected, VerifyGate, $"The bundle was refused ({verification.Failure}); nothing was written to WsusContent. {verification.Cause}")
        {
            Verification = verification,
        };

    private static WorkflowFailure NotInstalled(WsusInstallationLookup lookup) =>
        new(WorkflowFailureKind.WsusNotInstalled, PreflightGate, lookup.Problem + " Nothing was written.");

    private static WorkflowFailure PreflightFailure(PreflightReport report) =>
        new(WorkflowFailureKind.PreflightFailed, PreflightGate,
            "Preflight failed; nothing was written to WsusContent. " + string.Join(" ", report.Failures.Select(f => $"{f.Name}: {f.Detail} {f.FixHint}".Trim())))
        {
            Preflight = report,
        };

    /// <summary>Files of the bundle not yet in WsusContent with the same size (hashes are checked by the copy).</summary>
    private static (int Files, long Bytes) PendingCopies(BundleManifest manifest, string contentRoot)
    {
        var pending = manifest.Files.Where(f =>
        {
            var existing = new FileInfo(Path.Combine(contentRoot, f.Path.Replace('/', Path.DirectorySeparatorChar)));
            return !existing.Exists || existing.Length != f.Size;
        }).ToList();
        return (pending.Count, pending.Sum(f => f.Size));
    }

    /// <summary>
    /// Checks the bundle (all but the content hashes) against the trusted signers and the last accepted bundle. A
    /// bundle that was already accepted by an earlier, unfinished run of this same import (crash after recording, sync
    /// still to do) is checked again without the replay check so the run can finish; the very bundle of an import that
    /// finished is reported as <see cref="FinishedImport"/> (nothing to do); any other replay is refused.
    /// </summary>
    private async Task<(BundleCheck Check, bool ResumingAccepted, FinishedImport? AlreadyImported)> CheckAsync(
        ImportRequest request, DisconnectedStateStore store, CancellationToken cancellationToken)
    {
        var accepted = await store.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false);
        var last = accepted.LastAccepted;
        var trust = BundleTrustContext.For(store.LoadTrustedSigners(), accepted, request.AllowRollback);
        var check = await _services.Verifier.CheckAsync(request.BundleFolder, trust, cancellationToken).ConfigureAwait(false);
        if (check.Refusal?.Failure == VerificationFailureKind.SequenceReplayed && last is not null && check.Summary?.BundleId == last.BundleId)
        {
            var journal = WorkflowJournal.Peek(WorkflowJournalFiles.ImportJournal(request.StateFolder));
            if (journal is not null && journal.RunKey == last.ManifestSha256 && !journal.IsFinished)
            {
                _logger.Information("Bundle {Bundle} was accepted by an unfinished run of this import; resuming its remaining steps", request.BundleFolder);
                var again = await _services.Verifier.CheckAsync(request.BundleFolder, trust with { AllowRollback = true }, cancellationToken).ConfigureAwait(false);
                if (again.Passed && again.ManifestSha256 == last.ManifestSha256)
                {
                    return (again, true, null);
                }
            }
        }

        return (check, false, check.Refusal is { } refusal ? FinishedImport.Find(request.BundleFolder, request.StateFolder, last, refusal) : null);
    }

    /// <summary>
    /// An earlier verification of this bundle's content that may spare hashing it again: the one the caller made this
    /// session (<see cref="ImportRequest.VerifiedContent"/>), else the one an earlier attempt of this run recorded in the
    /// journal (same run key, the manifest hash). <see cref="BundleVerifier.VerifyContentAsync"/> reuses it only when its
    /// stamp equals the bundle's now.
    /// </summary>
    private static ContentVerification? ReusableVerification(ImportRequest request, BundleCheck check)
    {
        if (!check.Passed)
        {
            return null;
        }

        if (request.VerifiedContent is { } given && given.ManifestSha256 == check.ManifestSha256 && given.ContentStamp == check.ContentStamp)
        {
            return given;
        }

        var journal = WorkflowJournal.Peek(WorkflowJournalFiles.ImportJournal(request.StateFolder));
        return journal is not null && journal.RunKey == check.ManifestSha256
            ? ContentVerification.FromJournalDetail(check.ManifestSha256!, journal.Entries.LastOrDefault(e => e.Step == ContentGate && e.Event == JournalEvent.Completed)?.Detail)
            : null;
    }

    private Task<PreflightReport> RunPreflightAsync(ImportRequest request, BundleManifest manifest, string manifestSha256, long bytesToCopy, CancellationToken cancellationToken)
    {
        var source = manifest.Source;
        var allLanguages = source.Languages.Any(l => string.Equals(l, "all", StringComparison.OrdinalIgnoreCase));
        var exportSettings = new WsusSettings(allLanguages, allLanguages ? [] : source.Languages.OrderBy(l => l, StringComparer.Ordinal).ToList(), source.ExpressFiles, IsReplica: false);
        var checks = StandardPreflight.ForImport(_services.Elevation, _services.Wsus, _services.Volumes,
            new ImportPreflightOptions(exportSettings, bytesToCopy, request.MarginBytes)
            {
                MetadataPackageBytes = manifest.Metadata.Package.Size,
                WsusUtilPackagePath = Path.Combine(MetadataPackageStager.FolderFor(request.StateFolder, manifestSha256),
                    Path.GetFileName(manifest.Metadata.Package.Path.Replace('/', Path.DirectorySeparatorChar))),
            });
        return _services.Preflight.RunAsync(checks, cancellationToken);
    }

    /// <summary>The state of one run: what each step produced for the next.</summary>
    private sealed class Run(ImportWorkflow owner, ImportRequest request, WorkflowProgress progress, string journalPath)
    {
        public BundleSummary? Summary { get; set; }

        public VerifiedBundle? Bundle { get; set; }

        public string? ContentRoot { get; set; }

        public PreflightReport? Preflight { get; set; }

        public WorkflowJournal? Journal { get; set; }

        public List<string> ResumedSteps { get; set; } = [];

        private ContentInstallResult? Installed { get; set; }

        private WsusUtilResult? WsusUtil { get; set; }

        private SyncOutcome? Sync { get; set; }

        private CategoryChanges? NextSteps { get; set; }

        private bool Recorded { get; set; }

        private DeploymentContentOutcome? Deployed { get; set; }

        private ConfigMgrFollowUp FollowUp => new(owner._services.Site!, request.StateFolder, owner._services.SyncWaiter, owner._services.Clock, owner._services.Logger, owner._services.ImportServerNames);

        private string StagingFolder => MetadataPackageStager.FolderFor(request.StateFolder, Bundle!.ManifestSha256);

        public List<WorkflowStep> CreateSteps(IReadOnlyList<(string Name, string Title)> steps) =>
            steps.Select(s => new WorkflowStep(s.Name, s.Title, ActionFor(s.Name))).ToList();

        public void DeleteStaging()
        {
            if (Directory.Exists(StagingFolder))
            {
                Directory.Delete(StagingFolder, recursive: true);
            }
        }

        public ImportOutcome ToOutcome(WorkflowFailure? failure) => new()
        {
            BundleFolder = request.BundleFolder,
            Bundle = Summary,
            ManifestSha256 = Bundle?.ManifestSha256,
            FilesCopied = Installed?.Copied ?? 0,
            FilesAlreadyPresent = Installed?.AlreadyPresent ?? 0,
            BytesCopied = Installed?.BytesCopied ?? 0,
            WsusContentFolder = ContentRoot,
            WsusUtilLogPath = WsusUtil?.LogPath ?? failure?.WsusUtil?.LogPath ?? Journal?.CompletionDetailOf(WsusUtilStep),
            WsusUtilMessage = WsusUtil?.Message ?? failure?.WsusUtil?.Message,
            Accepted = Recorded || (Journal?.IsCompleted(RecordStep) ?? false),
            RollbackOverridden = Bundle?.RollbackOverridden ?? false,
            Sync = Sync ?? failure?.Sync,
            SyncMessage = Sync?.Message ?? failure?.Sync?.Message ?? Journal?.CompletionDetailOf(SyncStep),
            NextSteps = NextSteps,
            Preflight = Preflight,
            DeploymentContent = Deployed,
            DeploymentContentMessage = Journal?.CompletionDetailOf(DeploymentContentStep),
            ResumedSteps = ResumedSteps,
            JournalPath = journalPath,
            Failure = failure,
        };

        private Func<CancellationToken, Task<string?>> ActionFor(string step) => step switch
        {
            SnapshotStep => async ct => await FollowUp.SnapshotAsync(ct).ConfigureAwait(false),
            CopyStep => CopyContentAsync,
            WsusUtilStep => ImportMetadataAsync,
            RecordStep => RecordAsync,
            SyncStep => SyncAsync,
            NextStepsStep => FindNextStepsAsync,
            DeploymentContentStep => ImportDeploymentContentAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown import step."),
        };

        private async Task<string?> CopyContentAsync(CancellationToken cancellationToken)
        {
            try
            {
                Installed = await owner._services.Installer.InstallAsync(Bundle!, ContentRoot!, progress.Transfer, new CopyJournal(Journal!), cancellationToken).ConfigureAwait(false);
            }
            catch (BundleAlteredException ex)
            {
                // What was installed before the altered file still counts (filesCopied in the outcome and --json).
                Installed = ex.Partial;
                throw;
            }

            return string.Format(CultureInfo.InvariantCulture, "{0} files copied ({1} bytes), {2} already present",
                Installed.Copied, Installed.BytesCopied, Installed.AlreadyPresent);
        }

        private async Task<string?> ImportMetadataAsync(CancellationToken cancellationToken)
        {
            var package = await MetadataPackageStager.StageAsync(Bundle!, StagingFolder, cancellationToken).ConfigureAwait(false);
            var log = WsusMetadataFileNames.CreateUnique(StagingFolder, "import", owner._services.Clock).LogPath;
            using (WsusUtilStartJournal.Observe(Journal!, WsusUtilStep, owner._services.Processes))
            {
                WsusUtil = await owner._services.Wsus.ImportMetadataAsync(package, log, cancellationToken).ConfigureAwait(false);
            }

            if (!WsusUtil.Succeeded)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.WsusUtilFailed, WsusUtilStep,
                    WsusUtil.Message + " The content copy is complete and is not redone; rerun the same command to import again.") { WsusUtil = WsusUtil });
            }

            return WsusUtil.LogPath;
        }

        private async Task<string?> RecordAsync(CancellationToken cancellationToken)
        {
            var store = new DisconnectedStateStore(request.StateFolder, owner._services.Clock, owner._services.StateFolders);
            if ((await store.LoadAcceptedAsync(cancellationToken).ConfigureAwait(false)).LastAccepted is { } last
                && string.Equals(last.ManifestSha256, Bundle!.ManifestSha256, StringComparison.OrdinalIgnoreCase))
            {
                // The process ended after state.json was written but before the journal said so: already recorded.
                Recorded = true;
                return string.Format(CultureInfo.InvariantCulture, "sequence {0} was already recorded", last.Sequence);
            }

            var installed = Installed?.Installed ?? InstalledFromDisk();
            await store.RecordAcceptedAsync(Bundle!, installed, request.AllowRollback ? request.RollbackReason : null, cancellationToken).ConfigureAwait(false);
            Recorded = true;
            return string.Format(CultureInfo.InvariantCulture, "sequence {0} accepted", Bundle!.Manifest.Sequence);
        }

        /// <summary>The installed entries when the copy finished in an earlier run: the manifest's files as they are on disk now.</summary>
        private List<InventoryEntry> InstalledFromDisk() => Bundle!.Manifest.Files.Select(f => new InventoryEntry
        {
            Path = f.Path,
            Size = f.Size,
            Sha256 = f.Sha256,
            LastWriteUtc = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(ContentRoot!, f.Path.Replace('/', Path.DirectorySeparatorChar))), TimeSpan.Zero),
        }).ToList();

        private async Task<string?> SyncAsync(CancellationToken cancellationToken)
        {
            var syncRequest = new SyncRequest(FullSync: false, request.SyncTimeout, request.SyncPollInterval);
            Sync = await FollowUp.SyncAsync(SyncStep, syncRequest, progress.Sync, cancellationToken).ConfigureAwait(false);
            return Sync.Message;
        }

        private async Task<string?> FindNextStepsAsync(CancellationToken cancellationToken)
        {
            NextSteps = await FollowUp.NextStepsAsync(cancellationToken).ConfigureAwait(false);
            return string.Format(CultureInfo.InvariantCulture, "{0} new categories, {1} can be subscribed", NextSteps.NewCategories.Count, NextSteps.Subscribable.Count);
        }

        private async Task<string?> ImportDeploymentContentAsync(CancellationToken cancellationToken)
        {
            try
            {
                Deployed = await new DeploymentContentStepRunner(owner._services, request, Bundle!).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (DeploymentContentStepRunner.IsRefusal(ex))
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.DeploymentContentRefused, DeploymentContentStep,
                    ex.Message + " The metadata import stands; fix the cause and rerun the same command: only this step runs again.")
                {
                    DeploymentContentError = ex,
                });
            }

            return DeploymentContentStepRunner.Describe(Deployed);
        }
    }

    /// <summary>
    /// The copy step's committed batches in the import journal: each one a <see cref="JournalEvent.Started"/> line of the
    /// copy step whose detail starts with <see cref="Prefix"/> (the step is still running; <c>status</c> shows how far).
    /// </summary>
    private sealed class CopyJournal(WorkflowJournal journal) : IContentInstallJournal
    {
        private const string Prefix = "committed ";

        public IReadOnlyList<InstalledBatch> Recorded { get; } = journal.Entries
            .Where(e => e.Step == CopyStep && e.Event == JournalEvent.Started && e.Detail is not null && e.Detail.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(e => InstalledBatch.FromDetail(e.Detail!.Substring(Prefix.Length)))
            .Where(b => b is not null)
            .Select(b => b!)
            .ToList();

        public void Record(InstalledBatch batch) => journal.MarkStarted(CopyStep, Prefix + (batch ?? throw new ArgumentNullException(nameof(batch))).ToDetail());
    }
}
