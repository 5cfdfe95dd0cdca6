using System.Globalization;
using System.Text.Json;
using CMDisconnectedSync.Bundles;
using CMDisconnectedSync.Delta;
using CMDisconnectedSync.DeploymentContent;
using CMDisconnectedSync.IO;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.State;
using CMDisconnectedSync.State.Protection;
using CMDisconnectedSync.Wsus;
using Serilog;

namespace CMDisconnectedSync.Workflows;

/// <summary>
/// The export, end to end (issue 5): preflight → wsusutil export into a staging folder beside the bundle →
/// content delta against the base (export chain, receipt or base bundle) → signed bundle → the export chain's new
/// head. Journaled per run (run key: bundle folder + sequence), so rerunning the same command after a crash or
/// cancel resumes: a finished wsusutil package is reused, a half-written bundle folder is cleared and rewritten.
/// </summary>
public sealed class ExportWorkflow
{
    public const string PreflightGate = "preflight";
    public const string WsusUtilStep = "wsusutil-export";
    public const string DeltaStep = "content-delta";
    public const string DeploymentContentStep = "deployment-content";
    public const string WriteStep = "write-bundle";
    public const string RecordStep = "record-export";

    /// <summary>Suffix of the staging folder beside the bundle that receives wsusutil's package and log.</summary>
    public const string StagingSuffix = ".wsusutil-staging";

    /// <summary>
    /// File in the staging folder holding the content inventory the bundle is built from, saved before the bundle is
    /// written, so a resumed record step records exactly that tree (never a rescan that may list files the bundle lacks).
    /// </summary>
    public const string ExportedInventoryFileName = "exported-inventory.json";

    /// <summary>Folder in the staging folder where requested deployment content is gathered and checked before the bundle is written.</summary>
    public const string DeploymentContentStagingFolderName = "deployment-content";

    private const string DeploymentContentTitle = "Gather the requested deployment content (each file checked against Microsoft's digest)";

    private static readonly (string Name, string Title)[] Steps =
    [
        (WsusUtilStep, "Export WSUS metadata (wsusutil export)"),
        (DeltaStep, "Compute the content delta"),
        (WriteStep, "Write the signed bundle"),
        (RecordStep, "Record the export in the export chain"),
    ];

    private readonly WorkflowServices _services;
    private readonly ILogger _logger;
    private readonly ExportBaseResolver _bases;

    /// <summary>The journaled steps in run order (after the preflight gate), so a progress view can list every step before it runs.</summary>
    public static IReadOnlyList<(string Name, string Title)> StepTitles => Steps;

    /// <summary>
    /// The journaled steps of <paramref name="request"/>: <see cref="StepTitles"/>, plus the deployment content step
    /// (after the delta, before the bundle is written) when it carries a content request.
    /// </summary>
    public static IReadOnlyList<(string Name, string Title)> StepTitlesFor(ExportRequest request) =>
        (request ?? throw new ArgumentNullException(nameof(request))).ContentRequest is null
            ? Steps
            : [Steps[0], Steps[1], (DeploymentContentStep, DeploymentContentTitle), Steps[2], Steps[3]];

    public ExportWorkflow(WorkflowServices services)
    {
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _logger = services.Logger.ForContext<ExportWorkflow>();
        _bases = new ExportBaseResolver(services.StateFolders);
    }

    /// <summary>The staging folder for wsusutil's output: a sibling of the bundle folder, never inside it.</summary>
    public static string StagingFolderFor(string bundleFolder) =>
        Path.GetFullPath(bundleFolder ?? throw new ArgumentNullException(nameof(bundleFolder))).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + StagingSuffix;

