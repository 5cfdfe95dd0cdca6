using System.Globalization;
using CMDisconnectedSync.Preflight;
using CMDisconnectedSync.Workflows;
using Core = CMDisconnectedSync;
using Ui = CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Backend.Operations;

/// <summary>
/// The one place that maps the presentation's records (<c>App.Presentation.Operations</c>) to and from Core's
/// (preflight, bundles, workflows, ConfigMgr). The presentation records mirror Core's member for member, so every
/// mapping here is a field-by-field copy; tests pin each enum member by name.
/// </summary>
public static class OperationsMapper
{
    public static Ui.PreflightCheck ToUi(PreflightCheckResult check)
    {
        _ = check ?? throw new ArgumentNullException(nameof(check));
        return new Ui.PreflightCheck(check.Name, ToUi(check.Status), check.Detail, check.FixHint);
    }

    public static Ui.CheckStatus ToUi(PreflightStatus status) => status switch
    {
        PreflightStatus.Pass => Ui.CheckStatus.Pass,
        PreflightStatus.Warn => Ui.CheckStatus.Warn,
        _ => Ui.CheckStatus.Fail,
    };

    /// <summary>A doctor report for the "Check this server" window, with its JSON and text renderings (the CLI's own).</summary>
    public static Ui.ServerCheckReport ToUi(Core.Doctor.DoctorReport report)
    {
        _ = report ?? throw new ArgumentNullException(nameof(report));
        return new Ui.ServerCheckReport(
            report.Machine,
            report.Side == Core.Doctor.DoctorSide.Export ? Ui.ServerSide.Export : Ui.ServerSide.Import,
            report.CreatedUtc,
            report.Findings.Select(f => new Ui.ServerFinding(f.Id, f.Area, f.Assumption, ToUi(f.Status), f.Found, f.Expected, f.Source, f.Detail)).ToList(),
            Core.Doctor.DoctorReportJson.Serialize(report),
            Core.Doctor.DoctorTable.Render(report));
    }

    public static Ui.FindingStatus ToUi(Core.Doctor.CheckStatus status) => status switch
    {
        Core.Doctor.CheckStatus.Confirmed => Ui.FindingStatus.Confirmed,
        Core.Doctor.CheckStatus.Differs => Ui.FindingStatus.Differs,
        Core.Doctor.CheckStatus.Missing => Ui.FindingStatus.Missing,
        Core.Doctor.CheckStatus.NotApplicable => Ui.FindingStatus.NotApplicable,
        _ => Ui.FindingStatus.AccessDenied,
    };

    public static Core.Doctor.DoctorSide ToCore(Ui.ServerSide side) =>
        side == Ui.ServerSide.Export ? Core.Doctor.DoctorSide.Export : Core.Doctor.DoctorSide.Import;

    public static Ui.BundleVerification ToUi(Core.Bundles.BundleVerificationResult result)
    {
        _ = result ?? throw new ArgumentNullException(nameof(result));
        var summary = result.Summary is null ? null : ToUi(result.Summary);
        return result.Succeeded
            ? new Ui.BundleVerification(null, result.Cause, summary, 0)
            : Ui.BundleVerification.Refused(result.Failure!.Value, result.Cause, summary, Math.Max(1, result.ProblemCount));
    }

    public static Ui.BundleSummary ToUi(Core.Bundles.BundleSummary summary)
    {
        _ = summary ?? throw new ArgumentNullException(nameof(summary));
        return new Ui.BundleSummary(
            summary.BundleId, summary.Sequence, summary.Base?.Sequence, summary.CreatedAtUtc, summary.SourceServer,
            // Core counts volume folders (0 for a bundle that is not split); the page says "1 when not split".
            summary.Files, summary.Bytes, summary.NewFiles, summary.ChangedFiles, Math.Max(1, summary.VolumeCount),
            summary.Signer?.Subject, summary.Signer?.Thumbprint)
        {
            DeploymentContentFiles = summary.DeploymentContentFiles,
            DeploymentContentBytes = summary.DeploymentContentBytes,
        };
    }

    public static Ui.DeploymentPackageInfo ToUi(Core.DeploymentContent.DeploymentPackage package)
    {
        _ = package ?? throw new ArgumentNullException(nameof(package));
        return new Ui.DeploymentPackageInfo(package.PackageId, package.Name, package.SourcePath);
    }

