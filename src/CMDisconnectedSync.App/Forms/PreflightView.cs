using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Preflight page: each check with a status icon, what was found and how to fix it.</summary>
internal sealed class PreflightView : PageView
{
    private readonly PreflightPage _page;
    private readonly Label _summary;
    private readonly ListView _checks;
    private readonly TextBox _hint;
    private readonly Button _rerun;
    private IReadOnlyList<PreflightCheck>? _shownChecks;

    public PreflightView(PreflightPage page, Func<Task> rerun)
        : base("Preflight checks")
    {
        _page = page;
        _summary = Ui.Message("Preflight summary");
        _checks = Ui.DetailsList("Preflight checks", ("Check", 300), ("Result", 300));
        _checks.SmallImageList = Ui.StateImages();
        _hint = new TextBox
        {
            Multiline = true,
            ReadOnly = true,
            Dock = DockStyle.Fill,
            ScrollBars = ScrollBars.Vertical,
            AccessibleName = "Selected check: detail and fix",
            TabStop = true,
        };
        _rerun = Ui.Button("&Run checks again", "Run checks again", 160);
        _rerun.Click += async (_, _) => await rerun();
        _checks.SelectedIndexChanged += (_, _) => ShowSelected();

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, RowCount = 3 };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 65));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 35));
        layout.Controls.Add(_summary, 0, 0);
        layout.Controls.Add(_rerun, 1, 0);
        layout.Controls.Add(_checks, 0, 1);
        layout.SetColumnSpan(_checks, 2);
        layout.Controls.Add(_hint, 0, 2);
        layout.SetColumnSpan(_hint, 2);
        Controls.Add(layout);
    }

    public override Control FirstFocus => _checks;

    public override void Render()
    {
        _summary.Text = _page.Summary;
        _summary.ForeColor = _page.HasFailures || _page.Error is not null ? Ui.ErrorColor : System.Drawing.SystemColors.ControlText;
        _rerun.Enabled = !_page.IsRunning;
        if (_page.Error is not null)
        {
            // Why the checks could not run goes where the admin reads details, in full.
            _hint.ForeColor = Ui.ErrorColor;
            _hint.Text = _page.Error;
            _shownChecks = null;
            _checks.Items.Clear();
            return;
        }

        _hint.ForeColor = System.Drawing.SystemColors.WindowText;
        if (ReferenceEquals(_shownChecks, _page.Checks))
        {
            return;
        }

        _shownChecks = _page.Checks;
        _checks.BeginUpdate();
        _checks.Items.Clear();
        foreach (var check in _page.Checks)
        {
            var item = new ListViewItem(check.Name, check.Status.ToString()) { Tag = check };
            item.SubItems.Add(check.Status == CheckStatus.Pass ? check.Detail : $"{Verdict(check.Status)}: {check.Detail}");
            _checks.Items.Add(item);
        }

        _checks.EndUpdate();
        var first = _checks.Items.Cast<ListViewItem>().FirstOrDefault(i => ((PreflightCheck)i.Tag).Status != CheckStatus.Pass)
                    ?? (_checks.Items.Count > 0 ? _checks.Items[0] : null);
        if (first is not null)
        {
            first.Selected = true;
        }

        ShowSelected();
    }

    private void ShowSelected()
    {
        if (_checks.SelectedItems.Count == 0 || _checks.SelectedItems[0].Tag is not PreflightCheck check)
        {
            _hint.Text = _page.Checks.Count == 0 ? string.Empty : "Select a check to see its detail and fix.";
            return;
        }

        _hint.Text = check.Name + ": " + Verdict(check.Status) + Environment.NewLine + check.Detail
                     + (check.FixHint.Length == 0 ? string.Empty : Environment.NewLine + Environment.NewLine + "What to do: " + check.FixHint);
    }

    private static string Verdict(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "Passed",
        CheckStatus.Warn => "Warning",
        _ => "Failed",
    };
}