    /// <summary><c>--what-if</c>: the steps, files, bytes and preflight results of an export, changing nothing.</summary>
    public async Task<ExportPlan> PlanAsync(ExportRequest request, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        if (await FinishedExport.FindAsync(request.OutputFolder, request.StateFolder, cancellationToken).ConfigureAwait(false) is { } finished)
        {
            throw new WorkflowFailedException(AlreadyFinished(finished));
        }

        var exportBase = await _bases.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var contentRoot = RequireInstallation().ContentDirectory;
        var delta = await PlanDeltaAsync(contentRoot, exportBase, cancellationToken).ConfigureAwait(false);
        var preflight = await RunPreflightAsync(request, delta, cancellationToken).ConfigureAwait(false);
        var journal = WorkflowJournal.Peek(WorkflowJournalFiles.ExportJournal(request.StateFolder));
        var deployment = request.ContentRequest?.Files ?? [];
        var runKey = RunKey(request, exportBase.Sequence);
        return new ExportPlan
        {
            BundleFolder = Path.GetFullPath(request.OutputFolder),
            Sequence = exportBase.Sequence,
            BaseSequence = exportBase.Baseline?.Base?.Sequence,
            BaseDescription = exportBase.Description,
            Files = delta.Files.Count,
            Bytes = delta.Files.Sum(f => f.Size),
            UnchangedFiles = delta.UnchangedCount,
            Preflight = preflight,
            Signer = request.Signer.Identity.ToString(),
            DeploymentContentFiles = deployment.Count,
            DeploymentContentBytes = deployment.Sum(f => f.FileSize),
            Steps = StepTitlesFor(request).Select(s => new PlannedStep(s.Name, s.Title, journal is not null && journal.RunKey == runKey && journal.IsCompleted(s.Name))).ToList(),
        };
    }

    /// <summary>Runs (or resumes) the export. Failures come back in <see cref="ExportOutcome.Failure"/>; cancellation throws.</summary>
    public async Task<ExportOutcome> RunAsync(ExportRequest request, WorkflowProgress? progress, CancellationToken cancellationToken)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        progress ??= WorkflowProgress.None;
        var journalPath = WorkflowJournalFiles.ExportJournal(request.StateFolder);
        var steps = StepTitlesFor(request);
        var numbering = new StepNumbering(progress.Steps, 1, steps.Count);
        var run = new Run(this, request, progress);
        WorkflowJournal? journal = null;
        var lastRun = new LastRunWriter(request.StateFolder, WorkflowJournalFiles.ExportWorkflowName, request.OutputFolder, _services.Clock, _logger,
            [(PreflightGate, "Preflight checks"), .. steps]);
        try
        {
            // First use creates the state folder protected (SYSTEM and Administrators only); a folder or state file a
            // non-administrator can change is refused before anything in it is trusted or resumed.
            new StateFolderGuard(_services.StateFolders).Prepare(request.StateFolder);
            // Held for the whole run: two exports of one state folder would resume one journal and both advance the chain.
            using var held = StateFolderLock.Acquire(request.StateFolder, WorkflowJournalFiles.ExportWorkflowName, _services.Clock);
            // A wsusutil an earlier, killed run started may still be running: never start a second one beside it (issue 19).
            await EarlierWsusUtilGuard.EnsureNoneRunningAsync(journalPath, WorkflowJournalFiles.ExportWorkflowName, _services.Processes,
                request.WaitForEarlierWsusUtil, _logger, cancellationToken).ConfigureAwait(false);
            StateFolderLeftovers.Sweep(request.StateFolder, WorkflowJournalFiles.ExportWorkflowName, _services.Clock, _logger);
            await lastRun.StartedAsync().ConfigureAwait(false);
            if (await FinishRecordedRunAsync(request, journalPath, run, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                await lastRun.EndedAsync(LastRunOutcome.Finished, null, null).ConfigureAwait(false);
                return finished;
            }

            // A rerun of an export that finished: say so before wsusutil runs, instead of failing later on the full folder.
            if (await FinishedExport.FindAsync(request.OutputFolder, request.StateFolder, cancellationToken).ConfigureAwait(false) is { } done)
            {
                _logger.Information("{Message}", done.Message);
                run.Adopt(await Run.ReadWrittenBundleAsync(request.OutputFolder, cancellationToken).ConfigureAwait(false));
                throw new WorkflowFailedException(AlreadyFinished(done));
            }

            var exportBase = await _bases.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
            run.Base = exportBase;
            var installation = RequireInstallation();
            run.ContentRoot = installation.ContentDirectory;

            numbering.Gate(1, PreflightGate, "Preflight checks", StepOutcome.Running);
            var estimate = await PlanDeltaAsync(run.ContentRoot, exportBase, cancellationToken).ConfigureAwait(false);
            run.Preflight = await RunPreflightAsync(request, estimate, cancellationToken).ConfigureAwait(false);
            if (run.Preflight.HasFailures)
            {
                numbering.Gate(1, PreflightGate, "Preflight checks", StepOutcome.Failed, Describe(run.Preflight));
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.PreflightFailed, PreflightGate,
                    "Preflight failed; nothing was changed. " + Describe(run.Preflight)) { Preflight = run.Preflight });
            }