    public static Ui.DeploymentPackageResult ToUi(DeploymentContentOutcome outcome)
    {
        _ = outcome ?? throw new ArgumentNullException(nameof(outcome));
        return new Ui.DeploymentPackageResult(
            outcome.Package is { } package ? ToUi(package) : null,
            outcome.Created,
            outcome.Files,
            outcome.Bytes,
            outcome.DistributionPointsRefreshed,
            outcome.ContentsAlreadyInPackages,
            outcome.DigestsMatched);
    }

    /// <summary>
    /// The wizard's package choice as Core's option, through the one mapping <c>cmdsync import</c> uses
    /// (<see cref="DeploymentContentImport.For"/>): checked against the content request this server kept (or the file
    /// the admin chose), staged under the state folder; null when the content goes into no package.
    /// </summary>
    public static DeploymentContentImport? ToCore(Ui.DeploymentContentChoice? choice) =>
        choice is null
            ? null
            : DeploymentContentImport.For(choice.PackageId, choice.NewPackageName, choice.NewPackageSource, choice.ContentRequestPath, stagingFolder: null, choice.RefreshDistributionPoints);

    public static Ui.UpdateCategory ToUi(Core.ConfigMgr.UpdateCategory category)
    {
        _ = category ?? throw new ArgumentNullException(nameof(category));
        return new Ui.UpdateCategory(category.UniqueId, category.Name, ToUi(category.Type), category.IsSubscribed, category.AllowSubscription, category.ProductFamily);
    }

    public static Ui.UpdateCategoryKind ToUi(Core.ConfigMgr.UpdateCategoryType type) => type switch
    {
        Core.ConfigMgr.UpdateCategoryType.Company => Ui.UpdateCategoryKind.Company,
        Core.ConfigMgr.UpdateCategoryType.ProductFamily => Ui.UpdateCategoryKind.ProductFamily,
        Core.ConfigMgr.UpdateCategoryType.Product => Ui.UpdateCategoryKind.Product,
        _ => Ui.UpdateCategoryKind.Classification,
    };

    public static Ui.SupSyncState ToUi(Core.ConfigMgr.SupSyncStatus status)
    {
        _ = status ?? throw new ArgumentNullException(nameof(status));
        return new Ui.SupSyncState(status.SiteCode, status.WsusServerName, status.StateMessageId, status.StateTime, status.LastSuccessfulSyncTime, status.ErrorCode);
    }

    public static Ui.StepState ToUi(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Running => Ui.StepState.Running,
        StepOutcome.Completed => Ui.StepState.Completed,
        StepOutcome.AlreadyDone => Ui.StepState.AlreadyDone,
        StepOutcome.Failed => Ui.StepState.Failed,
        _ => Ui.StepState.Cancelled,
    };

    /// <summary>A step report, with the bytes/files of the step so far and the live sync state when there are any.</summary>
    public static Ui.TransferProgress ToUi(StepReport step, Core.Bundles.TransferProgress? transfer, Core.ConfigMgr.SyncProgress? sync)
    {
        _ = step ?? throw new ArgumentNullException(nameof(step));
        return new Ui.TransferProgress(
            step.Index, step.Count, step.Name, step.Title, ToUi(step.Outcome),
            transfer?.BytesDone ?? 0, transfer?.BytesTotal ?? 0, transfer?.FilesDone ?? 0, transfer?.FilesTotal ?? 0,
            sync?.Status is { } status && step.Outcome == StepOutcome.Running ? ToUi(status).Describe() : step.Detail,
            sync?.Status is { } live ? ToUi(live) : null);
    }

    /// <summary>
    /// The bundle's folder name on the media: <c>CMDS-&lt;sequence, 6 digits&gt;</c>. The wizard's target is the media
    /// root; Core writes the bundle into a new folder, named after the sequence so a rerun resumes the same folder.
    /// </summary>
    public static string BundleFolderName(long sequence) => "CMDS-" + sequence.ToString("000000", CultureInfo.InvariantCulture);

