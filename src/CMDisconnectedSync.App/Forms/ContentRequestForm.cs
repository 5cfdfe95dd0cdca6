using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Content;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// "Request content…": the site's software update groups as a checked list (the console row's group ticked), every
/// required update, how many files and bytes that is, where the request goes (Browse…), Write request. The presenter
/// decides; this window only shows it and passes the admin's clicks on.
/// </summary>
internal sealed class ContentRequestForm : ToolDialogForm
{
    private readonly ContentRequestDialog _dialog;
    private readonly CheckedListBox _groups;
    private readonly CheckBox _required;
    private readonly Label _summary;
    private readonly TextBox _leftOut;
    private readonly TextBox _path;
    private readonly Button _browse;
    private readonly TextBox _message;
    private readonly Button _write;
    private readonly Button _close;
    private bool _rendering;

    public ContentRequestForm(ContentRequestDialog dialog, string? banner)
        : base(ContentRequestDialog.Title + ": " + dialog.SiteText, new Size(760, 716), banner)
    {
        _dialog = dialog;
        MinimizeBox = false;
        var intro = Ui.Note("What a content request is", dialog.Intro);
        _groups = new CheckedListBox { Dock = DockStyle.Fill, CheckOnClick = true, IntegralHeight = false, AccessibleName = "Software update groups" };
        _groups.ItemCheck += OnGroupCheck;
        _required = new CheckBox
        {
            Text = "Also every update a client reports as &required (not expired)",
            AutoSize = true,
            Margin = new Padding(3, 6, 3, 3),
            AccessibleName = "Every required update",
        };
        _required.CheckedChanged += async (_, _) =>
        {
            if (!_rendering)
            {
                await _dialog.SetIncludeRequiredAsync(_required.Checked, Lifetime);
            }
        };
        _summary = Ui.Message("Files and size requested");
        _summary.Font = new Font(SystemFonts.MessageBoxFont, FontStyle.Bold);
        _leftOut = Ui.Note("Left out of the request");
        _path = Ui.TextBox("Request file");
        _path.TextChanged += (_, _) =>
        {
            if (!_rendering)
            {
                _dialog.OutputPath = _path.Text;
            }
        };
        _browse = Ui.Button("&Browse…", "Browse for the request file");
        _browse.Click += (_, _) => Browse();
        _message = Ui.Note("Result or error");
        _write = Ui.Button("&Write request", "Write request", 130);
        _write.Click += async (_, _) => await _dialog.SaveAsync(Lifetime);
        _close = Ui.Button("Cancel", "Cancel");
        _close.DialogResult = DialogResult.Cancel;

        var pathRow = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, RowCount = 1, Margin = Padding.Empty };
        pathRow.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        pathRow.ColumnStyles.Add(new ColumnStyle(SizeType.AutoSize));
        pathRow.Controls.Add(_path, 0, 0);
        pathRow.Controls.Add(_browse, 1, 0);
        var buttons = ButtonRow(_close, _write);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 11, Padding = new Padding(12) };
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 28));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 62));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 36));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 150));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.Controls.Add(intro, 0, 0);
        layout.Controls.Add(Ui.Label("Software update &groups on the site:", "Software update groups heading", bold: true), 0, 1);
        layout.Controls.Add(_groups, 0, 2);
        layout.Controls.Add(_required, 0, 3);
        layout.Controls.Add(_summary, 0, 4);
        layout.Controls.Add(_leftOut, 0, 5);
        layout.Controls.Add(Ui.Label("Request &file (carry it to the internet side):", "Request file heading", bold: true), 0, 6);
        layout.Controls.Add(pathRow, 0, 7);
        layout.Controls.Add(_message, 0, 8);
        layout.Controls.Add(buttons, 0, 9);
        SetContent(layout);

        AcceptButton = _write;
        CancelButton = _close;
        _dialog.Changed += (_, _) => Render();
        Shown += async (_, _) =>
        {
            FitScrollBar(intro);
            Render();
            await _dialog.LoadAsync(Lifetime);
        };
    }

    public ContentRequestDialog Dialog => _dialog;

    private void Render()
    {
        _rendering = true;
        try
        {
            if (_groups.Items.Count != _dialog.Groups.Count)
            {
                _groups.Items.Clear();
                foreach (var choice in _dialog.Groups)
                {
                    _groups.Items.Add(choice.Text);
                }
            }

            for (var i = 0; i < _dialog.Groups.Count; i++)
            {
                _groups.SetItemChecked(i, _dialog.Groups[i].IsChecked);
            }

            _groups.Enabled = _required.Enabled = _dialog.CanChangeSelection;
            _required.Checked = _dialog.IncludeRequired;
            _summary.Text = _dialog.SummaryText;
            _leftOut.Text = _dialog.LeftOut.Count == 0 ? string.Empty : "Left out: " + string.Join(Environment.NewLine + "Left out: ", _dialog.LeftOut);
            if (!string.Equals(_path.Text, _dialog.OutputPath, StringComparison.Ordinal))
            {
                _path.Text = _dialog.OutputPath;
                // Show the end of a long path: the file name is what the admin checks.
                _path.SelectionStart = _path.Text.Length;
            }

            _path.ReadOnly = _dialog.Result is not null;
            _browse.Enabled = _dialog.Result is null && !_dialog.IsBusy;
            _message.Text = _dialog.Error ?? _dialog.ResultText;
            _message.ForeColor = _dialog.Error is null ? Ui.OkColor : Ui.ErrorColor;
            _write.Enabled = _dialog.CanSave;
            _close.Text = _dialog.Result is null ? "Cancel" : "Close";
            _close.AccessibleName = _close.Text;
            UseWaitCursor = _dialog.IsBusy;
            FitScrollBar(_leftOut);
            FitScrollBar(_message);
        }
        finally
        {
            _rendering = false;
        }
    }

    /// <summary>A scroll bar only when the text is taller than the box (Mono draws an empty one otherwise).</summary>
    private static void FitScrollBar(TextBox box)
    {
        var needed = box.Text.Length == 0 ? 0 : TextRenderer.MeasureText(
            box.Text, box.Font, new Size(Math.Max(1, box.ClientSize.Width - SystemInformation.VerticalScrollBarWidth), int.MaxValue),
            TextFormatFlags.WordBreak | TextFormatFlags.TextBoxControl).Height;
        var bars = needed > box.ClientSize.Height ? ScrollBars.Vertical : ScrollBars.None;
        if (box.ScrollBars != bars)
        {
            box.ScrollBars = bars;
        }
    }

    private async void OnGroupCheck(object? sender, ItemCheckEventArgs e)
    {
        if (_rendering || e.Index < 0 || e.Index >= _dialog.Groups.Count)
        {
            return;
        }

        // ItemCheck comes before the box changes: pass the new state on once this event has returned.
        var choice = _dialog.Groups[e.Index];
        var isChecked = e.NewValue == CheckState.Checked;
        await Task.Yield();
        await _dialog.SetGroupCheckedAsync(choice, isChecked, Lifetime);
    }

    /// <summary>Ticks or clears the group at <paramref name="index"/> through the list, as a click would (the UI test's auto-pilot).</summary>
    public void SetGroupChecked(int index, bool isChecked) => _groups.SetItemChecked(index, isChecked);

    private void Browse()
    {
        var current = _dialog.OutputPath;
        using var save = new SaveFileDialog
        {
            Title = "Write the content request to",
            FileName = current.Length == 0 ? "content-request.json" : Path.GetFileName(current),
            Filter = "Content request (*.json)|*.json|All files (*.*)|*.*",
            DefaultExt = "json",
            OverwritePrompt = true,
        };
        var folder = current.Length == 0 ? null : Path.GetDirectoryName(current);
        if (folder is not null && Directory.Exists(folder))
        {
            save.InitialDirectory = folder;
        }

        if (save.ShowDialog(this) == DialogResult.OK)
        {
            _dialog.OutputPath = save.FileName;
        }
    }
}
