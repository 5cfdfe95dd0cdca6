using System.Drawing;
using System.Windows.Forms;
using CMDisconnectedSync.App.Presentation.Launch;
using CMDisconnectedSync.App.Presentation.Operations;

namespace CMDisconnectedSync.App.Forms;

/// <summary>Asks for the site when a node-level action found neither a server nor a console connection.</summary>
internal sealed class SitePromptForm : Form
{
    private readonly SitePromptPresenter _presenter;
    private readonly Label _error;

    public SitePromptForm(SitePromptPresenter presenter, string reason)
    {
        _presenter = presenter;
        Ui.PrepareForm(this, "CMDisconnectedSync: which site?", new Size(520, 190));
        FormBorderStyle = FormBorderStyle.FixedDialog;
        MaximizeBox = MinimizeBox = false;
        var layout = new TableLayoutPanel { Dock = DockStyle.Fill, ColumnCount = 2, RowCount = 5, Padding = new Padding(12) };
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Absolute, 160));
        layout.ColumnStyles.Add(new ColumnStyle(SizeType.Percent, 100));
        var intro = Ui.Label(reason, "Why the site is asked for");
        layout.Controls.Add(intro, 0, 0);
        layout.SetColumnSpan(intro, 2);
        var server = Ui.TextBox("Site server");
        server.TextChanged += (_, _) => presenter.SiteServer = server.Text;
        var code = Ui.TextBox("Site code");
        code.TextChanged += (_, _) => presenter.SiteCode = code.Text;
        layout.Controls.Add(new Label { Text = "Site &server:", AutoSize = true, Margin = new Padding(3, 8, 3, 3) }, 0, 1);
        layout.Controls.Add(server, 1, 1);
        layout.Controls.Add(new Label { Text = "Site &code (optional):", AutoSize = true, Margin = new Padding(3, 8, 3, 3) }, 0, 2);
        layout.Controls.Add(code, 1, 2);
        _error = Ui.Message("Problem with the entry");
        _error.ForeColor = Ui.ErrorColor;
        layout.Controls.Add(_error, 0, 3);
        layout.SetColumnSpan(_error, 2);
        var buttons = new FlowLayoutPanel { Dock = DockStyle.Fill, FlowDirection = FlowDirection.RightToLeft };
        var cancel = Ui.Button("Cancel", "Cancel");
        cancel.DialogResult = DialogResult.Cancel;
        var ok = Ui.Button("OK", "OK");
        ok.Click += (_, _) => Accept();
        buttons.Controls.Add(cancel);
        buttons.Controls.Add(ok);
        layout.Controls.Add(buttons, 0, 4);
        layout.SetColumnSpan(buttons, 2);
        Controls.Add(layout);
        AcceptButton = ok;
        CancelButton = cancel;
    }

    public SiteTarget? ChosenSite { get; private set; }

    private void Accept()
    {
        ChosenSite = _presenter.Accept();
        _error.Text = _presenter.Error ?? string.Empty;
        if (ChosenSite is not null)
        {
            DialogResult = DialogResult.OK;
        }
    }
}
