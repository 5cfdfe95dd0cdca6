using System.Globalization;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>Export wizard: preflight → options → progress → summary.</summary>
public sealed class ExportWizard : WizardPresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly SiteTarget _site;
    private ExportRequest? _request;

    public ExportWizard(IDisconnectedSyncOperations operations, SiteTarget site, IFileSystemProbe files, TimeProvider clock, RunLog? log = null)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _site = site ?? throw new ArgumentNullException(nameof(site));
        Preflight = new PreflightPage(operations, PreflightKind.Export, site);
        Options = new ExportOptionsPage(files);
        Progress = new TransferProgressPage(clock, "Export") { Log = log };
        Relay(Preflight);
        Relay(Options);
        Relay(Progress);
    }

    public override string Title => $"Export updates from {_site.Describe()}";

    public override IReadOnlyList<WizardPage> PageOrder { get; } =
        [WizardPage.Preflight, WizardPage.ExportOptions, WizardPage.Progress, WizardPage.ExportSummary];

    public PreflightPage Preflight { get; }

    public ExportOptionsPage Options { get; }

    public TransferProgressPage Progress { get; }

    public ExportResult? Result { get; private set; }

    /// <summary>Label/value pairs for the summary page.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SummaryDetails => Result is null ? [] : Describe(Result);

    public override bool CanGoBack => CurrentPage switch
    {
        WizardPage.ExportOptions => true,
        WizardPage.Progress => Progress.CanResume,
        _ => false,
    };

    public override bool CanGoNext => CurrentPage switch
    {
        WizardPage.Preflight => Preflight.CanContinue,
        WizardPage.ExportOptions => true,
        WizardPage.Progress => Progress.CanResume,
        WizardPage.ExportSummary => true,
        _ => false,
    };

    public override string NextLabel => CurrentPage switch
    {
        WizardPage.ExportOptions => Options.WhatIf ? "&Plan (what-if)" : "&Start export",
        WizardPage.Progress when Progress.CanResume => "&Resume",
        WizardPage.ExportSummary => "&Finish",
        _ => "&Next >",
    };

    public override string CancelLabel => CurrentPage == WizardPage.ExportSummary || Progress.CanResume ? "Close" : "Cancel";

    public override Task StartAsync()
    {
        CurrentPage = WizardPage.Preflight;
        return Preflight.RunAsync(Lifetime);
    }

    /// <summary>"Run checks again" after the admin fixed something.</summary>
    public Task RerunPreflightAsync() => Preflight.RunAsync(Lifetime);

    public override async Task GoNextAsync()
    {
        if (!CanGoNext)
        {
            return;
        }

        switch (CurrentPage)
        {
            case WizardPage.Preflight:
                CurrentPage = WizardPage.ExportOptions;
                break;
            case WizardPage.ExportOptions:
                _request = Options.TryBuildRequest(_site);
                if (_request is not null)
                {
                    CurrentPage = WizardPage.Progress;
                    await RunAsync();
                }

                break;
            case WizardPage.Progress:
                await RunAsync();
                break;
            case WizardPage.ExportSummary:
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

        CurrentPage = CurrentPage == WizardPage.Progress ? WizardPage.ExportOptions : WizardPage.Preflight;
    }

    protected override bool TryCancelRun() => Progress.IsActive && Progress.RequestCancel();

    private async Task RunAsync()
    {
        var request = _request!;
        var result = await Progress.RunAsync((progress, ct) => _operations.ExportAsync(request, progress, ct));
        if (result is not null)
        {
            Result = result;
            CurrentPage = WizardPage.ExportSummary;
        }
    }

    private static List<KeyValuePair<string, string>> Describe(ExportResult result)
    {
        var details = new List<KeyValuePair<string, string>>
        {
            new(result.WhatIf ? "Bundle would be written to" : "Bundle", result.BundlePath),
            new("Sequence", result.Sequence.ToString(CultureInfo.CurrentCulture)),
            new("Files", result.Files.ToString("N0", CultureInfo.CurrentCulture)),
            new("Size", DisplayFormat.Bytes(result.Bytes)),
            new("Signed by", result.Signer),
            new("Log", result.LogPath),
        };
        details.AddRange(result.PlannedActions.Select((line, i) =>
            new KeyValuePair<string, string>(i == 0 ? "Plan (nothing was written)" : string.Empty, line)));
        return details;
    }
}
