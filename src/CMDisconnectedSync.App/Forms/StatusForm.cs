using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Status window: last sequences, sync state per SUP, recent runs (double-click or Open log), Check this server.</summary>
internal sealed class StatusForm : ToolDialogForm
{
    private readonly StatusWindow _status;
    private readonly Label _sequences;
    private readonly ListView _sups;
    private readonly ListView _runs;
    private readonly Label _error;
    private readonly TextBox _selected;
    private readonly Button _openLog;
    private readonly Button _resume;
    private readonly Button _refresh;
    private readonly Action<RunRecord>? _resumeRun;

    /// <param name="status">The presenter.</param>
    /// <param name="banner">The lab notice, or null.</param>
    /// <param name="resumeRun">Opens the wizard that resumes a cancelled or failed run (modal); null offers no Resume.</param>
    public StatusForm(StatusWindow status, string? banner, Action<RunRecord>? resumeRun = null)
        : base(status.Title, new Size(1000, 600), banner)
    {
        _status = status;
        _resumeRun = resumeRun;
        _sequences = Ui.Message("Last sequences");
        _sequences.Font = new Font(SystemFonts.MessageBoxFont, FontStyle.Bold);
        _sups = Ui.DetailsList("Software update points", ("Update point", 170), ("Site", 50), ("State time", 175), ("Last success", 175), ("Last sync state", 260));
        _runs = Ui.DetailsList("Recent runs", ("Started", 185), ("Run", 60), ("Bundle", 300), ("Outcome", 90), ("Stopped at", 150), ("Detail", 160));
        _runs.ShowItemToolTips = true;
        _runs.DoubleClick += (_, _) => OpenSelectedLog();
        _runs.SelectedIndexChanged += (_, _) => RenderSelection();
        // The selected run uncut (the columns cut paths and messages): bundle, step, what went wrong, what to do, log.
        _selected = new TextBox
        {
            Multiline = true,
            ReadOnly = true,
            WordWrap = true,
            ScrollBars = ScrollBars.Vertical,
            Dock = DockStyle.Fill,
            AccessibleName = "Selected run",
            Text = "Select a run to see it in full.",
        };
        _error = Ui.Message("Status error");
        _error.ForeColor = Ui.ErrorColor;
        _openLog = Ui.Button("Open &log", "Open the selected run's log", 110);
        _openLog.Enabled = false;
        _openLog.Click += (_, _) => OpenSelectedLog();
        _resume = Ui.Button("Re&sume…", "Resume the selected run", 100);
        _resume.Enabled = false;
        _resume.Click += async (_, _) => await ResumeSelectedAsync();
        _refresh = Ui.Button("&Refresh", "Refresh");
        _refresh.Click += async (_, _) => await _status.RefreshAsync(Lifetime);
        var checkServer = Ui.Button("Check this &server…", "Check this server against what CMDisconnectedSync expects", 180);
        checkServer.Click += (_, _) => ShowServerCheck();
        var close = Ui.Button("Close", "Close");
        close.Click += (_, _) => Close();

        var buttons = ButtonRow(close, _refresh, _openLog, _resume, checkServer);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 8, Padding = new Padding(12) };
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 30));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 35));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 65));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 36));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.Controls.Add(_sequences, 0, 0);
        layout.Controls.Add(Ui.Label("Last synchronization per software update point:", "SUP heading", bold: true), 0, 1);
        layout.Controls.Add(_sups, 0, 2);
        layout.Controls.Add(Ui.Label("Recent runs (double-click to open the log; a cancelled or failed run can be resumed):", "Runs heading", bold: true), 0, 3);
        layout.Controls.Add(_runs, 0, 4);
        layout.Controls.Add(_selected, 0, 5);
        layout.Controls.Add(_error, 0, 6);
        layout.Controls.Add(buttons, 0, 7);
        SetContent(layout);

        CancelButton = close;
        status.Changed += (_, _) => Render();
        Shown += async (_, _) => await _status.RefreshAsync(Lifetime);
    }

    public StatusWindow Status => _status;

    /// <summary>Opens "Check this server" (modal); it keeps its last result while this window stays open.</summary>
    public void ShowServerCheck()
    {
        using var check = new ServerCheckForm(_status.OpenServerCheck(), Banner);
        check.ShowDialog(this);
    }

    private void Render()
    {
        _refresh.Enabled = !_status.IsLoading;
        _sequences.Text = _status.IsLoading
            ? "Reading status…"
            : $"Last export sequence: {_status.LastExportText}     Last import sequence: {_status.LastImportText}";
        _error.Text = _status.Error ?? _status.SupProblem ?? string.Empty;
        _error.ForeColor = _status.Error is null ? Ui.WarningColor : Ui.ErrorColor;
        Fill(_sups, _status.Sups.Select(s => new[] { s.Server, s.SiteCode, s.StateTime, s.LastSuccess, s.State }), null);
        Fill(_runs, _status.Runs.Select(r => new[] { r.When, r.Kind, r.Bundle, r.Outcome, r.StoppedAt, r.Detail }), _status.Runs);
        RenderSelection();
    }

    /// <summary>Open log, Resume… and the box under the list follow the selection (a refresh clears it).</summary>
    private void RenderSelection()
    {
        var run = SelectedRun;
        _openLog.Enabled = run is not null;
        _resume.Enabled = _resumeRun is not null && StatusWindow.ResumeTarget(run) is not null;
        _selected.Text = run?.Summary ?? (_status.Runs.Count == 0 ? "No runs recorded yet." : "Select a run to see it in full.");
    }

    private static void Fill(ListView list, IEnumerable<string[]> rows, IReadOnlyList<RunRow>? tags)
    {
        list.BeginUpdate();
        list.Items.Clear();
        var index = 0;
        foreach (var row in rows)
        {
            list.Items.Add(new ListViewItem(row) { Tag = tags?[index] });
            index++;
        }

        list.EndUpdate();
        foreach (ListViewItem item in list.Items)
        {
            // The row uncut on hover, as in the box under the list.
            item.ToolTipText = (item.Tag as RunRow)?.Summary ?? string.Empty;
        }
    }

    private RunRow? SelectedRun => _runs.SelectedItems.Count > 0 ? _runs.SelectedItems[0].Tag as RunRow : null;

    /// <summary>Selects the first run that can be resumed (the UI test's auto-pilot shows Resume enabled).</summary>
    public void SelectFirstResumableRun()
    {
        foreach (ListViewItem item in _runs.Items)
        {
            if (StatusWindow.ResumeTarget(item.Tag as RunRow) is not null)
            {
                item.Selected = true;
                item.Focused = true;
                _runs.Focus();
                return;
            }
        }
    }

    private async Task ResumeSelectedAsync()
    {
        if (_resumeRun is not null && StatusWindow.ResumeTarget(SelectedRun) is { } run)
        {
            _resumeRun(run);
            await _status.RefreshAsync(Lifetime);
        }
    }

    private void OpenSelectedLog()
    {
        if (_runs.SelectedItems.Count > 0 && _runs.SelectedItems[0].Tag is RunRow run)
        {
            _status.OpenLog(run);
        }
    }
}
