using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Operations;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Export options: target, signing certificate, base, volume size, what-if. Values flow into the presenter as typed.</summary>
internal sealed class ExportOptionsView : PageView
{
    private readonly ExportOptionsPage _page;
    private readonly FieldIssues _issues;
    private readonly TextBox _target;
    private readonly RadioButton _fromStore;
    private readonly TextBox _thumbprint;
    private readonly TextBox _pfx;
    private readonly TextBox _password;
    private readonly ComboBox _base;
    private readonly TextBox _receipt;
    private readonly ComboBox _split;
    private readonly TextBox _megabytes;
    private readonly CheckBox _whatIf;
    private readonly Button _browsePfx;
    private readonly Button _browseReceipt;
    private readonly Label _baseNote;
    private IReadOnlyList<ExportBaseChoice> _shownBases = [];
    private bool _rendering;

    public ExportOptionsView(ExportOptionsPage page)
        : base("Export options")
    {
        _page = page;
        var issueList = Ui.Message("Problems to fix");
        issueList.ForeColor = Ui.ErrorColor;
        _issues = new FieldIssues(issueList);
        var grid = new TableLayoutPanel { Dock = DockStyle.Top, AutoSize = true, ColumnCount = 3 };
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 200));
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        grid.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 96));

        _target = Ui.TextBox("Target folder or media");
        _target.Text = page.TargetFolder;
        _target.TextChanged += (_, _) => page.TargetFolder = _target.Text;
        AddRow(grid, "&Target folder or media:", _target, BrowseFolder(_target));
        _issues.Bind(nameof(ExportOptionsPage.TargetFolder), _target);

        _fromStore = new RadioButton { Text = "&Certificate thumbprint:", AutoSize = true, Checked = page.Signing == SigningSource.CertificateStore, AccessibleName = "Sign with a certificate from the store" };
        var fromPfx = new RadioButton { Text = "PF&X file:", AutoSize = true, Checked = page.Signing == SigningSource.PfxFile, AccessibleName = "Sign with a PFX file" };
        _thumbprint = Ui.TextBox("Signing certificate thumbprint");
        _thumbprint.Text = page.CertificateThumbprint;
        _thumbprint.TextChanged += (_, _) => page.CertificateThumbprint = _thumbprint.Text;
        _pfx = Ui.TextBox("PFX file");
        _pfx.Text = page.PfxPath;
        _pfx.TextChanged += (_, _) => page.PfxPath = _pfx.Text;
        _password = Ui.TextBox("PFX password");
        _password.UseSystemPasswordChar = true;
        _password.TextChanged += (_, _) => page.PfxPassword = _password.Text;
        _fromStore.CheckedChanged += (_, _) =>
        {
            page.Signing = _fromStore.Checked ? SigningSource.CertificateStore : SigningSource.PfxFile;
            EnableFields();
        };
        _browsePfx = BrowseFile(_pfx, "Signing certificate (*.pfx;*.p12)|*.pfx;*.p12");
        AddRow(grid, _fromStore, _thumbprint, null);
        AddRow(grid, fromPfx, _pfx, _browsePfx);
        AddRow(grid, "PFX pass&word:", _password, null);
        _issues.Bind(nameof(ExportOptionsPage.CertificateThumbprint), _thumbprint);
        _issues.Bind(nameof(ExportOptionsPage.PfxPath), _pfx);

        // Only the bases this server's export chain allows (the presenter's list); the note below says why one is missing.
        _base = Combo("Export base");
        _base.SelectedIndexChanged += (_, _) =>
        {
            if (_rendering || _base.SelectedIndex < 0 || _base.SelectedIndex >= _shownBases.Count)
            {
                return;
            }

            page.Base = _shownBases[_base.SelectedIndex].Kind;
            EnableFields();
        };
        AddRow(grid, "Export b&ase:", _base, null);
        _issues.Bind(nameof(ExportOptionsPage.Base), _base);
        _baseNote = new Label
        {
            AutoSize = false,
            Anchor = AnchorStyles.Left | AnchorStyles.Right | AnchorStyles.Top,
            Height = 36,
            Margin = new Padding(3, 0, 3, 6),
            AccessibleName = "What the export chain allows",
            ForeColor = System.Drawing.SystemColors.GrayText,
        };
        // The chain's folder can be a long path: the note takes as many lines as it needs.
        Ui.GrowWithText(_baseNote);
        grid.Controls.Add(_baseNote, 1, grid.RowCount);
        grid.SetColumnSpan(_baseNote, 2);
        grid.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        grid.RowCount++;
        _receipt = Ui.TextBox("State receipt");
        _receipt.Text = page.ReceiptPath;
        _receipt.TextChanged += (_, _) => page.ReceiptPath = _receipt.Text;
        _browseReceipt = BrowseFile(_receipt, "State receipt (*.json)|*.json|All files|*.*");
        AddRow(grid, "State &receipt:", _receipt, _browseReceipt);
        _issues.Bind(nameof(ExportOptionsPage.ReceiptPath), _receipt);

        _split = Combo("Volume size", "One volume (NTFS, exFAT, network share)", "FAT32 media (files up to 4 GB - 1 byte)", "Custom size in MB");
        _split.SelectedIndex = (int)page.Split;
        _split.SelectedIndexChanged += (_, _) =>
        {
            page.Split = (VolumeSplit)_split.SelectedIndex;
            EnableFields();
        };
        AddRow(grid, "&Volume size:", _split, null);
        _megabytes = Ui.TextBox("Custom volume size in MB");
        _megabytes.Text = page.CustomVolumeMegabytes;
        _megabytes.TextChanged += (_, _) => page.CustomVolumeMegabytes = _megabytes.Text;
        AddRow(grid, "Custom size (&MB):", _megabytes, null);
        _issues.Bind(nameof(ExportOptionsPage.CustomVolumeMegabytes), _megabytes);

        var contentRequest = Ui.TextBox("Deployment content request (optional)");
        contentRequest.Text = page.ContentRequestPath;
        contentRequest.TextChanged += (_, _) => page.ContentRequestPath = contentRequest.Text;
        AddRow(grid, "Content re&quest:", contentRequest, BrowseFile(contentRequest, "Content request (*.json)|*.json|All files|*.*"));
        _issues.Bind(nameof(ExportOptionsPage.ContentRequestPath), contentRequest);

        _whatIf = new CheckBox { Text = "W&hat-if: show the plan, write nothing", AutoSize = true, Checked = page.WhatIf, AccessibleName = "What-if" };
        _whatIf.CheckedChanged += (_, _) => page.WhatIf = _whatIf.Checked;
        grid.Controls.Add(_whatIf, 1, grid.RowCount);
        grid.RowCount++;

        Controls.Add(_issues.List);
        Controls.Add(grid);
        RenderBases();
        EnableFields();
    }

    public override Control FirstFocus => _target;

    public override void Render()
    {
        _issues.Show(_page.Issues);
        RenderBases();
        if (_whatIf.Checked != _page.WhatIf)
        {
            _whatIf.Checked = _page.WhatIf;
        }

        EnableFields();
    }

    private void RenderBases()
    {
        _rendering = true;
        try
        {
            var choices = _page.BaseChoices;
            if (!choices.SequenceEqual(_shownBases))
            {
                _shownBases = choices;
                _base.Items.Clear();
                _base.Items.AddRange(choices.Select(c => (object)c.Label).ToArray());
            }

            var index = choices.Select(c => c.Kind).ToList().IndexOf(_page.Base);
            _base.SelectedIndex = index;
            _baseNote.Text = _page.BaseNote;
            _baseNote.Visible = _baseNote.Text.Length > 0;
        }
        finally
        {
            _rendering = false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _issues.Dispose();
        }

        base.Dispose(disposing);
    }

    private void EnableFields()
    {
        var store = _page.Signing == SigningSource.CertificateStore;
        _thumbprint.Enabled = store;
        _pfx.Enabled = _password.Enabled = _browsePfx.Enabled = !store;
        _receipt.Enabled = _browseReceipt.Enabled = _page.Base == ExportBaseKind.Receipt;
        _megabytes.Enabled = _page.Split == VolumeSplit.Custom;
    }

    private static void AddRow(TableLayoutPanel grid, string label, Control field, Control? button) =>
        AddRow(grid, new Label { Text = label, AutoSize = true, Margin = new Padding(3, 8, 3, 3) }, field, button);

    private static void AddRow(TableLayoutPanel grid, Control label, Control field, Control? button)
    {
        var row = grid.RowCount;
        grid.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        grid.Controls.Add(label, 0, row);
        grid.Controls.Add(field, 1, row);
        if (button is not null)
        {
            grid.Controls.Add(button, 2, row);
        }

        grid.RowCount = row + 1;
    }

    private static ComboBox Combo(string accessibleName, params string[] items)
    {
        var combo = new ComboBox { DropDownStyle = ComboBoxStyle.DropDownList, Dock = DockStyle.Fill, AccessibleName = accessibleName };
        combo.Items.AddRange(items.Cast<object>().ToArray());
        return combo;
    }

    private static Button BrowseFolder(TextBox target)
    {
        var button = Ui.Button("Brows&e…", "Browse for the target folder", 88);
        button.Click += (_, _) =>
        {
            using var dialog = new FolderBrowserDialog { SelectedPath = target.Text, Description = "Folder or media to write the bundle to" };
            if (dialog.ShowDialog() == DialogResult.OK)
            {
                target.Text = dialog.SelectedPath;
            }
        };
        return button;
    }

    private static Button BrowseFile(TextBox target, string filter)
    {
        var button = Ui.Button("Browse…", "Browse for " + target.AccessibleName, 88);
        button.Click += (_, _) =>
        {
            using var dialog = new OpenFileDialog { FileName = target.Text, Filter = filter, CheckFileExists = true };
            if (dialog.ShowDialog() == DialogResult.OK)
            {
                target.Text = dialog.FileName;
            }
        };
        return button;
    }
}
