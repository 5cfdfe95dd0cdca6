using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Logs;
using CMDisconnectedSync.App.Presentation.Wizards;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// The wizard window: header, page list on the left, the current page, Back/Next/Cancel. All decisions are the
/// presenter's; this form renders it and forwards the buttons. Enter = Next (AcceptButton), Esc = Cancel.
/// </summary>
internal sealed class WizardForm : Form
{
    private readonly WizardPresenter _wizard;
    private readonly IReadOnlyDictionary<WizardPage, PageView> _views;
    private readonly Label _heading;
    private readonly Label _pageTitle;
    private readonly Panel _pageHost;
    private readonly List<Label> _pageLabels = [];
    private readonly FlowLayoutPanel _nav;
    private readonly Button _back;
    private readonly Button _next;
    private readonly Button _cancel;
    private readonly Font _currentPageFont;
    private readonly string? _banner;
    private WizardPage? _shownPage;
    private bool _closeApproved;

    private WizardForm(WizardPresenter wizard, IReadOnlyDictionary<WizardPage, PageView> views, string? banner)
    {
        _wizard = wizard;
        _views = views;
        _banner = banner;
        Ui.PrepareForm(this, (banner is null ? string.Empty : "[LAB] ") + wizard.Title, new Size(900, 640));
        AccessibleName = wizard.Title;
        _currentPageFont = new Font(Font, FontStyle.Bold);

        var header = new Panel { Dock = DockStyle.Top, Height = 64, BackColor = SystemColors.Window, Padding = new Padding(16, 8, 16, 4) };
        _heading = new Label
        {
            Text = wizard.Title,
            Dock = DockStyle.Top,
            Height = 28,
            Font = new Font(SystemFonts.MessageBoxFont.FontFamily, 13F, FontStyle.Bold),
            AccessibleName = "Wizard title",
        };
        _pageTitle = new Label { Dock = DockStyle.Top, Height = 22, AccessibleName = "Page title" };
        header.Controls.Add(_pageTitle);
        header.Controls.Add(_heading);

        var nav = _nav = new FlowLayoutPanel
        {
            Dock = DockStyle.Left,
            Width = 170,
            FlowDirection = FlowDirection.TopDown,
            WrapContents = false,
            Padding = new Padding(12, 12, 4, 4),
            BackColor = SystemColors.Control,
            AccessibleName = "Wizard steps",
            AccessibleRole = AccessibleRole.List,
        };
        ListPages();
        _pageHost = new Panel { Dock = DockStyle.Fill, AccessibleName = "Page", Padding = new Padding(4) };

        var buttons = new FlowLayoutPanel
        {
            Dock = DockStyle.Bottom,
            Height = 46,
            FlowDirection = FlowDirection.RightToLeft,
            Padding = new Padding(8, 8, 12, 8),
            AccessibleName = "Wizard buttons",
        };
        _cancel = Ui.Button("Cancel", "Cancel");
        _next = Ui.Button("&Next >", "Next", 120);
        _back = Ui.Button("< &Back", "Back");
        buttons.Controls.Add(_cancel);
        buttons.Controls.Add(_next);
        buttons.Controls.Add(_back);
        _next.TabIndex = 0;
        _back.TabIndex = 1;
        _cancel.TabIndex = 2;

        var separator = new Label { Dock = DockStyle.Bottom, Height = 2, BorderStyle = BorderStyle.Fixed3D };
        var headerLine = new Label { Dock = DockStyle.Top, Height = 2, BorderStyle = BorderStyle.Fixed3D };

        // Docking order: fill first, then the edges outward.
        Controls.Add(_pageHost);
        Controls.Add(nav);
        Controls.Add(headerLine);
        Controls.Add(header);
        Controls.Add(separator);
        Controls.Add(buttons);
        if (banner is not null)
        {
            Controls.Add(Ui.Banner(banner));
        }

        AcceptButton = _next;
        CancelButton = _cancel;
        _next.Click += async (_, _) =>
        {
            if (_wizard.NextFinishes && _wizard.CloseQuestion is { } question && !Ui.Confirm(this, question))
            {
                return;
            }

            await _wizard.GoNextAsync();
        };
        _back.Click += (_, _) => _wizard.GoBack();
        _cancel.Click += (_, _) => Close();
        _wizard.Changed += (_, _) => RenderOnUiThread();
        Shown += async (_, _) =>
        {
            Render();
            await _wizard.StartAsync();
        };
    }

    public WizardPresenter Wizard => _wizard;

    public PageView CurrentView => _views[_wizard.CurrentPage];

    public static WizardForm ForExport(ExportWizard wizard, string? banner, LogViewer logViewer) => new(
        wizard,
        new Dictionary<WizardPage, PageView>
        {
            [WizardPage.Preflight] = new PreflightView(wizard.Preflight, wizard.RerunPreflightAsync),
            [WizardPage.ExportOptions] = new ExportOptionsView(wizard.Options),
            [WizardPage.Progress] = new ProgressView(wizard.Progress),
            [WizardPage.ExportSummary] = new ExportSummaryView(wizard, logViewer),
        },
        banner);

