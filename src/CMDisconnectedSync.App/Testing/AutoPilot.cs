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
/// failure when a page shows an error or does not settle in time. It clicks the buttons an admin would (the home
/// window's Export…, the wizard's Next, Subscribe selected, Run full sync now, the status window's Resume…) and ticks
/// boxes through the controls, so the click handlers run too. Every captured page is measured for clipped text
/// (<see cref="TextFitInspector"/>) into <c>clipped.txt</c>. How the walked scenario is meant to end is
/// <see cref="ExpectedOutcome"/> (<c>--expect</c>): a run that fails is the walk's failure unless the scenario expects
/// its failure page, which is then captured, checked and closed. The UI smoke test runs it under Xvfb.
/// </summary>
internal sealed class AutoPilot : IDisposable
{
    /// <summary>The whole walk, within the UI test's three minutes: a resume walk verifies and imports on a busy build machine.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(140);
    private readonly Form _form;
    private readonly string? _screenshots;
    private readonly string _prefix;
    private readonly System.Windows.Forms.Timer _timer = new() { Interval = 300 };
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly HashSet<string> _captured = [];
    private int _shots;
    private bool _acting;
    private bool _capturing;
    private bool _serverCheckOpened;
    private bool _exportOpened;
    private int _reviewStage;
    private readonly HashSet<WizardPresenter> _watched = [];
    private bool _trustOpened;
    private bool _trustFinished;
    private bool _trustCaptured;
    private readonly ExpectedOutcome _expect;
    private bool _resumeClicked;
    private bool _failureWalked;

    public AutoPilot(Form form, string? screenshotFolder, LaunchAction action, ExpectedOutcome expect)
    {
        _form = form;
        _expect = expect;
        _screenshots = screenshotFolder;
        _prefix = action.ToString().ToLowerInvariant();
        if (_screenshots is not null)
        {
            Directory.CreateDirectory(_screenshots);
            // Written even when nothing is clipped, so the test tells "measured, all fits" from "never measured".
            File.WriteAllText(ClippedFile, string.Empty);
        }

        // A question before closing (e.g. ticked but not subscribed) is answered yes and written down for the test.
        Ui.UnattendedAnswer = question =>
        {
            if (_screenshots is not null)
            {
                File.AppendAllText(Path.Combine(_screenshots, "questions.txt"), question + Environment.NewLine);
            }

            return true;
        };

        _timer.Tick += (_, _) => Tick();
        form.Shown += (_, _) => _timer.Start();
        if (form is WizardForm wizardForm)
        {
            Watch(wizardForm.Wizard);
        }
        form.FormClosed += (_, _) =>
        {
            _timer.Stop();
            if (_expect == ExpectedOutcome.Failure && !_failureWalked)
            {
                Failure ??= "the scenario expects the run to end on its failure page, but the window closed without one";
            }
        };
    }

    /// <summary>Why the walk failed; null when every page rendered and the window closed normally.</summary>
    public string? Failure { get; private set; }

    private string ClippedFile => Path.Combine(_screenshots!, "clipped.txt");

    /// <summary>The window on top: a dialog opened from the root window, or the root window itself.</summary>
    private Form Active => Application.OpenForms.Cast<Form>().LastOrDefault(f => f.Visible) ?? _form;

    /// <summary>Progress is captured on the change itself, not on a timer tick, so a fast lab run cannot slip past it.</summary>
    private void Watch(WizardPresenter wizard)
    {
        if (_watched.Add(wizard))
        {
            wizard.Changed += (_, _) => OnWizardChanged(wizard);
        }
    }

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

            // The content request dialog opened from Next steps (modal over it), walked until it is written and closed.
            if (_form is not ContentRequestForm
                && Application.OpenForms.OfType<ContentRequestForm>().FirstOrDefault(f => !f.IsDisposed && f.Visible) is { } request)
            {
                Step(request);
                return;
            }

            // Only a trust dialog still asking counts: once it has trusted, it closes itself, and Mono may list a closed
            // modal form in OpenForms for a while; stepping that one instead of the wizard stalled the walk until its
            // deadline (seen in CI: the signer was trusted, then nothing moved).
            if (Application.OpenForms.OfType<TrustSignerForm>().FirstOrDefault(f => !f.IsDisposed && f.Visible && f.Dialog.Result is null) is { } trust)
            {
                Step(trust);
                return;
            }

