using System.Globalization;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.NextSteps;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>Import wizard: choose bundle → verification → preflight → progress (incl. ConfigMgr sync) → next steps.</summary>
public sealed class ImportWizard : WizardPresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private ImportRequest? _request;

    public ImportWizard(IDisconnectedSyncOperations operations, SiteTarget site, IFileSystemProbe files, TimeProvider clock)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        Bundle = new BundleChoicePage(files);
        Verification = new VerificationPage(operations, clock);
        Preflight = new PreflightPage(operations, PreflightKind.Import, site);
        Progress = new TransferProgressPage(clock, "Import");
        NextSteps = new NextStepsPage(operations, site);
        Relay(Bundle);
        Relay(Verification);
        Relay(Preflight);
        Relay(Progress);
        Relay(NextSteps);
    }

    public override string Title => $"Import updates into {_site.Describe()}";

    public override IReadOnlyList<WizardPage> PageOrder { get; } =
        [WizardPage.ChooseBundle, WizardPage.Verification, WizardPage.Preflight, WizardPage.Progress, WizardPage.NextSteps];

    public BundleChoicePage Bundle { get; }

    public VerificationPage Verification { get; }

    public PreflightPage Preflight { get; }

    public TransferProgressPage Progress { get; }

    public NextStepsPage NextSteps { get; }

    public ImportResult? Result { get; private set; }

    /// <summary>What the import did, shown above the next steps.</summary>
    public string ResultText => Result is null
        ? string.Empty
        : Result.WhatIf
            ? "What-if: nothing was written. Plan:" + Environment.NewLine + string.Join(Environment.NewLine, Result.PlannedActions)
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
        _ => false,
    };

    public override bool CanGoNext => CurrentPage switch
    {
        WizardPage.ChooseBundle => true,
        WizardPage.Verification => Verification.IsAccepted,
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

    public override Task StartAsync()
    {
        CurrentPage = WizardPage.ChooseBundle;
        return Task.CompletedTask;
    }

    public Task RerunPreflightAsync() => Preflight.RunAsync(Lifetime);

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
            case WizardPage.Verification:
                _request = new ImportRequest(_site, Bundle.BundlePath.Trim(), Bundle.WhatIf);
                CurrentPage = WizardPage.Preflight;
                await Preflight.RunAsync(Lifetime);
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

        CurrentPage = CurrentPage == WizardPage.Preflight ? WizardPage.Verification : WizardPage.ChooseBundle;
    }

    // Cancel while the bundle is hashed stops the hashing and keeps the window (Back, then Next verifies again).
    protected override bool TryCancelRun() =>
        (Progress.IsActive && Progress.RequestCancel()) || (CurrentPage == WizardPage.Verification && Verification.RequestCancel());

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
            await NextSteps.LoadAsync(Lifetime);
        }
    }
}
