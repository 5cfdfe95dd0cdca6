using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Pages;

namespace CMDisconnectedSync.App.Forms;

/// <summary>
/// "Trust this certificate…": the certificate of a bundle refused for its untrusted signer, and a box for the thumbprint
/// read on the export server. Trust is enabled only when the typed thumbprint matches (the presenter decides).
/// </summary>
internal sealed class TrustSignerForm : ToolDialogForm
{
    private readonly SignerTrustDialog _dialog;
    private readonly TextBox _thumbprint;
    private readonly Label _match;
    private readonly TextBox _error;
    private readonly Button _trust;

    public TrustSignerForm(SignerTrustDialog dialog, string? banner)
        : base(SignerTrustDialog.Title, new Size(720, 560), banner)
    {
        _dialog = dialog;
        MinimizeBox = false;
        var intro = Ui.Note("How to confirm the certificate", SignerTrustDialog.Instructions);
        var details = new DetailsGrid("Certificate that signed the bundle");
        details.Show(dialog.Details);
        _thumbprint = new TextBox
        {
            Dock = DockStyle.Fill,
            Font = new Font(FontFamily.GenericMonospace, 10F),
            AccessibleName = "Thumbprint read on the export server",
        };
        _thumbprint.TextChanged += (_, _) => _dialog.TypedThumbprint = _thumbprint.Text;
        _match = Ui.Message("Does the thumbprint match");
        _error = Ui.Note("Why the certificate cannot be trusted", color: Ui.ErrorColor);
        _trust = Ui.Button("&Trust this certificate", "Trust this certificate", 170);
        _trust.Click += async (_, _) => await _dialog.TrustAsync(Lifetime);
        var cancel = Ui.Button("Cancel", "Cancel");
        cancel.DialogResult = DialogResult.Cancel;
        var buttons = ButtonRow(cancel, _trust);

        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 1, RowCount = 7, Padding = new Padding(12) };
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.Percent, 100));
        layout.RowStyles.Add(new RowStyle(SizeType.AutoSize));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 32));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 44));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 60));
        layout.RowStyles.Add(new RowStyle(SizeType.Absolute, 40));
        layout.Controls.Add(intro, 0, 0);
        layout.Controls.Add(details, 0, 1);
        layout.Controls.Add(Ui.Label("&Thumbprint as shown on the export server:", "Thumbprint heading", bold: true), 0, 2);
        layout.Controls.Add(_thumbprint, 0, 3);
        layout.Controls.Add(_match, 0, 4);
        layout.Controls.Add(_error, 0, 5);
        layout.Controls.Add(buttons, 0, 6);
        SetContent(layout);

        AcceptButton = _trust;
        CancelButton = cancel;
        _dialog.Changed += (_, _) => Render();
        Shown += (_, _) =>
        {
            Render();
            _thumbprint.Focus();
        };
    }

    public SignerTrustDialog Dialog => _dialog;

    /// <summary>Types into the thumbprint box as the admin would (the UI test's auto-pilot).</summary>
    public void TypeThumbprint(string text) => _thumbprint.Text = text;

    /// <summary>Presses "Trust this certificate" (the UI test's auto-pilot).</summary>
    public void PressTrust() => _trust.PerformClick();

    private void Render()
    {
        if (_dialog.Result is not null)
        {
            DialogResult = DialogResult.OK;
            return;
        }

        _match.Text = _dialog.MatchText;
        _match.ForeColor = _dialog.Match switch
        {
            ThumbprintMatch.Matches => Ui.OkColor,
            ThumbprintMatch.Mismatch => Ui.ErrorColor,
            _ => SystemColors.ControlText,
        };
        _error.Text = _dialog.Error ?? _dialog.ValidityProblem ?? string.Empty;
        _error.Visible = _error.Text.Length > 0;
        _trust.Enabled = _dialog.CanTrust;
        UseWaitCursor = _dialog.IsBusy;
    }
}