            switch (_form)
            {
                case HomeForm home:
                    Step(home);
                    break;
                case WizardForm wizard:
                    Step(wizard);
                    break;
                case NextStepsForm nextSteps:
                    Step(nextSteps);
                    break;
                case ContentRequestForm contentRequest:
                    Step(contentRequest);
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

    /// <summary>The home window: captured, then Export… clicked; the export wizard walked; then the home window closed.</summary>
    private void Step(HomeForm home)
    {
        if (Active is WizardForm wizard)
        {
            Step(wizard);
            return;
        }

        if (Active != home)
        {
            return;
        }

        if (!_exportOpened)
        {
            Capture("home");
            _exportOpened = true;
            // Posted, not called: the wizard is modal, and this tick must return before its loop starts.
            var export = home.ButtonFor(Presentation.Home.HomeCommand.Export);
            home.BeginInvoke(new Action(export.PerformClick));
            return;
        }

        if (!_captured.Contains("ExportSummary"))
        {
            Fail("the export wizard closed before its summary");
            return;
        }

        Capture("home-after-export");
        home.Close();
    }

    /// <summary>
    /// Next steps on its own: tick two subscribable rows in the list, Subscribe selected, then Run full sync now and
    /// wait for its result (captured while it runs and after), then Request content for these updates… (the dialog is
    /// walked: every group ticked, Write request), then Close: nothing is left unsaved, so nothing asks.
    /// </summary>
    private void Step(NextStepsForm form)
    {
        var page = form.Page;
        if (page.IsBusy || (_reviewStage == 0 && page.Groups.Count == 0))
        {
            return;
        }

        CheckNoError(page.Error);
        if (Failure is not null)
        {
            return;
        }

        switch (_reviewStage)
        {
            case 0:
                var rows = form.View.Tree.Nodes.Cast<TreeNode>().SelectMany(h => h.Nodes.Cast<TreeNode>())
                    .Where(n => n.Tag is Presentation.NextSteps.CategoryChoice { IsSelectable: true }).Take(2).ToList();
                if (rows.Count == 0)
                {
                    Fail("the lab offers nothing to subscribe");
                    return;
                }

                rows.ForEach(row => row.Checked = true);
                Capture("review");
                _reviewStage = 1;
                Click(form, "Subscribe selected");
                break;
            case 1:
                Capture("subscribed");
                _reviewStage = 2;
                Click(form, "Run full sync now");
                if (page.IsSyncing)
                {
                    Capture("full-sync");
                }

                break;
            case 2:
                Capture("synced");
                _reviewStage = 3;
                // Posted, not called: the content request dialog is modal, and this tick must return before its loop starts.
                var request = Find<Button>(form, "Request content for these updates");
                if (request is null || !request.Enabled)
                {
                    Fail("the button 'Request content for these updates' is " + (request is null ? "missing" : "disabled"));
                    return;
                }

                form.BeginInvoke(new Action(request.PerformClick));
                break;
            default:
                if (Application.OpenForms.OfType<ContentRequestForm>().Any(f => !f.IsDisposed && f.Visible))
                {
                    return;
                }

                if (!_captured.Contains("request-written"))
                {
                    Fail("the content request dialog closed before its request was written");
                    return;
                }

                _form.Close();
                break;
        }
    }

    /// <summary>
    /// The content request dialog: once the site answered, tick the first group when none is (the Next steps entry),
    /// capture, Write request, then capture the result, note where the request went (<c>request.txt</c>) and close.
    /// </summary>
    private void Step(ContentRequestForm form)
    {
        var dialog = form.Dialog;
        if (dialog.IsBusy || (dialog.Groups.Count == 0 && dialog.Error is null))
        {
            return;
        }

        CheckNoError(dialog.Error);
        if (Failure is not null)
        {
            return;
        }

        if (dialog.Result is { } saved)
        {
            if (_screenshots is not null)
            {
                File.WriteAllText(Path.Combine(_screenshots, "request.txt"), saved.Path + Environment.NewLine + saved.KeptCopyPath + Environment.NewLine);
            }

            Capture("request-written");
            form.Close();
            return;
        }

        if (dialog.Draft is null)
        {
            if (dialog.Groups.All(g => !g.IsChecked))
            {
                // Opened from Next steps with nothing ticked: tick every group through the list, as an admin might.
                for (var i = 0; i < dialog.Groups.Count; i++)
                {
                    form.SetGroupChecked(i, true);
                }
            }

            return;
        }

        if (!_captured.Contains("request"))
        {
            Capture("request");
            Click(form, "Write request");
        }
    }

    /// <summary>Clicks the enabled button named <paramref name="accessibleName"/> in <paramref name="window"/>.</summary>
    private void Click(Control window, string accessibleName)
    {
        var button = Find<Button>(window, accessibleName);
        if (button is null || !button.Enabled)
        {
            Fail($"the button '{accessibleName}' is {(button is null ? "missing" : "disabled")}");
            return;
        }

        button.PerformClick();
    }

    private static T? Find<T>(Control root, string accessibleName)
        where T : Control
    {
        foreach (Control child in root.Controls)
        {
            if (child is T match && match.AccessibleName == accessibleName)
            {
                return match;
            }

            if (Find<T>(child, accessibleName) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }

    /// <summary>The status window, then its "Check this server" (opened as the admin would, checked, captured, closed).</summary>
    private void Step(StatusForm status)
    {
        if (_expect == ExpectedOutcome.Resumed)
        {
            StepResume(status);
            return;
        }

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

    /// <summary>
    /// <c>--expect resumed</c>: the status window with the unfinished run selected is captured, Resume… is clicked, the
    /// wizard it opens is walked to its end like any wizard, and the status window is captured again and closed.
    /// </summary>
    private void StepResume(StatusForm status)
    {
        if (Active is WizardForm wizard)
        {
            Step(wizard);
            return;
        }

        if (Active != status)
        {
            return;
        }

        if (!_resumeClicked)
        {
            CheckNoError(status.Status.Error);
            status.SelectFirstResumableRun();
            Capture("status");
            var resume = Find<Button>(status, "Resume the selected run");
            if (Failure is not null || resume is null || !resume.Enabled)
            {
                Fail("the status window offers no run to resume (Resume… is " + (resume is null ? "missing" : "disabled") + ")");
                return;
            }

            _resumeClicked = true;
            // Posted, not called: the wizard is modal, and this tick must return before its loop starts.
            status.BeginInvoke(new Action(resume.PerformClick));
            return;
        }

        if (!_captured.Contains("NextSteps"))
        {
            Fail("the wizard Resume… opened closed before the run finished");
            return;
        }

        CheckNoError(status.Status.Error);
        Capture("status-after-resume");
        _form.Close();
    }

    /// <summary>Opens the trust dialog as the verification page's button does; when it and the verification after it are done, says so.</summary>
    private async Task TrustThenVerifyAgainAsync(WizardForm wizard)
    {
        try
        {
            await wizard.ShowTrustSignerAsync();
        }
        finally
        {
            _trustFinished = true;
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

        if (!trust.Dialog.CanTrust)
        {
            // Trust is being written, or written: the dialog closes itself when it is done.
            return;
        }

        if (!_trustCaptured)
        {
            Capture("Trust");
            _trustCaptured = true;
        }

        // Pressed again on a later tick only if this press was lost (the presenter still asks: not busy, no result);
        // pressing while the trust is written is refused by the presenter itself (CanTrust).
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

    private void Step(WizardForm form)
    {
        var wizard = form.Wizard;
        Watch(wizard);
        var page = wizard.CurrentPage;
        var name = page.ToString();
        if (_expect == ExpectedOutcome.Failure && page is WizardPage.NextSteps or WizardPage.ExportSummary)
        {
            Fail("the scenario expects the run to end on its failure page, but it finished");
            return;
        }

        switch (wizard)
        {
            case ExportWizard export:
                if (page == WizardPage.Preflight && !Settled(export.Preflight))
                {
                    return;
                }

                if (page == WizardPage.Progress || (page == WizardPage.ExportOptions && export.Options.IsLoadingChain))
                {
                    return;
                }

                if (page == WizardPage.ExportOptions && !_captured.Contains("ExportSummary-whatif"))
                {
                    // First a plan: tick What-if as the admin would (the check box tells the presenter).
                    var whatIf = Find<CheckBox>(form, "What-if");
                    if (whatIf is null)
                    {
                        Fail("the What-if check box is missing");
                        return;
                    }

                    whatIf.Checked = true;
                }

                if (page == WizardPage.ExportSummary && export.Result?.WhatIf == true)
                {
                    // Then "Run it now" from the plan's summary.
                    name = "ExportSummary-whatif";
                }

                break;
            case ImportWizard import:
                if ((page == WizardPage.Preflight && !Settled(import.Preflight))
                    || (page == WizardPage.Verification && import.Verification.IsRunning)
                    || (page == WizardPage.NextSteps && (import.NextSteps.IsBusy || import.NextSteps.Groups.Count == 0)))
                {
                    return;
                }

                if (page == WizardPage.Progress || (page == WizardPage.DeploymentContent && import.DeploymentContent.IsLoading))
                {
                    return;
                }

                if (page == WizardPage.DeploymentContent)
                {
                    // The admin's choice as the page offers it (the site's first package, for the lab LAB00001); a choice
                    // the page refused on Next would leave the walk on this page, so its reasons are the walk's failure.
                    CheckNoError(import.DeploymentContent.LoadError);
                    if (import.DeploymentContent.Issues.Count > 0)
                    {
                        Fail("the Deployment content page refused its choice: " + string.Join(" ", import.DeploymentContent.Issues.Select(i => i.Message)));
                        return;
                    }
                }

                if (page == WizardPage.Verification && import.Verification.UntrustedSigner is not null && !_trustOpened)
                {
                    // An untrusted signer is trusted from the GUI as an admin would: read the certificate, type its thumbprint.
                    Capture("Verification-untrusted");
                    _trustOpened = true;
                    var wizardForm = form;
                    wizardForm.BeginInvoke(new Action(() => _ = TrustThenVerifyAgainAsync(wizardForm)));
                    return;
                }

                if (page == WizardPage.Verification && _trustOpened && !_trustFinished)
                {
                    // The trust dialog is open, or has just closed and the bundle is about to be verified again: until
                    // then the page still shows the refusal from before the trust. Reading that as "refused" closed the
                    // walk mid-verification, which then never exited (the hang seen in CI: Trust, then Verification-refused).
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
                    if (_screenshots is not null)
                    {
                        // The receipt line as shown, for the walk to check it names the receipt the import wrote.
                        File.WriteAllText(Path.Combine(_screenshots, "receipt.txt"), import.NextSteps.ReceiptText);
                        File.WriteAllText(Path.Combine(_screenshots, "result.txt"), import.ResultText);
                        File.WriteAllText(Path.Combine(_screenshots, "package.txt"), import.PackageText);
                    }

                    var first = import.NextSteps.Groups.SelectMany(g => g.Items).Where(i => i.IsSelectable).Take(2).ToList();
                    first.ForEach(choice => import.NextSteps.SetChecked(choice, true));
                }

                break;
        }

        if (Failure is not null || _captured.Contains(name))
        {
            return;
        }

        Capture(name);
        if (!wizard.CanGoNext || !form.NextButton.Enabled)
        {
            Fail($"Next is disabled on '{name}'");
            return;
        }

        // Clicked, not awaited: a run takes many ticks, and the progress page must be watched (and captured) meanwhile.
        form.NextButton.PerformClick();
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
        if (progress.State == RunState.Failed && _expect == ExpectedOutcome.Failure)
        {
            WalkFailurePage(progress);
        }
        else if (progress.State is RunState.Failed or RunState.Cancelled)
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

    /// <summary>
    /// The expected failure page: captured, then checked as the admin needs it (Open log and Copy details there and
    /// enabled; the text shown written to <c>failure.txt</c> for the test to read), then closed with its Close button.
    /// </summary>
    private void WalkFailurePage(TransferProgressPage progress)
    {
        if (_failureWalked)
        {
            return;
        }

        _failureWalked = true;
        var window = Active;
        Capture("Progress-failed");
        foreach (var button in new[] { "Open the log", "Copy the details to the clipboard" })
        {
            if (Find<Button>(window, button) is not { Visible: true, Enabled: true })
            {
                Fail($"the failure page has no enabled '{button}' button");
                return;
            }
        }

        if (_screenshots is not null)
        {
            // What the page shows (the scrollable box), then what Copy details puts on the clipboard.
            var shown = Find<TextBox>(window, "Run status")?.Text ?? "(no run status box)";
            File.WriteAllText(Path.Combine(_screenshots, "failure.txt"), shown + Environment.NewLine + "----" + Environment.NewLine + progress.FailureDetails);
        }

        if (Find<Button>(window, "Close") is not { Enabled: true } close)
        {
            Fail("the failure page offers no Close");
            return;
        }

        // Posted: this runs inside the wizard's change notification.
        window.BeginInvoke(new Action(close.PerformClick));
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

        var active = Active;
        active.Refresh();
        Application.DoEvents();
        if (_screenshots is null)
        {
            return;
        }

        var clipped = TextFitInspector.Inspect(active);
        if (clipped.Count > 0)
        {
            File.AppendAllLines(ClippedFile, clipped.Select(c => c.ToLine(page)));
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
        // A wizard closed mid-run stops safely first and stays open until the run has stopped, which can hold a modal
        // loop (and the process) open: the failure is decided, so an unattended run ends regardless, saying why.
        var failure = Failure;
        _ = Task.Delay(TimeSpan.FromSeconds(20)).ContinueWith(
            _ =>
            {
                Console.Error.WriteLine("CMDisconnectedSync auto-advance: " + failure + " (the window did not close after the failure)");
                Environment.Exit(AppLauncher.ExitUnhandledError);
            },
            TaskScheduler.Default);
        foreach (var dialog in Application.OpenForms.OfType<Form>().Where(f => f is ServerCheckForm or TrustSignerForm || (f is WizardForm && f != _form)).ToList())
        {
            dialog.Close();
        }

        _form.Close();
    }

    private string Describe() => Active is WizardForm wizard ? wizard.Wizard.CurrentPage.ToString() : Active.Text;
}
