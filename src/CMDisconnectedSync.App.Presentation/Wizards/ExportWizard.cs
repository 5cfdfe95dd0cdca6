using System.Globalization;
using CMDisconnectedSync.App.Presentation.Host;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Progress;

namespace CMDisconnectedSync.App.Presentation.Wizards;

/// <summary>
/// Export wizard: preflight → options → progress → summary. It runs on the internet-facing WSUS server, which is
/// usually outside the ConfigMgr hierarchy (Microsoft's disconnected procedure exports from such a WSUS server), so it
/// never asks for a site: it names and works on this WSUS server only. A what-if summary offers "Run it now".
/// </summary>
public sealed class ExportWizard : WizardPresenter
{
    private readonly IDisconnectedSyncOperations _operations;
    private readonly string _wsusServer;
    private readonly SiteTarget _source;
    private ExportRequest? _request;

    /// <param name="operations">The backend.</param>
    /// <param name="wsusServer">This export WSUS server's name, as the title and messages show it.</param>
    /// <param name="files">Checks the chosen folders and files exist.</param>
    /// <param name="clock">Rates and time left on the progress page.</param>
    /// <param name="log">Open log / Copy details on a failure page.</param>
    public ExportWizard(IDisconnectedSyncOperations operations, string wsusServer, IFileSystemProbe files, TimeProvider clock, RunLog? log = null)
    {
        _operations = operations ?? throw new ArgumentNullException(nameof(operations));
        _wsusServer = string.IsNullOrWhiteSpace(wsusServer) ? throw new ArgumentException("The export WSUS server's name is required.", nameof(wsusServer)) : wsusServer;
        // The export side has no site: the requests and checks carry this WSUS server in the target's place.
        _source = new SiteTarget(_wsusServer, null, null, _wsusServer);
        Preflight = new PreflightPage(operations, PreflightKind.Export, _source);
        Options = new ExportOptionsPage(files);
        Progress = new TransferProgressPage(clock, "Export") { Log = log };
        Relay(Preflight);
        Relay(Options);
        Relay(Progress);
    }

    public override string Title => $"Export updates from WSUS server {_wsusServer}";

    public override IReadOnlyList<WizardPage> PageOrder { get; } =
        [WizardPage.Preflight, WizardPage.ExportOptions, WizardPage.Progress, WizardPage.ExportSummary];

    public PreflightPage Preflight { get; }

    public ExportOptionsPage Options { get; }

    public TransferProgressPage Progress { get; }

    public ExportResult? Result { get; private set; }

    /// <summary>Label/value pairs for the summary page.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SummaryDetails => Result is null ? [] : Describe(Result);

    /// <summary>The sentence above the summary: what happened and what the buttons do next.</summary>
    public string SummaryHeadline => Result switch
    {
        null => string.Empty,
        { WhatIf: true } => "What-if: this is the plan; nothing was written. Select Run it now to export exactly this, or Back to change the options.",
        _ => "The bundle is written and signed. Carry the whole bundle folder to the disconnected side and run Import there.",
    };

    public override bool CanGoBack => CurrentPage switch
    {
        WizardPage.ExportOptions => true,
        WizardPage.Progress => Progress.CanResume,
        WizardPage.ExportSummary => Result?.WhatIf == true,
        _ => false,
    };

    public override bool CanGoNext => CurrentPage switch
    {
        WizardPage.Preflight => Preflight.CanContinue,
        WizardPage.ExportOptions => !Options.IsLoadingChain,
        WizardPage.Progress => Progress.CanResume,
        WizardPage.ExportSummary => true,
        _ => false,
    };

    public override string NextLabel => CurrentPage switch
    {
        WizardPage.ExportOptions => Options.WhatIf ? "&Plan (what-if)" : "&Start export",
        WizardPage.Progress when Progress.CanResume => "&Resume",
        WizardPage.ExportSummary when Result?.WhatIf == true => "&Run it now",
        WizardPage.ExportSummary => "&Finish",
        _ => "&Next >",
    };

    public override bool NextFinishes => CurrentPage == WizardPage.ExportSummary && Result?.WhatIf != true;

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
                await Options.LoadChainAsync(_operations, Lifetime);
                break;
            case WizardPage.ExportOptions:
                _request = Options.TryBuildRequest(_source);
                if (_request is not null)
                {
                    CurrentPage = WizardPage.Progress;
                    await RunAsync();
                }

                break;
            case WizardPage.Progress:
                await RunAsync();
                break;
            case WizardPage.ExportSummary when Result?.WhatIf == true:
                // "Run it now": the request the plan was made for, for real.
                Options.WhatIf = false;
                _request = _request! with { WhatIf = false };
                Result = null;
                CurrentPage = WizardPage.Progress;
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

        CurrentPage = CurrentPage is WizardPage.Progress or WizardPage.ExportSummary ? WizardPage.ExportOptions : WizardPage.Preflight;
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
