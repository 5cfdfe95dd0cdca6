using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Status;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// "Check this server": every assumption with its verdict (problems in colour), the selected one in full (found,
/// expected, source, what to do), the summary, and Save report (JSON for a support request) / Copy as text. Runs the
/// check when shown and again on demand; closing cancels a running check.
/// </summary>
internal sealed class ServerCheckForm : ToolDialogForm
{
    private readonly ServerCheckWindow _check;
    private readonly Label _intro;
    private readonly RadioButton _importSide;
    private readonly RadioButton _exportSide;
    private readonly Button _run;
    private readonly ListView _findings;
    private readonly TextBox _details;
    private readonly Label _summary;
    private readonly Label _message;
    private readonly Button _save;
    private readonly Button _copy;
    private bool _rendering;

    public ServerCheckForm(ServerCheckWindow check, string? banner)
        : base(check.Title, new Size(900, 620), banner)
    {
        _check = check;
        _intro = Ui.Message("What is checked");
        _importSide = new RadioButton { Text = "&Disconnected server (import)", AutoSize = true, AccessibleName = "Check as the import server", Margin = new Padding(6, 6, 3, 3) };
        _exportSide = new RadioButton { Text = "&Internet-facing server (export)", AutoSize = true, AccessibleName = "Check as the export server", Margin = new Padding(6, 6, 3, 3) };
        _importSide.CheckedChanged += (_, _) => ChooseSide(ServerSide.Import, _importSide.Checked);
        _exportSide.CheckedChanged += (_, _) => ChooseSide(ServerSide.Export, _exportSide.Checked);
        _run = Ui.Button("&Check again", "Run the checks again", 110);
        _run.Click += async (_, _) => await _check.RunAsync(Lifetime);
        var side = new FlowLayoutPanel { Dock = DockStyle.Fill, AutoSize = true, WrapContents = false };
        side.Controls.Add(Ui.Label("This server is the", "Side heading"));
        side.Controls.Add(_importSide);
        side.Controls.Add(_exportSide);
        side.Controls.Add(_run);

        _findings = Ui.DetailsList("Findings", ("Status", 110), ("Area", 80), ("Check", 330), ("Found", 300));
        _findings.SmallImageList = Ui.StateImages();
        _findings.SelectedIndexChanged += (_, _) => ShowSelected();
        _details = new TextBox
        {
            Dock = DockStyle.Fill,
            Multiline = true,
            ReadOnly = true,
            ScrollBars = ScrollBars.Vertical,
            AccessibleName = "Details of the selected check",
        };
        _summary = Ui.Message("Summary");
        _summary.Font = new Font(SystemFonts.MessageBoxFont, FontStyle.Bold);
        _message = Ui.Message("Check message");

        _save = Ui.Button("&Save report…", "Save the JSON report", 120);
        _save.Click += (_, _) => SaveReport();
        _copy = Ui.Button("Co&py as text", "Copy the report as text", 110);
        _copy.Click += (_, _) => CopyReport();
        var close = Ui.Button("Close", "Close");
        close.Click += (_, _) => Close();
        var buttons = ButtonRow(close, _copy, _save);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 8, Padding = new Padding(12) };
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 62));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 62));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 38));
        // Three bold lines: the findings sentence, what to do and the counts wrap on a server with several findings.
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 58));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 36));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.Controls.Add(_intro, 0, 0);
        layout.Controls.Add(side, 0, 1);
        layout.Controls.Add(_findings, 0, 2);
        layout.Controls.Add(Ui.Label("Selected check (found, expected, source, what to do):", "Details heading", bold: true), 0, 3);
        layout.Controls.Add(_details, 0, 4);
        layout.Controls.Add(_summary, 0, 5);
        layout.Controls.Add(_message, 0, 6);
        layout.Controls.Add(buttons, 0, 7);
        SetContent(layout);

        CancelButton = close;
        check.Changed += (_, _) => Render();
        Shown += async (_, _) =>
        {
            Render();
            if (_check.Report is null)
            {
                await _check.RunAsync(Lifetime);
            }
        };
    }

    public ServerCheckWindow Check => _check;

    /// <summary>Selects the first finding that needs attention (or the first one), so its details show.</summary>
    public void SelectFirstProblem()
    {
        var index = _check.Rows.ToList().FindIndex(r => r.NeedsAttention);
        if (_findings.Items.Count > 0)
        {
            _findings.Items[Math.Max(index, 0)].Selected = true;
            _findings.EnsureVisible(Math.Max(index, 0));
        }
    }

    private void ChooseSide(ServerSide side, bool isChecked)
    {
        if (_rendering || !isChecked || _check.Side == side)
        {
            return;
        }

        _check.Side = side;
        _ = _check.RunAsync(Lifetime);
    }

    private void Render()
    {
        _rendering = true;
        try
        {
            _intro.Text = _check.Intro;
            _importSide.Checked = _check.Side == ServerSide.Import;
            _exportSide.Checked = _check.Side == ServerSide.Export;
            _importSide.Enabled = _exportSide.Enabled = _run.Enabled = _check.CanRun;
            _save.Enabled = _copy.Enabled = _check.CanSave;
            _summary.Text = _check.IsRunning ? "Checking this server… (read-only; a site server that does not answer can take a minute)" : _check.Summary;
            _summary.ForeColor = _check.Rows.Any(r => r.NeedsAttention) ? Ui.ErrorColor : Ui.OkColor;
            _message.Text = _check.Error ?? _check.Notice ?? string.Empty;
            _message.ForeColor = _check.Error is null ? SystemColors.ControlText : Ui.ErrorColor;
            FillFindings();
        }
        finally
        {
            _rendering = false;
        }
    }

    private void FillFindings()
    {
        _findings.BeginUpdate();
        _findings.Items.Clear();
        foreach (var row in _check.Rows)
        {
            var item = new ListViewItem([row.Status, row.Area, row.Check, row.Found]) { Tag = row, ImageKey = ImageKey(row.Finding.Status), UseItemStyleForSubItems = false };
            item.SubItems[0].ForeColor = row.Finding.Status switch
            {
                FindingStatus.Confirmed => Ui.OkColor,
                FindingStatus.AccessDenied => Ui.WarningColor,
                FindingStatus.NotApplicable => SystemColors.GrayText,
                _ => Ui.ErrorColor,
            };
            _findings.Items.Add(item);
        }

        _findings.EndUpdate();
        _details.Text = string.Empty;
    }

    private static string ImageKey(FindingStatus status) => status switch
    {
        FindingStatus.Confirmed => nameof(CheckStatus.Pass),
        FindingStatus.AccessDenied => nameof(CheckStatus.Warn),
        FindingStatus.NotApplicable => nameof(StepState.Pending),
        _ => nameof(CheckStatus.Fail),
    };

    private void ShowSelected() =>
        _details.Text = _findings.SelectedItems.Count > 0 && _findings.SelectedItems[0].Tag is ServerCheckRow row
            ? ServerCheckWindow.Describe(row)
            : string.Empty;

    private void SaveReport()
    {
        using var dialog = new SaveFileDialog
        {
            Title = "Save the server check report",
            FileName = _check.SuggestedFileName,
            Filter = "JSON report (*.json)|*.json|All files (*.*)|*.*",
            DefaultExt = "json",
            OverwritePrompt = true,
        };
        if (dialog.ShowDialog(this) == DialogResult.OK)
        {
            _check.SaveReport(dialog.FileName);
        }
    }

    private void CopyReport()
    {
        try
        {
            Clipboard.SetText(_check.TextReport);
            _check.ReportCopied();
        }
        catch (System.Runtime.InteropServices.ExternalException ex)
        {
            // Another program holds the clipboard open; the admin can try again or save the report instead.
            MessageBox.Show(this, "The clipboard is in use by another program: " + ex.Message + " Try again, or use Save report.", Text,
                MessageBoxButtons.OK, MessageBoxIcon.Warning);
        }
    }
}