            numbering.Gate(1, PreflightGate, "Preflight checks", StepOutcome.Completed, run.Preflight.HasWarnings ? "passed with warnings" : "passed");
            journal = WorkflowJournal.Open(journalPath, WorkflowJournalFiles.ExportWorkflowName, RunKey(request, exportBase.Sequence), _services.Clock);
            if (journal.RecoveryNote is { } recovered)
            {
                _logger.Warning("{Recovery}", recovered);
            }

            run.Journal = journal;
            run.ResumedSteps = steps.Where(s => journal.IsCompleted(s.Name)).Select(s => s.Name).ToList();
            run.WriteAttemptedBefore = journal.LastEventOf(WriteStep) is not null;
            _logger.Information("Export {Bundle}: sequence {Sequence}, base {Base}; journal {Journal}{Resume}",
                request.OutputFolder, exportBase.Sequence, exportBase.Description, journalPath,
                run.ResumedSteps.Count > 0 ? " (resuming after " + string.Join(", ", run.ResumedSteps) + ")" : string.Empty);

            await WorkflowRunner.RunAsync(journal, run.CreateSteps(), numbering.ForRunner(), cancellationToken).ConfigureAwait(false);
            // Staging goes before the journal says "finished": a kill in between must not leave it behind for good
            // (a rerun of a finished run stops before it reaches this line again).
            run.DeleteStaging();
            journal.MarkCompleted(WorkflowJournalFiles.RunFinishedEntry, run.Written?.ManifestSha256);
            await lastRun.EndedAsync(LastRunOutcome.Finished, null, null).ConfigureAwait(false);
            return run.ToOutcome(journalPath, null);
        }
        catch (OperationCanceledException)
        {
            await lastRun.EndedAsync(LastRunOutcome.Cancelled, WorkflowErrors.CancelledStep(journal, PreflightGate), null).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (WorkflowErrors.Classify(ex, WorkflowErrors.FailedStep(journal, PreflightGate)) is { } failure)
        {
            _logger.Error("Export to {Bundle} stopped at {Step}: {Message}", request.OutputFolder, failure.Step, failure.Message);
            await (failure.Kind == WorkflowFailureKind.ExportAlreadyFinished
                ? lastRun.RestoreAsync()
                : lastRun.EndedAsync(LastRunOutcome.Failed, failure.Step, failure.Message)).ConfigureAwait(false);
            return run.ToOutcome(journalPath, failure);
        }
    }

    /// <summary>
    /// A run of this same command that wrote its bundle and advanced the export chain but ended before its journal
    /// said so (killed between the two writes) is finished, not restarted with the next sequence.
    /// </summary>
    private async Task<ExportOutcome?> FinishRecordedRunAsync(ExportRequest request, string journalPath, Run run, CancellationToken cancellationToken)
    {
        var pending = WorkflowJournal.Peek(journalPath);
        var chain = pending is { IsFinished: false } ? await new ExportChainStore(request.StateFolder, _services.StateFolders).LoadAsync(cancellationToken).ConfigureAwait(false) : null;
        if (pending is null || chain is null || pending.RunKey != RunKey(request, chain.LastSequence) || BundleManifestLocator.TryFind(request.OutputFolder) is null)
        {
            return null;
        }

        var written = await Run.ReadWrittenBundleAsync(request.OutputFolder, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(written.ManifestSha256, chain.LastManifestSha256, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var journal = WorkflowJournal.Open(journalPath, WorkflowJournalFiles.ExportWorkflowName, pending.RunKey, _services.Clock);
        if (journal.RecoveryNote is { } recovered)
        {
            _logger.Warning("{Recovery}", recovered);
        }

        run.Journal = journal;
        run.ResumedSteps = StepTitlesFor(request).Select(s => s.Name).ToList();
        if (!journal.IsCompleted(RecordStep))
        {
            journal.MarkCompleted(RecordStep, "found recorded in the export chain");
        }

        run.Adopt(written);
        run.DeleteStaging();
        journal.MarkCompleted(WorkflowJournalFiles.RunFinishedEntry, written.ManifestSha256);
        _logger.Information("Export {Bundle} (sequence {Sequence}) had finished and been recorded before the journal said so; nothing more to do", request.OutputFolder, chain.LastSequence);
        return run.ToOutcome(journalPath, null);
    }

    /// <summary>True when <paramref name="runKey"/> is the journal run key of an export into <paramref name="fullBundleFolder"/> (any sequence).</summary>
    internal static bool IsRunKeyFor(string runKey, string fullBundleFolder) =>
        runKey.StartsWith(fullBundleFolder + "#", Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string RunKey(ExportRequest request, long sequence) =>
        Path.GetFullPath(request.OutputFolder) + "#" + sequence.ToString(CultureInfo.InvariantCulture);

    private static WorkflowFailure AlreadyFinished(FinishedExport finished) =>
        new(WorkflowFailureKind.ExportAlreadyFinished, PreflightGate, finished.Message);

    private static string Describe(PreflightReport report) =>
        string.Join(" ", report.Failures.Select(f => $"{f.Name}: {f.Detail} {f.FixHint}".Trim()));

    private WsusInstallation RequireInstallation()
    {
        var lookup = _services.Wsus.LocateInstallation();
        return lookup.Installation is { WsusUtilExists: true } installation
            ? installation
            : throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.WsusNotInstalled, PreflightGate,
                lookup.Installation is null ? lookup.Problem : $"WsusUtil.exe was not found at {lookup.Installation.WsusUtilPath}. Repair the WSUS installation (Server Manager > Windows Server Update Services), then rerun."));
    }

    private async Task<DeltaPlan> PlanDeltaAsync(string contentRoot, ExportBase exportBase, CancellationToken cancellationToken)
    {
        var inventory = ExportContentFilter.Apply(_services.Scanner.Scan(contentRoot, cancellationToken));
        return await _services.Planner.PlanAsync(contentRoot, inventory, exportBase.Baseline, cancellationToken).ConfigureAwait(false);
    }

    private Task<PreflightReport> RunPreflightAsync(ExportRequest request, DeltaPlan delta, CancellationToken cancellationToken)
    {
        // Deployment content counts twice: staged beside the bundle while it is checked, then in the bundle.
        var deployment = request.ContentRequest?.Files ?? [];
        var bytes = delta.Files.Sum(f => f.Size) + (2 * deployment.Sum(f => f.FileSize))
            + BundleLayout.ManifestReserveBase + (BundleLayout.ManifestReservePerEntry * (delta.Files.Count + deployment.Count));
        var checks = StandardPreflight.ForExport(_services.Elevation, _services.Wsus, _services.Volumes, _services.Clock,
            new ExportPreflightOptions(request.OutputFolder, bytes, request.MarginBytes, request.MaxSyncAge)
            {
                WsusUtilPackagePath = Path.Combine(StagingFolderFor(request.OutputFolder), "export" + WsusMetadataFileNames.PackageExtension),
                PriorPackageBytes = PriorPackageBytes(request.StateFolder),
            });
        return _services.Preflight.RunAsync(checks, cancellationToken);
    }

    /// <summary>The last recorded export's metadata package size (this export's best estimate), or null when there is none.</summary>
    private long? PriorPackageBytes(string stateFolder)
    {
        string? path = null;
        try
        {
            path = ExportChainStore.HeadManifestPath(stateFolder);
            if (path is null)
            {
                return null;
            }

            return ManifestSerializer.Deserialize(StateFileReader.ReadAllBytes(path, ManifestSerializer.MaxManifestBytes), path).Metadata.Package.Size;
        }
        catch (Exception exception) when (exception is ManifestFormatException or StateFileException or IOException or UnauthorizedAccessException)
        {
            // The chain step reports a damaged manifest with its fix; here it only costs the estimate.
            _logger.Warning("Could not read the last export's package size from {Manifest} ({Problem}); the temp-space estimate uses its floor", path, exception.Message);
            return null;
        }
    }

    /// <summary>The state of one run: what each step produced for the next.</summary>
    private sealed class Run(ExportWorkflow owner, ExportRequest request, WorkflowProgress progress)
    {
        public ExportBase? Base { get; set; }

        public string ContentRoot { get; set; } = string.Empty;

        public PreflightReport? Preflight { get; set; }

        public WorkflowJournal? Journal { get; set; }

        public List<string> ResumedSteps { get; set; } = [];

        public bool WriteAttemptedBefore { get; set; }

        public DeltaPlan? Delta { get; private set; }

        public BundleWriteResult? Written { get; private set; }

        /// <summary>The inventory the bundle was built from (this run's delta, or the write step's saved copy).</summary>
        private ContentInventory? Exported { get; set; }

        private string ExportedInventoryPath => Path.Combine(StagingFolderFor(request.OutputFolder), ExportedInventoryFileName);

        private WsusMetadataFileNames? Metadata { get; set; }

        private WsusUtilResult? WsusUtil { get; set; }

        /// <summary>The deployment content this run staged (the content step), or read back from its list on a resumed run.</summary>
        private GatheredDeploymentContent? Gathered { get; set; }

        private string DeploymentStagingFolder => Path.Combine(StagingFolderFor(request.OutputFolder), DeploymentContentStagingFolderName);

        public List<WorkflowStep> CreateSteps()
        {
            var steps = new List<WorkflowStep>
            {
                new(WsusUtilStep, Steps[0].Title, ExportMetadataAsync),
                new(DeltaStep, Steps[1].Title, async ct => Describe(await EnsureDeltaAsync(ct).ConfigureAwait(false))),
            };
            if (request.ContentRequest is not null)
            {
                steps.Add(new(DeploymentContentStep, DeploymentContentTitle, GatherDeploymentContentAsync));
            }

            steps.Add(new(WriteStep, Steps[2].Title, WriteBundleAsync));
            steps.Add(new(RecordStep, Steps[3].Title, RecordAsync));
            return steps;
        }

        /// <summary>
        /// The content step: every requested file staged and checked against Microsoft's digest before the bundle is
        /// written. A rerun after an interruption keeps what was staged and checked (no download again), resumes
        /// <c>.partial</c> downloads and fetches only the rest.
        /// </summary>
        private async Task<string?> GatherDeploymentContentAsync(CancellationToken cancellationToken)
        {
            Gathered = await CreateGatherer().GatherAsync(request.ContentRequest!, DeploymentStagingFolder, progress.Transfer, cancellationToken).ConfigureAwait(false);
            return Gathered.Describe();
        }

        private DeploymentContentGatherer CreateGatherer()
        {
            (IDeploymentContentSource, string)[] local = request.ContentFromFolder is { } folder
                ? [(new FolderContentSource([FolderContentSource.ContentIdFolder(folder), FolderContentSource.Flat(folder)]), "the folder " + folder)]
                : [];
            var wsusContent = ContentRoot;
            return new DeploymentContentGatherer(
                local,
                () => owner._services.ContentDownloaders(request.ContentDownload, string.IsNullOrEmpty(wsusContent) ? null : new WsusContentLookup(wsusContent)),
                owner._logger);
        }

        /// <summary>The content step's result: this run's, or the list an earlier run saved (gathered again, keeping what is staged, when that list is unusable).</summary>
        private async Task<DeploymentContentToCarry?> DeploymentContentToCarryAsync(CancellationToken cancellationToken)
        {
            if (request.ContentRequest is not { } contentRequest)
            {
                return null;
            }

            Gathered ??= await DeploymentContentGatherer.ReadGatheredAsync(contentRequest, DeploymentStagingFolder, cancellationToken).ConfigureAwait(false)
                ?? await CreateGatherer().GatherAsync(contentRequest, DeploymentStagingFolder, progress.Transfer, cancellationToken).ConfigureAwait(false);
            return Gathered.ToCarry();
        }

        public void DeleteStaging()
        {
            var staging = StagingFolderFor(request.OutputFolder);
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
                owner._logger.Debug("Deleted the wsusutil staging folder {Staging}: its package and log are in the bundle", staging);
            }
        }

        public ExportOutcome ToOutcome(string journalPath, WorkflowFailure? failure)
        {
            var manifest = Written?.Manifest;
            var metadata = Metadata ?? MetadataFromJournal();
            return new ExportOutcome
            {
                BundleFolder = Path.GetFullPath(request.OutputFolder),
                Sequence = manifest?.Sequence ?? Base?.Sequence ?? 0,
                BaseSequence = manifest?.Base?.Sequence ?? Base?.Baseline?.Base?.Sequence,
                Files = manifest?.Files.Count ?? 0,
                Bytes = manifest?.Files.Sum(f => f.Size) ?? 0,
                DeploymentContentFiles = manifest?.DeploymentContent?.Count ?? 0,
                DeploymentContentBytes = manifest?.DeploymentContent?.Sum(d => d.File.Size) ?? 0,
                UnchangedFiles = Delta?.UnchangedCount ?? 0,
                VolumeCount = manifest?.VolumeCount ?? 0,
                Signer = request.Signer.Identity.ToString(),
                ManifestSha256 = Written?.ManifestSha256,
                MetadataPackagePath = metadata?.PackagePath,
                WsusUtilLogPath = metadata?.LogPath ?? failure?.WsusUtil?.LogPath,
                WsusUtilMessage = WsusUtil?.Message ?? failure?.WsusUtil?.Message,
                Preflight = Preflight,
                ResumedSteps = ResumedSteps,
                JournalPath = journalPath,
                Failure = failure,
            };
        }

        private async Task<string?> ExportMetadataAsync(CancellationToken cancellationToken)
        {
            var staging = StagingFolderFor(request.OutputFolder);
            Directory.CreateDirectory(staging);
            var names = WsusMetadataFileNames.CreateUnique(staging, "export", owner._services.Clock);
            WsusUtilResult result;
            using (WsusUtilStartJournal.Observe(Journal!, WsusUtilStep, owner._services.Processes))
            {
                result = await owner._services.Wsus.ExportMetadataAsync(names.PackagePath, names.LogPath, cancellationToken).ConfigureAwait(false);
            }

            WsusUtil = result;
            if (!result.Succeeded)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.WsusUtilFailed, WsusUtilStep, result.Message) { WsusUtil = result });
            }

            Metadata = names;
            return names.PackagePath + "|" + names.LogPath;
        }

        private WsusMetadataFileNames? MetadataFromJournal()
        {
            var detail = Journal?.CompletionDetailOf(WsusUtilStep);
            var parts = detail?.Split('|');
            return parts is { Length: 2 } ? new WsusMetadataFileNames(parts[0], parts[1]) : null;
        }

        private async Task<DeltaPlan> EnsureDeltaAsync(CancellationToken cancellationToken) =>
            Delta ??= await owner.PlanDeltaAsync(ContentRoot, Base!, cancellationToken).ConfigureAwait(false);

        private async Task<string?> WriteBundleAsync(CancellationToken cancellationToken)
        {
            var metadata = Metadata ?? MetadataFromJournal()
                ?? throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.State, WriteStep,
                    $"The journal {Journal?.FilePath} does not name the wsusutil package of this run. Delete the journal and rerun to export again."));
            if (!File.Exists(metadata.PackagePath) || new FileInfo(metadata.PackagePath).Length == 0)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.State, WriteStep,
                    $"The wsusutil package {metadata.PackagePath} of this run is gone or empty. Delete the journal {Journal?.FilePath} and rerun to export again."));
            }

            var delta = await EnsureDeltaAsync(cancellationToken).ConfigureAwait(false);
            var deployment = await DeploymentContentToCarryAsync(cancellationToken).ConfigureAwait(false);
            if (WriteAttemptedBefore)
            {
                ClearHalfWrittenBundle();
            }

            // Saved before the bundle exists: once the manifest is written, the record step can always find it.
            Exported = delta.Current;
            await AtomicFile.WriteAllBytesAsync(ExportedInventoryPath,
                JsonSerializer.SerializeToUtf8Bytes(delta.Current, BundleJsonContext.Default.ContentInventory), cancellationToken).ConfigureAwait(false);
            var writer = owner._services.CreateWriter(request.Signer);
            Written = await writer.WriteAsync(
                new BundleWriteRequest
                {
                    ContentRoot = ContentRoot,
                    Plan = delta,
                    MetadataPackagePath = metadata.PackagePath,
                    MetadataLogPath = metadata.LogPath,
                    OutputFolder = request.OutputFolder,
                    Sequence = Base!.Sequence,
                    Base = Base.Baseline?.Base,
                    Source = await SourceServerAsync(cancellationToken).ConfigureAwait(false),
                    MaxVolumeSize = request.MaxVolumeSize,
                    DeploymentContent = deployment,
                },
                progress.Transfer,
                cancellationToken).ConfigureAwait(false);
            return Written.ManifestSha256;
        }

        private void ClearHalfWrittenBundle()
        {
            var folder = new DirectoryInfo(request.OutputFolder);
            if (!folder.Exists)
            {
                return;
            }

            owner._logger.Warning("Clearing the half-written bundle folder {Bundle} left by the interrupted run, to write it again", folder.FullName);
            foreach (var entry in folder.EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }

        private async Task<SourceServer> SourceServerAsync(CancellationToken cancellationToken)
        {
            var status = await owner._services.Wsus.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            return new SourceServer
            {
                Server = request.SourceServerName,
                WsusVersion = owner._services.Wsus.LocateInstallation().Installation?.Version ?? "unknown",
                Languages = status.Settings.AllLanguages ? ["all"] : status.Settings.Languages,
                ExpressFiles = status.Settings.ExpressFiles,
            };
        }

        private async Task<string?> RecordAsync(CancellationToken cancellationToken)
        {
            Written ??= await ReadWrittenBundleAsync(request.OutputFolder, cancellationToken).ConfigureAwait(false);
            Exported ??= await ReadExportedInventoryAsync(cancellationToken).ConfigureAwait(false);
            await new ExportChainStore(request.StateFolder, owner._services.StateFolders).RecordExportAsync(Written, Exported, cancellationToken).ConfigureAwait(false);
            return string.Format(CultureInfo.InvariantCulture, "sequence {0} is the export chain's head", Written.Manifest.Sequence);
        }

        /// <summary>The inventory the write step saved (a resumed run: the bundle was written by an earlier process).</summary>
        private async Task<ContentInventory> ReadExportedInventoryAsync(CancellationToken cancellationToken)
        {
            var path = ExportedInventoryPath;
            var redo = $"Delete the bundle folder {request.OutputFolder} and the journal {Journal?.FilePath}, then rerun to export again.";
            try
            {
                var bytes = await Task.Run(() => File.ReadAllBytes(path), cancellationToken).ConfigureAwait(false);
                return JsonSerializer.Deserialize(bytes, BundleJsonContext.Default.ContentInventory)
                    ?? throw new JsonException("the file holds no inventory");
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or JsonException)
            {
                throw new WorkflowFailedException(new WorkflowFailure(WorkflowFailureKind.State, RecordStep,
                    $"The bundle in {request.OutputFolder} was written, but the content inventory it was built from ({path}) is missing or damaged "
                    + $"({ex.Message}), so the export chain cannot record what the bundle holds. " + redo));
            }
        }

        public static async Task<BundleWriteResult> ReadWrittenBundleAsync(string bundleFolder, CancellationToken cancellationToken)
        {
            var path = BundleManifestLocator.Find(bundleFolder);
            var bytes = await Task.Run(() => File.ReadAllBytes(path), cancellationToken).ConfigureAwait(false);
            return new BundleWriteResult(Path.GetFullPath(bundleFolder), ManifestSerializer.Deserialize(bytes, path), bytes, Sha256Hex.OfBytes(bytes));
        }

        public void Adopt(BundleWriteResult written) => Written = written;

        private static string Describe(DeltaPlan delta) => string.Format(CultureInfo.InvariantCulture,
            "{0} files ({1} bytes) to send, {2} unchanged", delta.Files.Count, delta.Files.Sum(f => f.Size), delta.UnchangedCount);
    }
}
