using System.Globalization;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>
/// Import wizard: choose bundle → verification → [deployment content, only for a bundle that carries some] → preflight →
/// progress (incl. ConfigMgr sync and the package) → next steps.
/// </summary>
public sealed class ImportWizard : WizardPresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private readonly TimeProvider _clock;
    private ImportRequest? _request;

    public ImportWizard(IDisconnectedSyncOperations operations, SiteTarget site, IFileSystemProbe files, TimeProvider clock, RunLog? log = null)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Bundle = new BundleChoicePage(files);
        Verification = new VerificationPage(operations, clock);
        Preflight = new PreflightPage(operations, PreflightKind.Import, site);
        Progress = new TransferProgressPage(clock, "Import") { Log = log };
        NextSteps = new NextStepsPage(operations, site);
        DeploymentContent = new DeploymentContentPage(operations, site, files);
        Relay(Bundle);
        Relay(DeploymentContent);
        Relay(Verification);
        Relay(Preflight);
        Relay(Progress);
        Relay(NextSteps);
    }

    public override string Title => $"Import updates into {_site.Describe()}";

    /// <summary>The steps; "Deployment content" only once the verified bundle is known to carry some.</summary>
    public override IReadOnlyList<WizardPage> PageOrder => CarriesDeploymentContent
        ? [WizardPage.ChooseBundle, WizardPage.Verification, WizardPage.DeploymentContent, WizardPage.Preflight, WizardPage.Progress, WizardPage.NextSteps]
        : [WizardPage.ChooseBundle, WizardPage.Verification, WizardPage.Preflight, WizardPage.Progress, WizardPage.NextSteps];

    /// <summary>The verified bundle carries deployment content (its manifest's list is not empty).</summary>
    public bool CarriesDeploymentContent => Verification.Result?.Summary is { DeploymentContentFiles: > 0 };

    public BundleChoicePage Bundle { get; }

    public VerificationPage Verification { get; }

    public PreflightPage Preflight { get; }

    public TransferProgressPage Progress { get; }

    public NextStepsPage NextSteps { get; }

    /// <summary>Where the carried deployment content goes; a page of the wizard only when <see cref="CarriesDeploymentContent"/>.</summary>
    public DeploymentContentPage DeploymentContent { get; }

    public ImportResult? Result { get; private set; }


    /// <summary>
    /// What the import did with the carried deployment content, shown on the finish page under <see cref="ResultText"/>:
    /// the package (ID, name, created or not), files and bytes added, and whether the distribution points were asked to
    /// refresh; what happened instead when nothing was added; empty when the bundle carried none.
    /// </summary>
    public string PackageText => Result switch
    {
        null or { WhatIf: true } => string.Empty,
        { DeploymentPackage: { Package: { } package } added } => string.Format(
            CultureInfo.CurrentCulture,
            "Deployment package {0} '{1}'{2}: {3:N0} file(s) ({4}) added, {5:N0} checked against Microsoft's digest. {6}",
            package.PackageId,
            package.Name,
            added.Created ? " (created)" : string.Empty,
            added.Files,
            DisplayFormat.Bytes(added.Bytes),
            added.DigestsMatched,
            added.DistributionPointsRefreshed
                ? "Distribution points: refresh requested (Monitoring > Distribution Status > Content Status)."
                : "Distribution points: not refreshed; distribute the package from the console when ready."),
        { DeploymentPackage: { } none } => string.Format(
            CultureInfo.CurrentCulture,
            "Deployment content: nothing added; all {0:N0} carried content(s) are already in a deployment package.",
            none.ContentsAlreadyInPackages),
        { DeploymentContentMessage: { } message } => "Deployment content: " + message,
        _ when _request?.DeploymentContent is null && CarriesDeploymentContent => string.Format(
            CultureInfo.CurrentCulture,
            "Deployment content: skipped as chosen; the {0:N0} carried file(s) were not added to any deployment package.",
            DeploymentContent.Files),
        _ => string.Empty,
    };

    /// <summary>What the import did, shown above the next steps.</summary>
    public string ResultText => Result is null
        ? string.Empty
        : Result.WhatIf
            ? "What-if: nothing was written. Plan:" + Environment.NewLine + string.Join(Environment.NewLine, Result.PlannedActions)
            : Result.ContentCopiedEarlier && Result.ContentFilesCopied == 0
            ? string.Format(
                CultureInfo.CurrentCulture,
                "Imported sequence {0}: content already copied by the earlier run. Sync: {1}. Log: {2}",
                Result.Sequence,
                Result.FinalSync?.Describe() ?? "not read",
                Result.LogPath)
            : string.Format(
                CultureInfo.CurrentCulture,
                "Imported sequence {0}: {1:N0} content files ({2}) copied, {3:N0} already in place. Sync: {4}. Log: {5}",
                Result.Sequence,
                Result.ContentFilesCopied,
                DisplayFormat.Bytes(Result.BytesCopied),
                Result.ContentFilesAlreadyPresent,
                Result.FinalSync?.Describe() ?? "not read",
                Result.LogPath);

    public override bool CanGoBack => CurrentPage switch
    {
        WizardPage.Verification => !Verification.IsRunning,
        WizardPage.Preflight => !Preflight.IsRunning,
        WizardPage.DeploymentContent => true,
        _ => false,
    };

    public override bool CanGoNext => CurrentPage switch
    {
        WizardPage.ChooseBundle => true,
        WizardPage.Verification => Verification.IsAccepted,
        WizardPage.DeploymentContent => !DeploymentContent.IsLoading,
        WizardPage.Preflight => Preflight.CanContinue,
        WizardPage.Progress => Progress.CanResume,
        WizardPage.NextSteps => !NextSteps.IsBusy,
        _ => false,
    };

    public override string NextLabel => CurrentPage switch
    {
        WizardPage.Preflight => Bundle.WhatIf ? "&Plan (what-if)" : "&Start import",
        WizardPage.Progress when Progress.CanResume => "&Resume",
        WizardPage.NextSteps => "&Finish",
        _ => "&Next >",
    };

    public override string CancelLabel => CurrentPage == WizardPage.NextSteps || Progress.CanResume ? "Close" : "Cancel";

    /// <summary>On Next steps: ticked products not yet subscribed, or subscriptions without a full sync, are asked about.</summary>
    public override string? CloseQuestion => CurrentPage == WizardPage.NextSteps ? NextSteps.CloseQuestion : null;

    public override bool NextFinishes => CurrentPage == WizardPage.NextSteps;

    public override Task StartAsync()
    {
        CurrentPage = WizardPage.ChooseBundle;
        return Task.CompletedTask;
    }

    public Task RerunPreflightAsync() => Preflight.RunAsync(Lifetime);

    /// <summary>The Deployment content page's Retry: lists the site's deployment packages again.</summary>
    public Task ReloadDeploymentPackagesAsync() => DeploymentContent.LoadPackagesAsync(Lifetime);

    /// <summary>
    /// "Trust this certificate…" on the verification page of a bundle refused for its untrusted signer; null when the
    /// page shows no such refusal. After the dialog trusted it, <see cref="VerifyAgainAsync"/> checks the bundle again.
    /// </summary>
    public SignerTrustDialog? CreateTrustDialog() =>
        CurrentPage == WizardPage.Verification && Verification.UntrustedSigner is { } certificate && Verification.BundlePath is { } path
            ? new SignerTrustDialog(_operations, path, certificate, _clock)
            : null;

    /// <summary>Verifies the chosen bundle again (after its signer was trusted).</summary>
    public Task VerifyAgainAsync() =>
        CurrentPage == WizardPage.Verification && Verification.BundlePath is { } path ? Verification.VerifyAsync(path, Lifetime) : Task.CompletedTask;

    public override async Task GoNextAsync()
    {
        if (!CanGoNext)
        {
            return;
        }

        switch (CurrentPage)
        {
            case WizardPage.ChooseBundle:
                var path = Bundle.TryAccept();
                if (path is not null)
                {
                    CurrentPage = WizardPage.Verification;
                    await Verification.VerifyAsync(path, Lifetime);
                }

                break;
            case WizardPage.Verification when CarriesDeploymentContent:
                CurrentPage = WizardPage.DeploymentContent;
                await DeploymentContent.OfferAsync(Verification.Result!.Summary!.DeploymentContentFiles, Verification.Result.Summary.DeploymentContentBytes, Lifetime);
                break;
            case WizardPage.Verification:
                await StartPreflightAsync(null);
                break;
            case WizardPage.DeploymentContent:
                if (DeploymentContent.TryBuildChoice(out var choice))
                {
                    await StartPreflightAsync(choice);
                }

                break;
            case WizardPage.Preflight:
                CurrentPage = WizardPage.Progress;
                await RunAsync();
                break;
            case WizardPage.Progress:
                await RunAsync();
                break;
            case WizardPage.NextSteps:
                IsFinished = true;
                RaiseChanged();
                break;
        }
    }

    public override void GoBack()
    {
        if (!CanGoBack)
        {
            return;
        }

        CurrentPage = CurrentPage switch
        {
            WizardPage.Preflight when CarriesDeploymentContent => WizardPage.DeploymentContent,
            WizardPage.Preflight or WizardPage.DeploymentContent => WizardPage.Verification,
            _ => WizardPage.ChooseBundle,
        };
    }

    // Cancel while the bundle is hashed stops the hashing and keeps the window (Back, then Next verifies again).
    protected override bool TryCancelRun() =>
        (Progress.IsActive && Progress.RequestCancel()) || (CurrentPage == WizardPage.Verification && Verification.RequestCancel());

    /// <summary>The request as chosen so far (bundle, what-if, deployment package), then the import preflight.</summary>
    private async Task StartPreflightAsync(DeploymentContentChoice? deploymentContent)
    {
        _request = new ImportRequest(_site, Bundle.BundlePath.Trim(), Bundle.WhatIf) { DeploymentContent = deploymentContent };
        CurrentPage = WizardPage.Preflight;
        await Preflight.RunAsync(Lifetime);
    }

    private async Task RunAsync()
    {
        var request = _request!;
        var result = await Progress.RunAsync((progress, ct) => _operations.ImportAsync(request, progress, ct));
        if (result is null)
        {
            return;
        }

        Result = result;
        CurrentPage = WizardPage.NextSteps;
        if (!result.WhatIf)
        {
            NextSteps.ShowImportReceipt(result.Receipt);
            await NextSteps.LoadAsync(Lifetime);
        }
    }
}