    public static WizardForm ForImport(ImportWizard wizard, string? banner)
    {
        WizardForm? form = null;
        form = new(
            wizard,
            new Dictionary<WizardPage, PageView>
            {
                [WizardPage.ChooseBundle] = new BundleChoiceView(wizard.Bundle),
                [WizardPage.Verification] = new VerificationView(wizard.Verification, () => form?.ShowTrustSignerAsync() ?? Task.CompletedTask),
                [WizardPage.DeploymentContent] = new DeploymentContentView(wizard.DeploymentContent, wizard.ReloadDeploymentPackagesAsync),
                [WizardPage.Preflight] = new PreflightView(wizard.Preflight, wizard.RerunPreflightAsync),
                [WizardPage.Progress] = new ProgressView(wizard.Progress),
                [WizardPage.NextSteps] = new ImportFinishView(new NextStepsView(wizard.NextSteps, () => wizard.ResultText, banner), () => wizard.PackageText),
            },
            banner);
        return form;
    }

    /// <summary>
    /// "Trust this certificate…" on the verification page (modal); when the admin trusted it, the bundle is verified
    /// again on this page.
    /// </summary>
    public async Task ShowTrustSignerAsync()
    {
        if (_wizard is not ImportWizard import || import.CreateTrustDialog() is not { } dialog)
        {
            return;
        }

        using var trust = new TrustSignerForm(dialog, _banner);
        if (trust.ShowDialog(this) == DialogResult.OK && dialog.Result is not null)
        {
            await import.VerifyAgainAsync();
        }
    }

    /// <summary>The Next button, for the test hook that clicks through the wizard as an admin would.</summary>
    internal Button NextButton => _next;

    protected override void OnFormClosing(FormClosingEventArgs e)
    {
        if (!_closeApproved && !_wizard.IsFinished && e.CloseReason == CloseReason.UserClosing
            && _wizard.CloseQuestion is { } question && !Ui.Confirm(this, question))
        {
            e.Cancel = true;
            return;
        }

        if (!_closeApproved && !_wizard.IsFinished && !_wizard.RequestClose())
        {
            // A run is stopping safely; the progress page says when it has. Closing then is allowed.
            e.Cancel = true;
            Render();
            return;
        }

        _closeApproved = true;
        base.OnFormClosing(e);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _wizard.Dispose();
            _currentPageFont.Dispose();
        }

        base.Dispose(disposing);
    }

    private void RenderOnUiThread()
    {
        if (IsDisposed)
        {
            return;
        }

        if (InvokeRequired)
        {
            BeginInvoke(new Action(Render));
            return;
        }

        Render();
    }

    private void Render()
    {
        if (_wizard.IsFinished)
        {
            _closeApproved = true;
            Close();
            return;
        }

        var page = _wizard.CurrentPage;
        var view = _views[page];
        if (!_pageLabels.Select(l => l.Text).SequenceEqual(_wizard.PageOrder.Select(WizardPresenter.TitleOf)))
        {
            // A page joined or left the steps (the import's Deployment content, for a bundle that carries some).
            ListPages();
            _shownPage = null;
        }

        if (_shownPage != page)
        {
            _pageHost.SuspendLayout();
            _pageHost.Controls.Clear();
            _pageHost.Controls.Add(view);
            _pageHost.ResumeLayout(true);
            _shownPage = page;
            var index = IndexOf(page);
            _pageTitle.Text = $"Step {index + 1} of {_wizard.PageOrder.Count}: {WizardPresenter.TitleOf(page)}";
            for (var i = 0; i < _pageLabels.Count; i++)
            {
                _pageLabels[i].Font = i == index ? _currentPageFont : Font;
                _pageLabels[i].ForeColor = i < index ? SystemColors.GrayText : SystemColors.ControlText;
            }

            view.Render();
            (view.FirstFocus ?? _next).Focus();
        }
        else
        {
            view.Render();
        }

        _back.Enabled = _wizard.CanGoBack;
        _next.Enabled = _wizard.CanGoNext;
        _next.Text = _wizard.NextLabel;
        _next.AccessibleName = _wizard.NextLabel.Replace("&", string.Empty);
        _cancel.Text = _wizard.CancelLabel;
        _cancel.AccessibleName = _wizard.CancelLabel;
    }

    /// <summary>The step list on the left, from the wizard's current page order.</summary>
    private void ListPages()
    {
        _nav.SuspendLayout();
        _nav.Controls.Clear();
        _pageLabels.ForEach(l => l.Dispose());
        _pageLabels.Clear();
        foreach (var page in _wizard.PageOrder)
        {
            var label = new Label
            {
                Text = WizardPresenter.TitleOf(page),
                AutoSize = true,
                Margin = new Padding(3, 6, 3, 6),
                AccessibleRole = AccessibleRole.ListItem,
                AccessibleName = WizardPresenter.TitleOf(page),
            };
            _pageLabels.Add(label);
            _nav.Controls.Add(label);
        }

        _nav.ResumeLayout(true);
    }

    private int IndexOf(WizardPage page)
    {
        for (var i = 0; i < _wizard.PageOrder.Count; i++)
        {
            if (_wizard.PageOrder[i] == page)
            {
                return i;
            }
        }

        return 0;
    }
}
