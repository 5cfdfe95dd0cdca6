using System.Diagnostics;
using System.Globalization;
using System.Windows.Forms;
using CMDisconnectedSync.App.Forms;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Pages;
using CMDisconnectedSync.App.Presentation.Wizards;

namespace CMDisconnectedSync.App.Testing;

/// <summary>
/// Test hook for <c>--auto-advance</c> (only with <c>--lab</c>): walks the window through its pages as an admin would,
/// saving a screenshot of each (<c>import -window root</c>, ImageMagick) to <c>--screenshot-dir</c>, and records a
/// failure when a page shows an error or does not settle in time. The UI smoke test runs it under Xvfb.
/// </summary>
internal sealed class AutoPilot : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly Form _form;
    private readonly string? _screenshots;
    private readonly string _prefix;
    private readonly System.Windows.Forms.Timer _timer = new() { Interval = 300 };
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly HashSet<string> _captured = [];
    private int _shots;
    private bool _acting;
    private Task? _pendingNext;
    private bool _capturing;
    private bool _serverCheckOpened;
    private bool _trustOpened;

    public AutoPilot(Form form, string? screenshotFolder, LaunchAction action)
    {
        _form = form;
        _screenshots = screenshotFolder;
        _prefix = action.ToString().ToLowerInvariant();
        if (_screenshots is not null)
        {
            Directory.CreateDirectory(_screenshots);
        }

        _timer.Tick += (_, _) => Tick();
        form.Shown += (_, _) => _timer.Start();
        if (form is WizardForm wizardForm)
        {
            // Progress is captured on the change itself, not on a timer tick, so a fast lab run cannot slip past it.
            wizardForm.Wizard.Changed += (_, _) => OnWizardChanged(wizardForm.Wizard);
        }
        form.FormClosed += (_, _) => _timer.Stop();
    }

    /// <summary>Why the walk failed; null when every page rendered and the window closed normally.</summary>
    public string? Failure { get; private set; }

    private void Tick()
    {
        if (_acting)
        {
            return;
        }

        _acting = true;
        try
        {
            if (_elapsed.Elapsed > Deadline)
            {
                Fail($"timed out after {Deadline.TotalSeconds} s on '{Describe()}'");
                return;
            }

            if (_pendingNext is { IsFaulted: true } faulted)
            {
                Fail("Next threw: " + faulted.Exception!.GetBaseException());
                return;
            }

            if (Application.OpenForms.OfType<TrustSignerForm>().FirstOrDefault() is { } trust)
            {
                Step(trust);
                return;
            }

            switch (_form)
            {
                case WizardForm wizard:
                    Step(wizard.Wizard);
                    break;
                case NextStepsForm nextSteps when !nextSteps.Page.IsBusy && nextSteps.Page.Groups.Count > 0:
                    CheckNoError(nextSteps.Page.Error);
                    Capture("review");
                    _form.Close();
                    break;
                case StatusForm status when !status.Status.IsLoading && status.Status.Runs.Count > 0:
                    Step(status);
                    break;
            }
        }
        finally
        {
            _acting = false;
        }
    }

    /// <summary>The status window, then its "Check this server" (opened as the admin would, checked, captured, closed).</summary>
    private void Step(StatusForm status)
    {
        var check = Application.OpenForms.OfType<ServerCheckForm>().FirstOrDefault();
        if (check is null)
        {
            if (_captured.Contains("check"))
            {
                _form.Close();
                return;
            }

            CheckNoError(status.Status.Error);
            status.SelectFirstResumableRun();
            Capture("status");
            if (Failure is null && !_serverCheckOpened)
            {
                // Posted, not called: the check window is modal, and this tick must return before its loop starts.
                _serverCheckOpened = true;
                status.BeginInvoke(new Action(status.ShowServerCheck));
            }

            return;
        }

        if (check.Check.IsRunning || (check.Check.Report is null && check.Check.Error is null))
        {
            return;
        }

        CheckNoError(check.Check.Error);
        if (Failure is null)
        {
            check.SelectFirstProblem();
            Capture("check");
            check.Close();
        }
    }

    /// <summary>The trust dialog: types the certificate's thumbprint in groups (as read aloud from the export side), captures, trusts.</summary>
    private void Step(TrustSignerForm trust)
    {
        if (trust.Dialog.IsBusy)
        {
            return;
        }

        if (trust.Dialog.Error is { } error)
        {
            Capture("Trust-error");
            Fail("the trust dialog shows an error: " + error);
            return;
        }

        if (trust.Dialog.Match != ThumbprintMatch.Matches)
        {
            trust.TypeThumbprint(trust.Dialog.Certificate.GroupedThumbprint.ToLowerInvariant());
            return;
        }

        Capture("Trust");
        trust.PressTrust();
    }

    private void OnWizardChanged(WizardPresenter wizard)
    {
        if (wizard.CurrentPage != WizardPage.Progress || _capturing)
        {
            return;
        }

        _capturing = true;
        try
        {
            WatchProgress(wizard switch
            {
                ExportWizard export => export.Progress,
                ImportWizard import => import.Progress,
                _ => throw new NotSupportedException(wizard.GetType().Name),
            });
        }
        finally
        {
            _capturing = false;
        }
    }

    private void Step(WizardPresenter wizard)
    {
        var page = wizard.CurrentPage;
        switch (wizard)
        {
            case ExportWizard export:
                if (page == WizardPage.Preflight && !Settled(export.Preflight))
                {
                    return;
                }

                if (page == WizardPage.Progress)
                {
                    return;
                }

                break;
            case ImportWizard import:
                if ((page == WizardPage.Preflight && !Settled(import.Preflight))
                    || (page == WizardPage.Verification && import.Verification.IsRunning)
                    || (page == WizardPage.NextSteps && (import.NextSteps.IsBusy || import.NextSteps.Groups.Count == 0)))
                {
                    return;
                }

                if (page == WizardPage.Progress)
                {
                    return;
                }

                if (page == WizardPage.Verification && import.Verification.UntrustedSigner is not null && !_trustOpened)
                {
                    // An untrusted signer is trusted from the GUI as an admin would: read the certificate, type its thumbprint.
                    Capture("Verification-untrusted");
                    _trustOpened = true;
                    var wizardForm = (WizardForm)_form;
                    wizardForm.BeginInvoke(new Action(() => _ = wizardForm.ShowTrustSignerAsync()));
                    return;
                }

                if (page == WizardPage.Verification && !import.Verification.IsAccepted)
                {
                    // A refused bundle is a walk's valid end (the lab's tampered-bundle scenario): show it, then stop.
                    Capture("Verification-refused");
                    _form.Close();
                    return;
                }

                if (page == WizardPage.NextSteps)
                {
                    CheckNoError(import.NextSteps.Error);
                    var first = import.NextSteps.Groups.SelectMany(g => g.Items).Where(i => i.IsSelectable).Take(2).ToList();
                    first.ForEach(choice => import.NextSteps.SetChecked(choice, true));
                }

                break;
        }

        if (Failure is not null)
        {
            return;
        }

        Capture(page.ToString());
        if (!wizard.CanGoNext)
        {
            Fail($"Next is disabled on '{page}'");
            return;
        }

        // Not awaited: a run takes many ticks, and the progress page must be watched (and captured) meanwhile.
        _pendingNext = wizard.GoNextAsync();
    }

    private bool Settled(PreflightPage preflight)
    {
        if (preflight.IsRunning)
        {
            return false;
        }

        CheckNoError(preflight.Error);
        return Failure is null;
    }

    private void WatchProgress(TransferProgressPage progress)
    {
        if (progress.State is RunState.Failed or RunState.Cancelled)
        {
            Fail("the run stopped: " + progress.Message);
        }
        else if (progress.State == RunState.Running && progress.RateText.Length > 0 && progress.StepPercent >= 40)
        {
            Capture("Progress");
        }
        else if (progress.State == RunState.Running && progress.SyncText.Length > 0)
        {
            Capture("Progress-sync");
        }
    }

    private void CheckNoError(string? error)
    {
        if (error is not null)
        {
            Capture("error");
            Fail("the page shows an error: " + error);
        }
    }

    private void Capture(string page)
    {
        if (!_captured.Add(page))
        {
            return;
        }

        _form.Refresh();
        Application.DoEvents();
        if (_screenshots is null)
        {
            return;
        }

        _shots++;
        var file = Path.Combine(_screenshots, string.Format(CultureInfo.InvariantCulture, "{0}-{1:00}-{2}.png", _prefix, _shots, page));
        using var process = Process.Start(new ProcessStartInfo("import", $"-window root \"{file}\"") { UseShellExecute = false });
        if (process is null || !process.WaitForExit(15000) || process.ExitCode != 0)
        {
            Fail($"could not save the screenshot {file} (is ImageMagick's import installed and DISPLAY set?)");
            return;
        }

        File.AppendAllText(Path.Combine(_screenshots, "pages.txt"), $"{_prefix} {page} {Path.GetFileName(file)}{Environment.NewLine}");
    }

    public void Dispose() => _timer.Dispose();

    private void Fail(string reason)
    {
        Failure ??= reason;
        _timer.Stop();
        foreach (var dialog in Application.OpenForms.OfType<Form>().Where(f => f is ServerCheckForm or TrustSignerForm).ToList())
        {
            dialog.Close();
        }

        _form.Close();
    }

    private string Describe() => _form is WizardForm wizard ? wizard.Wizard.CurrentPage.ToString() : _form.Text;
}