    /// <summary>
    /// The presentation's export request as Core's (the signer is loaded by the caller from <see cref="Ui.ExportRequest.Signing"/>):
    /// the bundle goes into <see cref="BundleFolderName"/> of <paramref name="sequence"/> under the chosen target folder.
    /// </summary>
    public static ExportRequest ToCore(Ui.ExportRequest request, Core.Signing.IManifestSigner signer, string stateFolder, string sourceServerName, long sequence)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        return new ExportRequest
        {
            OutputFolder = Path.Combine(request.TargetFolder, BundleFolderName(sequence)),
            Signer = signer,
            StateFolder = stateFolder,
            SourceServerName = sourceServerName,
            ReceiptPath = request.Base == Ui.ExportBaseKind.Receipt ? request.ReceiptPath : null,
            MaxVolumeSize = request.MaxVolumeBytes,
            // Read (and checked: format, size, plain file) here; a damaged request stops the export before anything runs.
            ContentRequest = request.ContentRequestPath is { } path ? Core.DeploymentContent.ContentRequestSerializer.ReadFile(path) : null,
        };
    }

    public static ImportRequest ToCore(Ui.ImportRequest request, string stateFolder, ImportRequest? template = null)
    {
        _ = request ?? throw new ArgumentNullException(nameof(request));
        return (template ?? new ImportRequest { BundleFolder = request.BundlePath, StateFolder = stateFolder }) with
        {
            BundleFolder = request.BundlePath,
            StateFolder = stateFolder,
            DeploymentContent = ToCore(request.DeploymentContent),
        };
    }

    public static Ui.ExportResult ToUi(ExportOutcome outcome, string logPath)
    {
        _ = outcome ?? throw new ArgumentNullException(nameof(outcome));
        return new Ui.ExportResult(outcome.BundleFolder, outcome.Files, outcome.Bytes, outcome.Signer, outcome.Sequence, logPath, WhatIf: false, []);
    }

    public static Ui.ExportResult ToUi(ExportPlan plan, string logPath)
    {
        _ = plan ?? throw new ArgumentNullException(nameof(plan));
        var actions = plan.Steps.Select(s => s.Title + (s.AlreadyDone ? " (already done)" : string.Empty)).ToList();
        actions.Insert(0, string.Format(CultureInfo.InvariantCulture, "base: {0}", plan.BaseDescription));
        // Human units, and not the bundle folder again: the summary's first row names it.
        actions.Add(string.Format(CultureInfo.CurrentCulture, "{0:N0} files ({1}) to write; {2:N0} unchanged files left out",
            plan.Files, App.Presentation.Progress.DisplayFormat.Bytes(plan.Bytes), plan.UnchangedFiles));
        return new Ui.ExportResult(plan.BundleFolder, plan.Files, plan.Bytes, plan.Signer, plan.Sequence, logPath, WhatIf: true, actions);
    }

    public static Ui.ImportResult ToUi(ImportOutcome outcome, string logPath)
    {
        _ = outcome ?? throw new ArgumentNullException(nameof(outcome));
        return new Ui.ImportResult(
            outcome.Bundle?.Sequence ?? 0,
            outcome.FilesCopied,
            outcome.FilesAlreadyPresent,
            outcome.BytesCopied,
            outcome.Sync?.FinalStatus is { } final ? ToUi(final) : null,
            logPath,
            outcome.NextSteps?.Subscribable.Count ?? 0,
            WhatIf: false,
            [],
            ContentCopiedEarlier: outcome.ResumedSteps.Contains(ImportWorkflow.CopyStep, StringComparer.Ordinal))
        {
            DeploymentPackage = outcome.DeploymentContent is { } content ? ToUi(content) : null,
            DeploymentContentMessage = outcome.DeploymentContentMessage,
        };
    }

    public static Ui.ImportResult ToUi(ImportPlan plan, string logPath)
    {
        _ = plan ?? throw new ArgumentNullException(nameof(plan));
        var actions = plan.Steps.Select(s => s.Title + (s.AlreadyDone ? " (already done)" : string.Empty)).ToList();
        actions.Insert(0, string.Format(CultureInfo.InvariantCulture, "copy {0} files ({1} bytes) into {2}; {3} already there",
            plan.FilesToCopy, plan.BytesToCopy, plan.WsusContentFolder, plan.FilesAlreadyPresent));
        return new Ui.ImportResult(plan.Verification.Summary?.Sequence ?? 0, 0, 0, 0, null, logPath, 0, WhatIf: true, actions);
    }
}
